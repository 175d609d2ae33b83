// The web page in a real browser (Debian's Chromium, headless, through playwright-core) against the Node
// entry (node.ts) with a PostgreSQL database of its own, filled from examples/*.mid by the CLI's `run`:
// a dropped file's card and piano roll, a broken file's error, the file picker from the keyboard, a
// library search, a stored file's page, a phone-sized screen; and through it all, no request beyond the
// server, no script error and no policy violation. Each view's screenshot goes to test/web/screenshots/
// (gitignored) for review.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../../adapters/edge/app.ts';
import { type NodeDb, openNodeDb } from '../../adapters/edge/node-db.ts';
import { type RunningServer, startNodeServer } from '../../adapters/edge/node.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type Browser, CHROMIUM_PATH, canvasInk, dropFile, hasChromium, launchChromium } from './support/browser.ts';
import { type ExampleLibrary, makeExampleLibrary } from './support/library.ts';

const SCREENSHOTS = fileURLToPath(new URL('screenshots', import.meta.url));
const BROWSER_TEST = { timeout: 120_000 };

let database: TestDatabase;
let library: ExampleLibrary;
let nodeDb: NodeDb;
let server: RunningServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!hasChromium()) throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  database = await createTestDatabase('web');
  library = await makeExampleLibrary(['--database-url', database.url]);
  nodeDb = await openNodeDb({ databaseUrl: database.url, pool: 'shared', driver: 'postgres-js', poolSettings: { preset: 'lazy', workers: 1, env: {} } });
  server = await startNodeServer({ port: 0, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, db: nodeDb });
  browser = await launchChromium();
  // Policy violations are reported to the page as events; an init script (outside the page's policy) logs them.
  await browser.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page = await browser.context.newPage();
  // Playwright's default of 30 s per wait is short for a machine shared with other test suites.
  page.setDefaultTimeout(90_000);
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The API's 4xx answers (a broken file) are logged by Chromium as failed loads: expected, not problems.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  library?.remove();
  await database?.drop();
});

const example = (name: string) => join(library.examples, name);
const fact = async (name: string) => (await page.textContent(`.card [data-fact="${name}"]`))?.replace(/\s+/g, ' ').trim();
const screenshot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** Canvas pixels once drawn (the page draws on the next animation frame, and again on resize). */
async function inkOf(selector: string, enough: (ink: Awaited<ReturnType<typeof canvasInk>>) => boolean): Promise<Awaited<ReturnType<typeof canvasInk>>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ink = await canvasInk(page, selector);
    if (enough(ink) || Date.now() > deadline) return ink;
    await page.waitForTimeout(100);
  }
}

describe('the web page in Chromium', () => {
  it('is served with a strict Content-Security-Policy', BROWSER_TEST, async () => {
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(await page.textContent('h1')).toBe('Analyse a MIDI file');
  });

  it('analyses a dropped file: key and duration on the card, a drawn piano roll and tempo curve', BROWSER_TEST, async () => {
    await dropFile(page, '#drop-zone', 'waltz-a-minor-multitrack.mid', readFileSync(example('waltz-a-minor-multitrack.mid')));
    await page.waitForSelector('.card');
    expect(await fact('key')).toMatch(/^A minor \(confidence \d+%\)/);
    expect(await fact('duration')).toBe('0:19.1');
    expect(await fact('tempo')).toContain('90 BPM');
    expect(await fact('meter')).toBe('3/4');
    const roll = await inkOf('.roll canvas', (ink) => ink.coloured > 1000);
    expect(roll.coloured).toBeGreaterThan(1000);
    expect(await page.textContent('.roll .legend')).toContain('Track 2: Piano');
    const tempo = await inkOf('.tempo canvas', (ink) => ink.coloured > 100);
    expect(tempo.coloured).toBeGreaterThan(100);
    await screenshot('analyze');

    // Zoom by button and by keyboard: the scrolling strip grows, and the arrow keys scroll it.
    const width = () => page.locator('.roll-content').evaluate((e) => e.getBoundingClientRect().width);
    const before = await width();
    await page.click('.roll button[aria-label="Zoom in"]');
    expect(await width()).toBeGreaterThan(before * 1.8);
    await page.focus('.roll-scroll');
    await page.keyboard.press('+');
    expect(await width()).toBeGreaterThan(before * 3.5);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('.roll-scroll')!.scrollLeft > 0);
  });

  it('shows a broken file error code and message plainly', BROWSER_TEST, async () => {
    await page.setInputFiles('#midi-file', example('broken-truncated-header.mid'));
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.locator('.code').textContent()).toBe('MIDI_BAD_HEADER');
    expect(await alert.locator('.message').textContent()).toMatch(/header/i);
    expect(await page.locator('.card').count()).toBe(0);
    await screenshot('error');
  });

  it('opens the file picker from the keyboard', BROWSER_TEST, async () => {
    // Listening for file choosers makes playwright turn on Chromium's interception of the dialog, a round
    // trip of its own that a key press sent right after can overtake (the dialog then opens natively and
    // no event comes: CI timed out so once). Listening before the page loads settles that first.
    const chooserEvent = page.waitForEvent('filechooser');
    chooserEvent.catch(() => {}); // observed now: if a step below fails first, its rejection is not "unhandled"
    await page.goto(`${server.url}/#/`);
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== 'midi-file'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('midi-file');
    await page.keyboard.press('Space');
    const chooser = await chooserEvent;
    await chooser.setFiles(example('c-major-scale.mid'));
    await page.waitForSelector('.card');
    expect(await fact('key')).toMatch(/^C major/);
  });

  it('searches the library with the filters and pages through results', BROWSER_TEST, async () => {
    await page.click('nav >> text=Library');
    await page.waitForSelector('#library-results table');
    // The three examples that are MIDI, and the three per-track files split from the waltz.
    expect(await page.locator('#library-results tbody tr').count()).toBe(6);

    await page.fill('#f-meter', '3/4');
    await page.click('form[role="search"] button[type="submit"]');
    await page.waitForFunction(() => location.hash.includes('time-signature=3%2F4'));
    await page.waitForSelector('#library-results table');
    const names = await page.locator('#library-results tbody th a').allTextContents();
    expect(names).toHaveLength(4);
    expect(names[0]).toBe('waltz-a-minor-multitrack.mid');
    expect(names.slice(1).every((n) => /^waltz-a-minor-multitrack-.*-t0[123]-(Piano|Bass|Strings)\.mid$/.test(n))).toBe(true);
    await screenshot('library');

    await page.goto(`${server.url}/#/library?key=F%23+major`);
    await page.waitForSelector('#library-results [role="status"]:has-text("No stored file matches")');
    await page.goto(`${server.url}/#/library?bpm=fast`);
    expect(await page.locator('#library-results [role="alert"] .code').textContent()).toBe('FILTER_INVALID');
  });

  it('pages through results with the cursor', BROWSER_TEST, async () => {
    // Five files without drums, 25 to a page in the page itself: the API's paging is checked with its own limit.
    const first = await (await fetch(`${server.url}/files?drums=false&limit=2`)).json();
    expect(first.nextCursor).not.toBeNull();
    await page.goto(`${server.url}/#/library?drums=false&after=${first.nextCursor}`);
    await page.waitForSelector('#library-results table');
    expect(await page.locator('#library-results tbody tr').count()).toBe(3);
    await page.click('text=← First page');
    await page.waitForFunction(() => !location.hash.includes('after='));
    await page.waitForSelector('#library-results table');
    expect(await page.locator('#library-results tbody tr').count()).toBe(5);
  });

  it("shows a stored file's page: analysis, piano roll from its path, paths, split children and parent", BROWSER_TEST, async () => {
    await page.goto(`${server.url}/#/library?time-signature=3%2F4`);
    await page.click('#library-results >> text=waltz-a-minor-multitrack.mid');
    await page.waitForSelector('h1:text("waltz-a-minor-multitrack.mid")');
    await page.waitForSelector('.card');
    expect(await fact('key')).toMatch(/^A minor/);
    const roll = await inkOf('.roll canvas', (ink) => ink.coloured > 1000);
    expect(roll.coloured).toBeGreaterThan(1000);
    expect(await page.textContent('#paths-heading + ul')).toContain(example('waltz-a-minor-multitrack.mid'));
    const children = page.locator('h3:text("Split into") + ul li');
    expect(await children.count()).toBe(3);
    expect(await children.nth(0).textContent()).toContain('track 2 (Piano)');
    await screenshot('file');

    await children.nth(0).locator('a').click();
    await page.waitForSelector('h3:text("Split from") + ul');
    expect(await page.textContent('h3:text("Split from") + ul')).toContain('waltz-a-minor-multitrack.mid, its track 2');
  });

  it('fits a phone-sized screen, drums drawn as diamonds', BROWSER_TEST, async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${server.url}/#/`);
      await page.setInputFiles('#midi-file', example('drum-loop.mid'));
      await page.waitForSelector('.card');
      expect(await fact('drums')).toBe('yes, 24 drum notes');
      const roll = await inkOf('.roll canvas', (ink) => ink.dark > 200);
      expect(roll.dark).toBeGreaterThan(200);
      expect(await page.textContent('.roll .legend')).toContain('Drums');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await screenshot('phone-analyze');
      await page.goto(`${server.url}/#/library`);
      await page.waitForSelector('#library-results table');
      // The table scrolls in its own region; the page does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await screenshot('phone-library');
    } finally {
      await page.setViewportSize({ width: 1200, height: 900 });
    }
  });

  it('made no request beyond the server, and met no script error or policy violation', () => {
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
