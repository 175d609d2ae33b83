// The routes in process (`app.request()`), without a database: analysis by every accepted content type,
// multipart, `?notes=tone` against @tonejs/midi itself, `/split` checked by Python's zipfile and the
// midi-file parser, health, and 404/405.
import * as tone from '@tonejs/midi';
import { parseMidi } from 'midi-file';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeMidi, sha256Hex } from '../../core/analysis/analyze.ts';
import { multipartBody } from '../runtime/request-set.ts';
import { EOT, concat, header, track } from '../support/bytes.ts';
import { projectRoot, readCorpusFile } from '../support/mido.ts';
import { readZipWithPython, hexToBytes } from './support/python-zip.ts';
import { body, testApp } from './support/app.ts';

const BACH = 'midi/gh-tonejs-midi/test/midi/bach/bach_846.mid';
// CommonJS only (design.md, "Pitfalls"): the class is on the namespace or on its default export.
const toneModule = tone as unknown as { Midi?: unknown; default?: { Midi?: unknown } };
const Midi = (toneModule.Midi ?? toneModule.default?.Midi) as new (b: Uint8Array) => { toJSON(): unknown };
/** Format 0, one track, one note: nothing to split. */
const SINGLE_TRACK = concat(header(0, 1, 96), track('00 903c64 60 803c40' + EOT));

describe('POST /analyze', () => {
  const bytes = readCorpusFile(BACH);

  it('answers the analysis for each accepted content type, whatever its case and parameters', async () => {
    const { post, internalErrors } = testApp();
    const expected = analyzeMidi(bytes, { sha256: await sha256Hex(bytes) });
    for (const type of ['audio/midi', 'audio/x-midi', 'application/octet-stream', 'Audio/MIDI; charset=binary']) {
      const res = await post('/analyze', body(bytes), type);
      expect(res.status, type).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    }
    expect(internalErrors).toEqual([]);
  });

  it('reads the multipart field "file"', async () => {
    const { post } = testApp();
    const { body: form, contentType } = await multipartBody({ title: 'ignored', file: bytes });
    const res = await post('/analyze', body(form), contentType);
    expect(res.status).toBe(200);
    expect((await res.json()).sha256).toBe(await sha256Hex(bytes));
  });

  it('adds the notes of @tonejs/midi with ?notes=tone, the analysis unchanged', async () => {
    const { post } = testApp();
    const plain = await (await post('/analyze', body(bytes))).json();
    const res = await post('/analyze?notes=tone', body(bytes));
    expect(res.status).toBe(200);
    const { notes, ...analysis } = await res.json();
    expect(analysis).toEqual(plain);
    expect(notes).toEqual(JSON.parse(JSON.stringify(new Midi(bytes).toJSON())));
  });

  it('refuses unknown or malformed query parameters', async () => {
    const { post } = testApp();
    for (const query of ['stroe=true', 'store=maybe', 'notes=midi', 'notes=tone&notes=tone']) {
      const res = await post(`/analyze?${query}`, body(bytes));
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.code).toBe('QUERY_INVALID');
    }
  });
});

describe('POST /split', () => {
  it('answers a ZIP of the tracks with notes, each a format-0 file Python and midi-file can read', async () => {
    const { post } = testApp();
    const bytes = readCorpusFile(BACH);
    const res = await post('/split', body(bytes));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${(await sha256Hex(bytes)).slice(0, 12)}-tracks.zip"`);
    const zip = readZipWithPython(new Uint8Array(await res.arrayBuffer()));
    expect(zip.bad).toBeNull();

    // Independently: midi-file's parse of the parent says which tracks have note-ons (velocity > 0).
    const parent = parseMidi(bytes);
    const noteOns = (t: { type: string; velocity?: number }[]) => t.filter((e) => e.type === 'noteOn' && (e.velocity ?? 0) > 0).length;
    const withNotes = parent.tracks.map((t, i) => [i, noteOns(t)] as const).filter(([, n]) => n > 0);
    expect(zip.entries.map((e) => e.name)).toEqual(withNotes.map(([i]) => `track-${String(i).padStart(2, '0')}.mid`));
    expect(res.headers.get('x-track-count')).toBe(String(withNotes.length));
    zip.entries.forEach((entry, k) => {
      const child = parseMidi(hexToBytes(entry.hex));
      expect(child.header.format).toBe(0);
      expect(child.tracks).toHaveLength(1);
      expect(noteOns(child.tracks[0]!)).toBe(withNotes[k]![1]);
    });
  });

  it('answers an empty archive for a single-track file', async () => {
    const { post } = testApp();
    const res = await post('/split', body(SINGLE_TRACK));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-track-count')).toBe('0');
    expect(readZipWithPython(new Uint8Array(await res.arrayBuffer()))).toEqual({ bad: null, entries: [] });
  });

  it('answers 422 with the MIDI code for bytes that are not MIDI', async () => {
    const { post } = testApp();
    const res = await post('/split', 'RIFF....WAVEfmt ', 'application/octet-stream');
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('MIDI_NOT_SMF');
  });
});

describe('GET /health', () => {
  it('reports the package version and no database', async () => {
    const { get } = testApp();
    const res = await get('/health');
    expect(res.status).toBe(200);
    const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
    expect(await res.json()).toEqual({ ok: true, version: pkg.version, analyzerVersion: expect.any(Number), db: 'none' });
  });
});

describe('unknown routes and methods', () => {
  it('answers 404 for paths that are not routes, 405 with Allow for a wrong method', async () => {
    const { app, internalErrors } = testApp();
    // `/` is the web page (test/web/).
    for (const path of ['/analyse', '/files/abc/def', '/analyze/x', '/..%2f..%2fetc/passwd', '/health/']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('NOT_FOUND');
    }
    for (const [method, path, allow] of [['GET', '/analyze', 'POST'], ['POST', '/health', 'GET, HEAD'], ['DELETE', '/files/abc', 'GET, HEAD'], ['PUT', '/split', 'POST']] as const) {
      const res = await app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect((await res.json()).error.code).toBe('METHOD_NOT_ALLOWED');
    }
    expect(internalErrors).toEqual([]);
  });
});
