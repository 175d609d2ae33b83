// The routes that use the database, in process, against the local PostgreSQL through the Neon driver and
// the WebSocket proxy (the Workers path): store, fetch back, search with filters and paging, hostile
// filter values, and the database's lifecycle per request (opened only when needed, closed after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/port.ts';
import { type EdgeTestDb, startEdgeDb } from '../runtime/edge-db.ts';
import { closedPort } from '../support/db.ts';
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';
import { body, testApp, type TestApp } from './support/app.ts';
import { WebSocket } from 'ws';
import net from 'node:net';
import { openNeonServerless } from '../../adapters/edge/db/neon-serverless.ts';

type Analysis = {
  sha256: string;
  durationSeconds: number;
  hasDrums: boolean;
  tempo: { dominantBpm: number };
  key: { tonic: string; mode: string } | null;
  timeSignature: { numerator: number; denominator: number } | null;
  instruments: { name: string; family: string }[];
  text: { trackNames: string[]; copyright: string | null; markers: string[]; lyrics: string[] };
};

let edge: EdgeTestDb;
let opened = 0;
let closed = 0;
let t: TestApp;
const stored: Analysis[] = [];

// A real Neon pool per request, counted: how often the app opened and closed one.
function countingOpener(): Db {
  opened++;
  const db = edge.openDb();
  return { ...db, close: async () => (closed++, db.close()) };
}

beforeAll(async () => {
  edge = await startEdgeDb('edge_routes');
  t = testApp({ openDb: countingOpener, apiToken: 'token-1' });
});
afterAll(async () => edge?.close());

const auth = { authorization: 'Bearer token-1' };
const shas = (items: { sha256: string }[]) => items.map((i) => i.sha256).sort();
/** What the text filter searches in an uploaded file (no paths): names, copyright, markers, lyrics. */
const searchable = (a: Analysis) => [...a.text.trackNames, a.text.copyright ?? '', ...a.text.markers, a.text.lyrics.join('')].join('\n').toLowerCase();

describe.skipIf(!hasCorpus())('storing and reading back', () => {
  // A spread of readable corpus files: every 20th path, kept when it analyses.
  const sample = () => corpusPaths().filter((_, i) => i % 20 === 0);

  it('stores analyses, says whether each was new, and returns them from GET /files/:sha256', async () => {
    for (const path of sample()) {
      const res = await t.post('/analyze?store=true', body(readCorpusFile(path)), 'audio/midi', auth);
      if (res.status === 422) continue;
      expect(res.status, path).toBe(200);
      const analysis = (await res.json()) as Analysis;
      expect(res.headers.get('x-file-inserted'), path).toBe(String(!stored.some((a) => a.sha256 === analysis.sha256)));
      expect(Number(res.headers.get('x-file-id'))).toBeGreaterThan(0);
      stored.push(analysis);
    }
    expect(stored.length).toBeGreaterThan(20);

    const first = stored[0]!;
    const again = await t.post('/analyze?store=true', body(readCorpusFile(sample()[0]!)), 'audio/midi', auth);
    expect(again.headers.get('x-file-inserted')).toBe('false');

    for (const analysis of stored) {
      const res = await t.get(`/files/${analysis.sha256}`);
      expect(res.status).toBe(200);
      const file = await res.json();
      expect(file).toMatchObject({ sha256: analysis.sha256, status: 'analyzed', paths: [], origin: null, error: null });
      // jsonb reorders keys; the values are the same.
      expect(file.analysis).toEqual(analysis);
    }
    // Upper-case hex is the same content.
    expect((await t.get(`/files/${first.sha256.toUpperCase()}`)).status).toBe(200);
    const missing = await t.get(`/files/${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('NOT_FOUND');
  });

  it('finds exactly the files each filter selects (expectations computed from the analyses here)', async () => {
    const withKey = stored.find((a) => a.key)!;
    const withMeter = stored.find((a) => a.timeSignature)!;
    const withInstrument = stored.find((a) => a.instruments.length > 0)!;
    const withName = stored.find((a) => a.text.trackNames.some((n) => /[a-z]{4}/i.test(n)))!;
    const word = /[a-z]{4,}/i.exec(withName.text.trackNames.find((n) => /[a-z]{4}/i.test(n))!)![0];
    const bpms = stored.map((a) => a.tempo.dominantBpm).sort((a, b) => a - b);
    const [lo, hi] = [bpms[5]!, bpms[bpms.length - 5]!];

    const cases: [string, (a: Analysis) => boolean][] = [
      [`bpm=${lo}..${hi}`, (a) => a.tempo.dominantBpm >= lo && a.tempo.dominantBpm <= hi],
      [`bpm=..${lo}`, (a) => a.tempo.dominantBpm <= lo],
      [`key=${encodeURIComponent(`${withKey.key!.tonic} ${withKey.key!.mode}`)}`, (a) => a.key?.tonic === withKey.key!.tonic && a.key?.mode === withKey.key!.mode],
      [`key=${encodeURIComponent(withKey.key!.tonic)}`, (a) => a.key?.tonic === withKey.key!.tonic],
      [`time-signature=${withMeter.timeSignature!.numerator}/${withMeter.timeSignature!.denominator}`, (a) => a.timeSignature?.numerator === withMeter.timeSignature!.numerator && a.timeSignature?.denominator === withMeter.timeSignature!.denominator],
      ['min-duration=60', (a) => a.durationSeconds >= 60],
      ['max-duration=30&drums', (a) => a.durationSeconds <= 30 && a.hasDrums],
      ['drums=false', (a) => !a.hasDrums],
      ['no-drums', (a) => !a.hasDrums],
      [`instrument=${encodeURIComponent(withInstrument.instruments[0]!.family.toUpperCase())}`, (a) => a.instruments.some((i) => i.family.toLowerCase() === withInstrument.instruments[0]!.family.toLowerCase())],
      [`instrument=${encodeURIComponent(withInstrument.instruments[0]!.name)}`, (a) => a.instruments.some((i) => i.name.toLowerCase() === withInstrument.instruments[0]!.name.toLowerCase())],
      [`text=${encodeURIComponent(word.toUpperCase())}`, (a) => searchable(a).includes(word.toLowerCase())],
    ];
    for (const [query, select] of cases) {
      const res = await t.get(`/files?${query}&limit=1000`);
      expect(res.status, query).toBe(200);
      const page = await res.json();
      expect(shas(page.items), query).toEqual(shas(stored.filter(select)));
      expect(page.nextCursor).toBeNull();
    }
  });

  it('pages with limit and after, in file-id order, without gaps or repeats', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: Response = await t.get(`/files?limit=3${after ? `&after=${after}` : ''}`);
      const page: { items: { fileId: number }[]; nextCursor: string | null } = await res.json();
      seen.push(...page.items.map((i) => i.fileId));
      after = page.nextCursor;
      pages++;
    } while (after !== null && pages < 100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(stored.length);
    expect(pages).toBe(Math.ceil(stored.length / 3));
  });

  it('treats SQL metacharacters as text and absurd values as 400 or empty results', async () => {
    const before = (await (await t.get('/files?limit=1000')).json()).items.length;
    // LIKE wildcards and quotes match themselves, literally, like any other character.
    for (const text of ["' or 1=1 --", '%', '_', '\\', "'); drop table files; --", ' ', '.']) {
      const res = await t.get(`/files?limit=1000&text=${encodeURIComponent(text)}`);
      expect(res.status, text).toBe(200);
      const literal = text.trim() === '' ? stored : stored.filter((a) => searchable(a).includes(text.toLowerCase()));
      expect(shas((await res.json()).items), text).toEqual(shas(literal));
    }
    const empty = [
      `instrument=${encodeURIComponent("piano' or '1'='1")}`,
      `instrument=${encodeURIComponent('piano"); select pg_sleep(10); --')}`,
      'bpm=100000..200000',
      `bpm=${'9'.repeat(300)}`,
      'min-duration=1000000000',
      'time-signature=999/999',
      'after=999999999999999999',
    ];
    for (const query of empty) {
      const res = await t.get(`/files?${query}`);
      expect(res.status, query).toBe(200);
      expect((await res.json()).items, query).toEqual([]);
    }
    const invalid = [
      `key=${encodeURIComponent("A'; drop table files; --")}`,
      'bpm=1;select',
      'bpm=1e999',
      `bpm=1${'0'.repeat(400)}`,
      'bpm=NaN',
      'bpm=200..100',
      'min-duration=-1',
      'min-duration=Infinity',
      'max-duration=1e3',
      'time-signature=1000/4',
      'time-signature=0/4',
      'limit=0',
      'limit=-5',
      'limit=1e3',
      'limit=abc',
      `after=${encodeURIComponent('1 or 1=1')}`,
      'after=-1',
      'drums=perhaps',
      'drums&no-drums',
      `text=${'x'.repeat(201)}`,
      'bmp=120',
      'bpm=120&bpm=121',
    ];
    for (const query of invalid) {
      const res = await t.get(`/files?${query}`);
      expect(res.status, query).toBe(400);
      expect(['FILTER_INVALID', 'QUERY_INVALID'], query).toContain((await res.json()).error.code);
    }
    // A page size past the maximum is capped, not refused.
    expect((await t.get('/files?limit=99999999')).status).toBe(200);
    expect((await (await t.get('/files?limit=1000')).json()).items.length).toBe(before);
    expect(t.internalErrors).toEqual([]);
  });

  it('opens a database only for requests that use it, and closes every one it opened', async () => {
    const [o, c] = [opened, closed];
    const file = readCorpusFile(corpusPaths()[0]!);
    for (let i = 0; i < 5; i++) expect((await t.post('/analyze', body(file))).status).toBe(200);
    expect((await t.post('/split', body(file))).status).toBe(200);
    expect((await t.get('/openapi.json')).status).toBe(200);
    expect((await t.get('/files?bpm=oops')).status).toBe(400);
    expect([opened - o, closed - c]).toEqual([0, 0]);

    expect((await t.get('/health')).status).toBe(200);
    expect((await t.get('/files?limit=1')).status).toBe(200);
    expect([opened - o, closed - c]).toEqual([2, 2]);
    expect(opened).toBe(closed);
  });

  it('reports db "up" in /health', async () => {
    expect(await (await t.get('/health')).json()).toMatchObject({ ok: true, db: 'up' });
  });
});

describe('database unavailable', () => {
  it('answers 503 DB_UNAVAILABLE for routes that need it, health "down", and analysis still works', async () => {
    const port = await closedPort();
    const down = testApp({
      openDb: () =>
        openNeonServerless({ connectionString: edge.url, webSocketConstructor: WebSocket, wsProxy: `127.0.0.1:${port}/v1`, useSecureWebSocket: false, pipelineConnect: false, connectTimeoutMs: 2000 }),
    });
    for (const path of ['/files?limit=1', `/files/${'a'.repeat(64)}`]) {
      const res = await down.get(path);
      expect(res.status, path).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'DB_UNAVAILABLE', message: 'the database is unavailable; try again later' } });
    }
    const store = await down.post('/analyze?store=true', body(readCorpusFile('midi/gh-pedrolcl-sonivox/arm-wt-22k/vectors/ants.mid')));
    expect(store.status).toBe(503);
    expect(await (await down.get('/health')).json()).toMatchObject({ db: 'down' });
    expect((await down.post('/analyze', body(readCorpusFile('midi/gh-pedrolcl-sonivox/arm-wt-22k/vectors/ants.mid')))).status).toBe(200);
    // Reported to the server log, never to the client.
    expect(down.internalErrors.length).toBe(3);
  });

  it('answers 503 within the connect timeout when the database never answers (a black-holed network)', async () => {
    const silent = net.createServer(() => {}); // accepts connections, never says a word
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const hung = testApp({
        openDb: () =>
          openNeonServerless({ connectionString: edge.url, webSocketConstructor: WebSocket, wsProxy: `127.0.0.1:${port}/v1`, useSecureWebSocket: false, pipelineConnect: false, connectTimeoutMs: 1000 }),
      });
      const started = Date.now();
      const res = await hung.get('/files?limit=1');
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe('DB_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.close();
    }
  });
});
