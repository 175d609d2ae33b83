// The web page's routes in process (app.request): the page and its assets with their security headers and
// validators, the script's hygiene (it parses, builds no HTML from strings), `POST /analyze?include=roll`
// against files written byte by byte, and a stored file's roll and relations over PGlite, where the roll
// is read again from a recorded path only while that path still holds the same content. Responses are
// checked against the OpenAPI document's schemas, strictly.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../adapters/local/db/pglite.ts';
import { readLocalFile } from '../../adapters/edge/node.ts';
import { borrowDb } from '../../adapters/edge/request-db.ts';
import { ASSETS } from '../../adapters/edge/web/assets.ts';
import { MAX_ROLL_NOTES } from '../../adapters/edge/web/roll-data.ts';
import { analyzeMidi, sha256Hex } from '../../core/analysis/analyze.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { Db } from '../../core/db/port.ts';
import { writeFiles } from '../../core/db/write-files.ts';
import { body, testApp } from '../edge/support/app.ts';
import { validate } from '../edge/support/json-schema.ts';
import { projectRoot } from '../support/mido.ts';
import { noteOff, noteOn, smf, tempo } from '../support/smf.ts';

/** Format 0 at 150 BPM: `count` notes one after another, pitches 40-79 rising (too many for smf()'s spreads). */
function manyNotes(count: number): Uint8Array {
  const head = smf({ format: 0, tracks: [[tempo(0, 150)]], endOfTrack: false });
  const note = (i: number) => [...noteOn(0, 0, 40 + (i % 40)), ...noteOff(10, 0, 40 + (i % 40))];
  const perNote = note(0).length;
  const bytes = new Uint8Array(head.length + count * perNote + 4);
  bytes.set(head);
  for (let i = 0; i < count; i++) bytes.set(note(i), head.length + i * perNote);
  bytes.set([0x00, 0xff, 0x2f, 0x00], bytes.length - 4);
  new DataView(bytes.buffer).setUint32(18, bytes.length - 22); // the MTrk length, after the 14-byte header and "MTrk"
  return bytes;
}

const example = (name: string) => new Uint8Array(readFileSync(join(projectRoot, 'examples', name)));
const { app, internalErrors } = testApp();
const schemas = (await (await app.request('/openapi.json')).json()).components.schemas;
const expectSchema = (value: unknown, name: string) => expect(validate(value, { $ref: `#/components/schemas/${name}` }, { components: schemas, strict: true })).toEqual([]);

describe('the page and its assets', () => {
  it('are served with a strict Content-Security-Policy and the other security headers', async () => {
    for (const path of ['/', ...Object.keys(ASSETS).map((name) => `/assets/${name}`)]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp.split('; '), path).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "require-trusted-types-for 'script'"]));
      expect(csp, path).not.toMatch(/unsafe-|https?:|\*|data:/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    expect((await app.request('/')).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await app.request('/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answer 304 to a matching If-None-Match, and a JSON 404 for an unknown asset', async () => {
    const first = await app.request('/assets/app.css');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{8}-[0-9a-z]+"$/);
    const again = await app.request('/assets/app.css', { headers: { 'if-none-match': `W/"other", ${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    for (const name of ['nope.js', 'constructor', '__proto__']) {
      const missing = await app.request(`/assets/${name}`);
      expect(missing.status, name).toBe(404);
      expect((await missing.json()).error.code).toBe('NOT_FOUND');
    }
    expect((await app.request('/assets/app.js?x=1')).status).toBe(400);
  });

  it('the HTML has no inline script, style or handler, and loads only its own assets', async () => {
    const html = await (await app.request('/')).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    for (const url of urls) expect(url, url).toMatch(/^(\/assets\/|#|\/openapi\.json$)/);
  });

  it('the script parses, is strict, and builds no HTML from strings', () => {
    const js = ASSETS['app.js']!.body;
    expect(() => new vm.Script(js)).not.toThrow();
    expect(js).toContain("'use strict'");
    // Trusted Types would make these throw in the browser anyway; this finds them before it does.
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\('style'/);
  });
});

describe('contrast (WCAG 2.1)', () => {
  // Relative luminance and contrast ratio as WCAG 2.1 defines them (success criteria 1.4.3 and 1.4.11).
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };
  const cssVar = (name: string) => new RegExp(`--${name}: (#[0-9a-f]{6})`).exec(ASSETS['app.css']!.body)![1]!;

  it('text colours reach 4.5:1 on their backgrounds', () => {
    for (const [text, background] of [['text', 'bg'], ['muted', 'bg'], ['muted', 'panel'], ['accent', 'bg'], ['accent-text', 'accent'], ['error-text', 'error-bg']]) {
      expect(contrast(cssVar(text!), cssVar(background!)), `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("the piano roll's colours reach 3:1 on its white background", () => {
    const palette = /var PALETTE = \[([^\]]+)\]/.exec(ASSETS['app.js']!.body)![1]!.match(/#[0-9a-f]{6}/g)!;
    expect(palette.length).toBeGreaterThanOrEqual(10);
    for (const colour of palette) expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(3);
  });
});

describe('POST /analyze?include=roll', () => {
  it('adds every note in start order with tracks, channels and drums, and the tempo steps', async () => {
    const res = await app.request('/analyze?include=roll', { method: 'POST', body: body(example('waltz-a-minor-multitrack.mid')), headers: { 'content-type': 'audio/midi' } });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expectSchema(answer, 'AnalysisWithRoll');
    const { roll } = answer;
    expect(roll.noteCount).toBe(answer.noteCount);
    expect(roll.truncated).toBe(false);
    expect(roll.notes.start).toHaveLength(answer.noteCount);
    expect(roll.notes.start).toEqual([...roll.notes.start].sort((a: number, b: number) => a - b));
    expect(new Set(roll.notes.track)).toEqual(new Set([1, 2, 3]));
    expect(new Set(roll.notes.channel)).toEqual(new Set(answer.channels));
    expect(roll.notes.drum.every((d: number) => d === 0)).toBe(true);
    // The example's conductor track: 120, then 90, then 140 BPM (examples/README.md).
    expect(roll.tempo.bpm).toEqual([120, 90, 140]);
    expect(roll.tempo.seconds[0]).toBe(0);

    const drums = await (await app.request('/analyze?include=roll', { method: 'POST', body: body(example('drum-loop.mid')), headers: { 'content-type': 'audio/midi' } })).json();
    expect(drums.roll.notes.drum.every((d: number) => d === 1)).toBe(true);
    expect(drums.roll.notes.drum).toHaveLength(drums.drumNoteCount);
  });

  it('keeps the earliest notes of a huge file, says so, and refuses unknown values', async () => {
    const notes = MAX_ROLL_NOTES + 5;
    const res = await app.request('/analyze?include=roll', { method: 'POST', body: body(manyNotes(notes)), headers: { 'content-type': 'audio/midi' } });
    const { roll, noteCount } = await res.json();
    expect(noteCount).toBe(notes);
    expect(roll).toMatchObject({ noteCount: notes, truncated: true });
    expect(roll.notes.pitch).toHaveLength(MAX_ROLL_NOTES);
    expect(roll.notes.pitch.slice(0, 3)).toEqual([40, 41, 42]);
    expect(roll.tempo).toEqual({ seconds: [0], bpm: [150], sampled: false }); // a tempo at tick 0 replaces the default 120

    const bad = await app.request('/analyze?include=notes', { method: 'POST', body: 'MThd', headers: { 'content-type': 'audio/midi' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('QUERY_INVALID');
  });

  it('answers a broken file with its MIDI error code, as without the option', async () => {
    const res = await app.request('/analyze?include=roll', { method: 'POST', body: body(example('broken-truncated-header.mid')), headers: { 'content-type': 'audio/midi' } });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('MIDI_BAD_HEADER');
    expect(internalErrors).toEqual([]);
  });
});

describe('a stored file: GET /files/:sha256/roll and /related', () => {
  let db: Db;
  let folder: string;
  let shaOf: (name: string) => string;
  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    folder = mkdtempSync(join(tmpdir(), 'mp-web-routes-'));
    const names = ['waltz-a-minor-multitrack.mid', 'c-major-scale.mid'];
    const records = await Promise.all(names.map(async (name) => {
      const bytes = example(name);
      writeFileSync(join(folder, name), bytes);
      const sha256 = await sha256Hex(bytes);
      return { sha256, sizeBytes: bytes.length, path: join(folder, name), outcome: { ok: true as const, analysis: analyzeMidi(bytes, { sha256 }) } };
    }));
    await writeFiles(db, records);
    const hashes = new Map(records.map((r, i) => [names[i]!, r.sha256]));
    shaOf = (name) => hashes.get(name)!;
  });
  afterAll(async () => {
    await db?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const withFiles = () => testApp({ openDb: () => borrowDb(db), readLocalFile });

  it('reads the roll again from the recorded path while it holds the same content', async () => {
    const res = await withFiles().get(`/files/${shaOf('waltz-a-minor-multitrack.mid')}/roll`);
    expect(res.status).toBe(200);
    const roll = await res.json();
    expectSchema(roll, 'Roll');
    expect(roll.noteCount).toBe(72);
  });

  it('says why the roll is unavailable: no file access, content changed, unknown file', async () => {
    const sha = shaOf('c-major-scale.mid');
    const noAccess = await testApp({ openDb: () => borrowDb(db) }).get(`/files/${sha}/roll`);
    expect(noAccess.status).toBe(404);
    expect((await noAccess.json()).error).toMatchObject({ code: 'ROLL_UNAVAILABLE', message: expect.stringMatching(/no file access/) });

    writeFileSync(join(folder, 'c-major-scale.mid'), example('drum-loop.mid'));
    const changed = await withFiles().get(`/files/${sha}/roll`);
    expect(changed.status).toBe(404);
    expect((await changed.json()).error).toMatchObject({ code: 'ROLL_UNAVAILABLE', message: expect.stringMatching(/none of the 1 recorded path tried/) });

    const unknown = await withFiles().get(`/files/${'0'.repeat(64)}/roll`);
    expect((await unknown.json()).error.code).toBe('NOT_FOUND');
    expect((await withFiles().get('/files/xyz/roll')).status).toBe(400);
  });

  it('lists related files in the documented shape', async () => {
    const res = await withFiles().get(`/files/${shaOf('waltz-a-minor-multitrack.mid')}/related`);
    expect(res.status).toBe(200);
    const related = await res.json();
    expectSchema(related, 'FileRelations');
    expect(related).toEqual({ parents: [], children: [], sameFingerprint: [], more: { parents: false, children: false, sameFingerprint: false } });
    expect((await withFiles().get(`/files/${'0'.repeat(64)}/related`)).status).toBe(404);
  });
});
