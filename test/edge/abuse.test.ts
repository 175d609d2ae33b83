// Bad input in process: oversized bodies (refused before or while reading, never buffered whole), wrong
// content types, bytes that are not MIDI, empty and truncated bodies, tokens. Every answer is the
// contract's JSON error with the right status, no stack trace, and nothing reported as internal.
import { describe, expect, it } from 'vitest';
import { multipartBody } from '../runtime/request-set.ts';
import { ascii, bytes, concat, header, u32be } from '../support/bytes.ts';
import { readCorpusFile } from '../support/mido.ts';
import { body, countingStream, testApp } from './support/app.ts';

const MEDIAN_FILE = 'midi/gh-pedrolcl-sonivox/arm-wt-22k/vectors/ants.mid';
const MiB = 1024 * 1024;

async function expectError(res: Response, status: number, code: string): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const parsed = JSON.parse(text);
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(Object.keys(parsed.error).sort()).toEqual(['code', 'message']);
  expect(parsed.error.code).toBe(code);
  // No stack frames, no source paths.
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
}

describe('body limit', () => {
  it('refuses a declared Content-Length over the limit without reading a byte', async () => {
    const { post, internalErrors } = testApp({ maxBodyBytes: MiB });
    const counted = countingStream(64, MiB);
    const res = await post('/analyze', counted.stream, 'audio/midi', { 'content-length': String(64 * MiB) });
    await expectError(res, 413, 'BODY_TOO_LARGE');
    expect(counted.pulled()).toBe(0);
    expect(internalErrors).toEqual([]);
  });

  it('stops reading a chunked upload as soon as it passes the limit', async () => {
    const { post } = testApp({ maxBodyBytes: MiB });
    const counted = countingStream(64, 256 * 1024);
    const res = await post('/analyze', counted.stream, 'application/octet-stream');
    await expectError(res, 413, 'BODY_TOO_LARGE');
    // 1 MiB is 4 chunks; the fifth passes the limit and nothing after it is pulled.
    expect(counted.pulled()).toBe(5);
  });

  it('applies to multipart bodies and to /split too', async () => {
    const { post } = testApp({ maxBodyBytes: 1000 });
    const form = await multipartBody({ file: new Uint8Array(2000) });
    await expectError(await post('/analyze', body(form.body), form.contentType), 413, 'BODY_TOO_LARGE');
    await expectError(await post('/split', body(new Uint8Array(1001))), 413, 'BODY_TOO_LARGE');
  });

  it('accepts a body of exactly the limit', async () => {
    const file = readCorpusFile(MEDIAN_FILE);
    const { post } = testApp({ maxBodyBytes: file.length });
    expect((await post('/analyze', body(file))).status).toBe(200);
  });
});

describe('slow bodies (BODY_TIMEOUT_MS)', () => {
  /** A body that sends `chunks` pieces of 10 bytes `gapMs` apart, then stalls; records whether it was cancelled. */
  function trickle(chunks: number, gapMs: number): { stream: ReadableStream<Uint8Array>; cancelled(): boolean } {
    let sent = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= chunks) return new Promise<void>(() => {}); // stalls: never another byte, never the end
        await new Promise((r) => setTimeout(r, gapMs));
        sent++;
        controller.enqueue(new Uint8Array(10).fill(0x4d));
      },
      cancel: () => void (cancelled = true),
    }, { highWaterMark: 0 });
    return { stream, cancelled: () => cancelled };
  }

  it('answers 408 BODY_TIMEOUT to a chunked body that stalls, and cancels it', async () => {
    const { post, internalErrors } = testApp({ bodyTimeoutMs: 300 });
    const body = trickle(3, 20);
    const started = performance.now();
    await expectError(await post('/analyze', body.stream, 'audio/midi'), 408, 'BODY_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(body.cancelled()).toBe(true);
    expect(internalErrors).toEqual([]);
  });

  it('answers 408 to a body of declared length that never arrives in full, on /analyze and /split', async () => {
    const { post } = testApp({ bodyTimeoutMs: 300 });
    for (const route of ['/analyze', '/split']) {
      await expectError(await post(route, trickle(2, 20).stream, 'application/octet-stream', { 'content-length': '1000' }), 408, 'BODY_TIMEOUT');
    }
  });

  it('reads a slow body that ends within the deadline', async () => {
    const { post } = testApp({ bodyTimeoutMs: 5000 });
    const file = readCorpusFile(MEDIAN_FILE);
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (at >= file.length) return controller.close();
        await new Promise((r) => setTimeout(r, 10));
        controller.enqueue(file.slice(at, (at += 512)));
      },
    }, { highWaterMark: 0 });
    const res = await post('/analyze', stream, 'audio/midi');
    expect(res.status).toBe(200);
    expect((await res.json()).sizeBytes).toBe(file.length);
  });
});

describe('content type', () => {
  it('answers 415 before reading the body', async () => {
    const { post } = testApp();
    for (const type of [null, 'text/plain', 'application/json', 'application/x-www-form-urlencoded', 'multipart/mixed; boundary=x', 'audio/midi-ish', 'audio/mpeg']) {
      const counted = countingStream(4, 1024);
      await expectError(await post('/analyze', counted.stream, type), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(counted.pulled(), String(type)).toBe(0);
    }
    await expectError(await post('/split', 'x', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('bytes that are not MIDI', () => {
  // Hand-built: each fixture fails exactly one check of the reader (core/midi/read.ts).
  const cases: [string, Uint8Array, string][] = [
    ['empty body', new Uint8Array(), 'MIDI_EMPTY'],
    ['HTML', bytes(ascii('<!doctype html><html></html>')), 'MIDI_NOT_SMF'],
    ['ZIP signature', bytes('504b0304 14000000 0800'), 'MIDI_NOT_SMF'],
    ['header cut short', bytes(ascii('MThd'), u32be(6), [0, 1]), 'MIDI_BAD_HEADER'],
    ['header length 2', bytes(ascii('MThd'), u32be(2), [0, 1, 0, 1, 0, 96, 0, 0]), 'MIDI_BAD_HEADER'],
    ['header and no track', concat(header(1, 0, 96)), 'MIDI_NO_TRACKS'],
  ];
  for (const [name, input, code] of cases) {
    it(`answers 422 ${code} for ${name} on /analyze and /split`, async () => {
      const { post, internalErrors } = testApp();
      await expectError(await post('/analyze', body(input)), 422, code);
      await expectError(await post('/split', body(input)), 422, code);
      expect(internalErrors).toEqual([]);
    });
  }

  it('answers 422 MIDI_EMPTY for a request without any body', async () => {
    const { app } = testApp();
    await expectError(await app.request('/analyze', { method: 'POST', headers: { 'content-type': 'audio/midi' } }), 422, 'MIDI_EMPTY');
  });

  it('answers 422 MIDI_EMPTY for an empty file in multipart', async () => {
    const { post } = testApp();
    const form = await multipartBody({ file: new Uint8Array() });
    await expectError(await post('/analyze', body(form.body), form.contentType), 422, 'MIDI_EMPTY');
  });
});

describe('malformed multipart', () => {
  it('answers 400 for a truncated body, at any cut', async () => {
    const { post, internalErrors } = testApp();
    const form = await multipartBody({ file: readCorpusFile(MEDIAN_FILE) });
    for (const cut of [0, 10, 60, 150, Math.floor(form.body.length / 2), form.body.length - 3]) {
      const res = await post('/analyze', body(form.body.slice(0, cut)), form.contentType);
      await expectError(res, 400, 'MULTIPART_INVALID');
    }
    expect(internalErrors).toEqual([]);
  });

  it('answers 400 for a missing boundary, a missing field, or two files', async () => {
    const { post } = testApp();
    const file = readCorpusFile(MEDIAN_FILE);
    const valid = await multipartBody({ file });
    await expectError(await post('/analyze', body(valid.body), 'multipart/form-data'), 400, 'MULTIPART_INVALID');
    const other = await multipartBody({ upload: file });
    await expectError(await post('/analyze', body(other.body), other.contentType), 400, 'MULTIPART_NO_FILE');
    // A text value in the field is still the bytes to read: here not MIDI.
    const text = await multipartBody({ file: 'MThd' });
    await expectError(await post('/analyze', body(text.body), text.contentType), 422, 'MIDI_BAD_HEADER');
    const form = new FormData();
    form.append('file', new Blob([file as Uint8Array<ArrayBuffer>]), 'a.mid');
    form.append('file', new Blob([file as Uint8Array<ArrayBuffer>]), 'b.mid');
    const two = new Response(form);
    await expectError(await post('/analyze', body(new Uint8Array(await two.arrayBuffer())), two.headers.get('content-type')), 400, 'MULTIPART_NO_FILE');
  });
});

describe('bearer token', () => {
  it('answers 401 for a missing, wrong or non-bearer token before reading the body or opening a database', async () => {
    let opened = 0;
    const { post, internalErrors } = testApp({
      apiToken: 'correct-horse-battery-staple',
      openDb: () => {
        opened++;
        throw new Error('not reached');
      },
    });
    for (const authorization of [undefined, 'Bearer wrong', 'Bearer correct-horse-battery-stapl', 'Bearer correct-horse-battery-staple2', 'Basic Y29ycmVjdA==', 'correct-horse-battery-staple', 'Bearer']) {
      const counted = countingStream(2, 1024);
      const res = await post('/analyze?store=true', counted.stream, 'audio/midi', authorization === undefined ? {} : { authorization });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      await expectError(res, 401, 'UNAUTHORIZED');
      expect(counted.pulled()).toBe(0);
    }
    expect(opened).toBe(0);
    expect(internalErrors).toEqual([]);
  });

  it('does not guard analysis without storing', async () => {
    const { post } = testApp({ apiToken: 'secret' });
    expect((await post('/analyze', body(readCorpusFile(MEDIAN_FILE)))).status).toBe(200);
  });
});

describe('without a database', () => {
  it('answers 503 DB_NOT_CONFIGURED for storing (before reading the body) and for the library routes', async () => {
    const { post, get, internalErrors } = testApp();
    const counted = countingStream(2, 1024);
    await expectError(await post('/analyze?store=true', counted.stream), 503, 'DB_NOT_CONFIGURED');
    expect(counted.pulled()).toBe(0);
    await expectError(await get(`/files/${'a'.repeat(64)}`), 503, 'DB_NOT_CONFIGURED');
    await expectError(await get('/files?bpm=120'), 503, 'DB_NOT_CONFIGURED');
    expect(internalErrors).toEqual([]);
  });

  it('checks filters and hashes before needing the database', async () => {
    const { get } = testApp();
    await expectError(await get('/files?bpm=fast'), 400, 'FILTER_INVALID');
    await expectError(await get('/files/not-a-hash'), 400, 'SHA256_INVALID');
  });
});
