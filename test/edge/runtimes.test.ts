// The real entries in their real runtimes, each against its own fresh PostgreSQL database: the Worker in
// workerd (wrangler's unstable_startWorker), adapters/edge/deno.ts under deno, adapters/edge/node.ts under
// node. One request set (analyze, store, fetch back, query, split, and bad input) gives the same answers
// everywhere, the same as the app in process, and analyses equal to `midi-pipeline inspect --json`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectCorpusFiles, type InspectLine } from '../runtime/cli-reference.ts';
import { type EdgeTestDb, startEdgeDb } from '../runtime/edge-db.ts';
import { type Answer, multipartBody, type SetRequest, sendAll, toAnswer, toRequestInit } from '../runtime/request-set.ts';
import type { RunningRuntime } from '../runtime/runtime.ts';
import { uploadUntilAnswered, type UploadOutcome } from '../runtime/slow-upload.ts';
import { RUNTIMES, startRuntime } from '../runtime/start.ts';
import { EOT, concat, header, track } from '../support/bytes.ts';
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';
import { testApp } from './support/app.ts';
import { buildApp } from '../../adapters/edge/app.ts';
import { neonOpener, resolveEdgeConfig } from '../../adapters/edge/config.ts';
import { VERSION } from '../../adapters/edge/version.ts';
import { WebSocket } from 'ws';

const TOKEN = 'runtime-token';
const MiB = 1024 * 1024;
const LIMIT = MiB;
const BACH = 'midi/gh-tonejs-midi/test/midi/bach/bach_846.mid';

const databases: EdgeTestDb[] = [];
const servers: RunningRuntime[] = [];
let reference: Map<string, InspectLine>;
let sample: string[];
let requests: SetRequest[];
const answers = new Map<string, Answer[]>();

function vars(db: EdgeTestDb): Record<string, string> {
  return { ...db.vars, API_TOKEN: TOKEN, MAX_BODY_BYTES: String(LIMIT) };
}

async function buildRequests(): Promise<SetRequest[]> {
  const octet = { 'content-type': 'application/octet-stream' };
  const auth = { ...octet, authorization: `Bearer ${TOKEN}` };
  const bach = readCorpusFile(BACH);
  const valid = sample.filter((p) => reference.get(p)!.ok).slice(0, 8);
  const shas = valid.map((p) => (reference.get(p) as { analysis: Record<string, unknown> }).analysis.sha256 as string);
  const form = await multipartBody({ file: bach });
  const list: SetRequest[] = [
    { name: 'health', method: 'GET', path: '/health' },
    { name: 'openapi', method: 'GET', path: '/openapi.json' },
    ...sample.map((p) => ({ name: `analyze ${p}`, method: 'POST', path: '/analyze', headers: octet, body: readCorpusFile(p) })),
    { name: 'multipart', method: 'POST', path: '/analyze', headers: { 'content-type': form.contentType }, body: form.body },
    { name: 'notes', method: 'POST', path: '/analyze?notes=tone', headers: { 'content-type': 'audio/midi' }, body: bach },
    { name: 'split bach', method: 'POST', path: '/split', headers: octet, body: bach },
    { name: 'split single track', method: 'POST', path: '/split', headers: octet, body: concat(header(0, 1, 96), track('00 903c64 60 803c40' + EOT)) },
    ...valid.map((p) => ({ name: `store ${p}`, method: 'POST', path: '/analyze?store=true', headers: auth, body: readCorpusFile(p) })),
    { name: 'store again', method: 'POST', path: '/analyze?store=true', headers: auth, body: readCorpusFile(valid[0]!) },
    { name: 'store not midi', method: 'POST', path: '/analyze?store=true', headers: auth, body: '<html></html>' },
    ...shas.map((sha) => ({ name: `fetch ${sha}`, method: 'GET', path: `/files/${sha}` })),
    { name: 'fetch unknown', method: 'GET', path: `/files/${'0'.repeat(64)}` },
    { name: 'fetch bad hash', method: 'GET', path: '/files/xyz' },
    { name: 'page 1', method: 'GET', path: '/files?limit=3' },
    { name: 'page 2', method: 'GET', path: '/files?limit=3&after=3' },
    { name: 'bpm', method: 'GET', path: '/files?bpm=90..140' },
    { name: 'drums', method: 'GET', path: '/files?drums' },
    { name: 'no drums, short', method: 'GET', path: '/files?no-drums&max-duration=120' },
    { name: 'sql text', method: 'GET', path: `/files?text=${encodeURIComponent("' or 1=1 --")}` },
    { name: 'bad filter', method: 'GET', path: '/files?key=H%20minor' },
    { name: 'no token', method: 'POST', path: '/analyze?store=true', headers: octet, body: bach },
    { name: 'wrong token', method: 'POST', path: '/analyze?store=true', headers: { ...octet, authorization: 'Bearer nope' }, body: bach },
    { name: 'no content type', method: 'POST', path: '/analyze', body: bach },
    { name: 'text/plain', method: 'POST', path: '/analyze', headers: { 'content-type': 'text/plain' }, body: 'MThd' },
    { name: 'too large', method: 'POST', path: '/analyze', headers: octet, body: new Uint8Array(LIMIT + 1) },
    { name: 'empty', method: 'POST', path: '/analyze', headers: octet, body: new Uint8Array() },
    { name: 'truncated multipart', method: 'POST', path: '/analyze', headers: { 'content-type': form.contentType }, body: form.body.slice(0, form.body.length >> 1) },
    { name: 'unknown route', method: 'GET', path: '/nope' },
    { name: 'wrong method', method: 'GET', path: '/analyze' },
  ];
  return list;
}

// Local workerd sits behind wrangler's dev proxy, and two outcomes there are not the Worker's answer: the
// proxy's own 503 "restarted mid-request" while it recovers from the upload cancelled before, and a reset
// before any answer (as with the cut-off 413 below, the connection closes with the upload still coming in,
// and a reset discards what the client had not yet read). 40 chunked uploads with both cores busy: back to
// back, 22 and 9 resets and 1 and 6 proxy 503s in two runs; 300 ms apart, 2 and 2; idle, no reset (CI
// failed on one). Such an outcome is sent again after 300 ms, five tries in all, on workerd only. Every try
// is returned, so the caller can check that each stopped early; the last goes to the assertions.
async function uploadPastProxyHiccups(runtime: string, upload: () => Promise<UploadOutcome>): Promise<UploadOutcome[]> {
  const tries = [await upload()];
  const hiccup = (o: UploadOutcome) => o.resetBeforeAnswer !== undefined || (o.status === 503 && /restarted mid-request/.test(o.body));
  while (runtime === 'workerd' && tries.length < 5 && hiccup(tries.at(-1)!)) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    tries.push(await upload());
  }
  return tries;
}

/**
 * A 413 with the BODY_TOO_LARGE code. Local workerd closes the connection with the upload still coming in,
 * and the reset that follows can discard the answer's body on its way to the client (3 of 16 runs of this
 * file with both cores loaded; CI failed on it once): there, and only there, the status alone must do.
 */
function expectTooLarge(runtime: string, outcome: UploadOutcome): void {
  expect(outcome.status, outcome.resetBeforeAnswer ?? outcome.body.slice(0, 300)).toBe(413);
  if (outcome.cutOff !== undefined && runtime === 'workerd') return;
  expect(outcome.cutOff, 'the answer arrived whole').toBeUndefined();
  expect(JSON.parse(outcome.body).error.code).toBe('BODY_TOO_LARGE');
}

beforeAll(async () => {
  sample = corpusPaths().filter((_, i) => i % 25 === 0);
  reference = inspectCorpusFiles(sample);
  requests = await buildRequests();
}, 300_000);

afterAll(async () => {
  for (const server of servers) await server.close().catch(() => {});
  for (const db of databases) await db.close().catch(() => {});
});

describe.skipIf(!hasCorpus())('the same request set on every runtime', () => {
  it('in process (the reference answers)', async () => {
    const db = await startEdgeDb('edge_rt_inproc');
    databases.push(db);
    const config = resolveEdgeConfig(vars(db));
    const app = buildApp({ version: VERSION, maxBodyBytes: config.maxBodyBytes, apiToken: config.apiToken, openDb: neonOpener(config, WebSocket) });
    const list: Answer[] = [];
    for (const request of requests) list.push(await toAnswer(await app.request(request.path, toRequestInit(request))));
    answers.set('in-process', list);
  });

  for (const runtime of RUNTIMES) {
    it(`${runtime} answers exactly as the app in process`, { timeout: 300_000 }, async () => {
      const db = await startEdgeDb(`edge_rt_${runtime}`);
      databases.push(db);
      const server = await startRuntime(runtime, vars(db));
      servers.push(server);
      const list = await sendAll(server.url, requests);
      answers.set(runtime, list);
      const expected = answers.get('in-process')!;
      requests.forEach((request, i) => expect(list[i], `${runtime}: ${request.name}`).toEqual(expected[i]));

      // 413 without reading it all: the answer arrives while most of a 256 MiB upload is still unsent
      // (what was "sent" includes the socket buffers, a few MiB on loopback).
      const chunkedTries = await uploadPastProxyHiccups(runtime, () => uploadUntilAnswered(`${server.url}/analyze`, { total: 256 * MiB, declareLength: false }));
      for (const attempt of chunkedTries) expect(attempt.sentWhenAnswered).toBeLessThan(64 * MiB);
      const chunked = chunkedTries.at(-1)!;
      if (runtime === 'workerd' && chunked.status === 503) {
        // wrangler's local dev proxy streams the upload into the Worker; when the Worker cancels the body
        // mid-stream the proxy sometimes loses the race and answers this instead of the Worker's 413. The
        // Worker still stopped reading early (above); Cloudflare's edge has no such proxy.
        expect(chunked.body).toMatch(/restarted mid-request/);
      } else {
        expectTooLarge(runtime, chunked);
      }
      // A body of declared length is refused from the header. In front of workerd, wrangler's dev
      // middleware drains a body the Worker left unread before passing the answer on, so how much was
      // sent by the answer is not checked there.
      const declared = (await uploadPastProxyHiccups(runtime, () => uploadUntilAnswered(`${server.url}/analyze`, { total: runtime === 'workerd' ? 16 * MiB : 256 * MiB, declareLength: true }))).at(-1)!;
      expectTooLarge(runtime, declared);
      if (runtime !== 'workerd') expect(declared.sentWhenAnswered).toBeLessThan(64 * MiB);
      await server.close();
    });
  }

  it('analyses equal to inspect --json, and stored analyses come back unchanged', () => {
    const list = answers.get('in-process')!;
    const at = (name: string) => list[requests.findIndex((r) => r.name === name)]!;
    for (const path of sample) {
      const line = reference.get(path)!;
      const answer = at(`analyze ${path}`);
      if (line.ok) expect(answer, path).toMatchObject({ status: 200, body: line.analysis });
      else expect(answer, path).toMatchObject({ status: 422, body: { error: { code: line.error.code } } });
    }
    const stores = requests.filter((r) => r.name.startsWith('store midi/'));
    expect(stores.length).toBe(8);
    for (const store of stores) {
      const stored = at(store.name);
      expect(stored.status).toBe(200);
      expect(stored.headers['x-file-inserted']).toBe('true');
      const sha = (stored.body as { sha256: string }).sha256;
      expect(at(`fetch ${sha}`)).toMatchObject({ status: 200, body: { sha256: sha, analysis: stored.body } });
    }
    expect(at('store again').headers['x-file-inserted']).toBe('false');
    expect((at('page 1').body as { items: unknown[] }).items).toHaveLength(3);
    expect(at('too large').status).toBe(413);
    expect(at('truncated multipart').status).toBe(400);
    expect(at('health').body).toMatchObject({ db: 'up' });
  });
});
