// The README's pictures of the web page, one per view, made from the project's own example files:
//
//   node --import tsx scripts/screenshots.ts        # writes docs/images/web-*.png
//
// Builds a library from examples/*.mid with the CLI's `run` (embedded PGlite database, in a fixed folder
// under the system's temporary folder so the paths shown are short and the same every time), starts
// `midi-pipeline serve` on it, and drives Debian's Chromium through the views as the browser tests do
// (test/web/page.test.ts). Needs /usr/bin/chromium (apt-get install -y chromium) or CHROMIUM_PATH.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { spawnServer } from '../test/runtime/spawn-server.ts';
import { projectRoot } from '../test/support/mido.ts';
import { dropFile, launchChromium } from '../test/web/support/browser.ts';
import { makeExampleLibrary } from '../test/web/support/library.ts';

const OUT = join(projectRoot, 'docs', 'images');
const CLI = join(projectRoot, 'bin', 'midi-pipeline.js');
const DESKTOP = { width: 1100, height: 820 };
const PHONE = { width: 390, height: 844 };

async function settle(page: Page): Promise<void> {
  // Canvases draw on the next animation frames; two frames and a moment for fonts.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(200);
}

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await settle(page);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage });
  console.log(`wrote ${path}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const folder = join(tmpdir(), 'midi-library');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const dataDir = join(folder, 'db');
  const library = await makeExampleLibrary(['--data-dir', dataDir], folder);
  const server = await spawnServer('node', process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'], { DATABASE_URL: '' }, projectRoot);
  const browser = await launchChromium(DESKTOP);
  try {
    const page = await browser.context.newPage();
    // A loaded machine can take a while to answer the first analysis.
    page.setDefaultTimeout(120_000);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${server.url}/#/`);
    const waltz = join(library.examples, 'waltz-a-minor-multitrack.mid');
    await dropFile(page, '#drop-zone', 'waltz-a-minor-multitrack.mid', readFileSync(waltz));
    await page.waitForSelector('.tempo canvas');
    await shoot(page, 'web-analyze');

    await page.setInputFiles('#midi-file', join(library.examples, 'broken-truncated-header.mid'));
    await page.waitForSelector('[role="alert"]');
    await shoot(page, 'web-error', false);

    await page.goto(`${server.url}/#/library`);
    await page.waitForSelector('#library-results table');
    await shoot(page, 'web-library');

    await page.click('#library-results >> text=waltz-a-minor-multitrack.mid');
    await page.waitForSelector('.roll canvas');
    await page.waitForSelector('h3:text("Split into")');
    await shoot(page, 'web-file');

    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/#/`);
    await page.setInputFiles('#midi-file', join(library.examples, 'drum-loop.mid'));
    await page.waitForSelector('.tempo canvas');
    await shoot(page, 'web-phone');
  } finally {
    await browser.close();
    await server.close();
    library.remove();
  }
}

await main();
