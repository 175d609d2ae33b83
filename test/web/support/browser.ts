// Headless Chromium for the web page's tests and for scripts/screenshots.ts: Debian's `chromium` driven by
// playwright-core (no browser download), with a fresh profile each time and every background service off,
// so the only requests the browser makes are the page's own.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** e.g. `const browser = await launchChromium(); const page = await browser.context.newPage()`. */
export async function launchChromium(viewport = { width: 1200, height: 900 }): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'mp-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport,
      deviceScaleFactor: 1,
      timeout: 90_000,
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface CanvasInk {
  width: number;
  height: number;
  /** Pixels in a clear colour (channel spread over 80): the notes and the tempo line, not the grey grid. */
  coloured: number;
  /** Near-black pixels: drum diamonds. */
  dark: number;
}

/** Reads a canvas's pixels back in the page, e.g. `await canvasInk(page, '.roll canvas')`. */
export async function canvasInk(page: Page, selector: string): Promise<CanvasInk> {
  return page.locator(selector).first().evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let coloured = 0;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!, g = data[i + 1]!, b = data[i + 2]!;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
      else if (r < 60 && g < 60 && b < 60 && data[i + 3]! > 128) dark++;
    }
    return { width: canvas.width, height: canvas.height, coloured, dark };
  });
}

/** Drops a file on an element the way a user's drag and drop does: a `drop` event carrying a DataTransfer. */
export async function dropFile(page: Page, selector: string, name: string, bytes: Uint8Array): Promise<void> {
  const transfer = await page.evaluateHandle(({ name, data }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], name, { type: 'audio/midi' }));
    return dt;
  }, { name, data: Array.from(bytes) });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}
