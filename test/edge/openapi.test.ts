// GET /openapi.json is generated from the route specs the app is built from; this keeps it honest from the
// outside: every route Hono serves is documented and every documented operation is served, and real
// responses (analyses of corpus files, stored files, library pages, health, errors) validate against the
// documented schemas, strictly: a field the analysis gains without the document knowing fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../adapters/edge/version.ts';
import { type EdgeTestDb, startEdgeDb } from '../runtime/edge-db.ts';
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';
import { body, testApp, type TestApp } from './support/app.ts';
import { validate } from './support/json-schema.ts';

type Operation = { operationId: string; summary: string; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type Document = { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

let edge: EdgeTestDb;
let t: TestApp;
let doc: Document;

beforeAll(async () => {
  edge = await startEdgeDb('edge_openapi');
  t = testApp({ openDb: () => edge.openDb() });
  doc = await (await t.get('/openapi.json')).json();
});
afterAll(async () => edge?.close());

/** The schema documented for `status` of an operation (JSON responses). */
function schemaOf(path: string, method: string, status: number): unknown {
  const response = doc.paths[path]?.[method]?.responses[String(status)];
  expect(response, `${method.toUpperCase()} ${path} documents ${status}`).toBeDefined();
  return response!.content?.['application/json']?.schema;
}

async function expectDocumented(res: Response, path: string, method: string, strict = true): Promise<unknown> {
  const json = await res.json();
  const errors = validate(json, schemaOf(path, method, res.status), { components: doc.components.schemas, strict });
  expect(errors, `${method.toUpperCase()} ${path} ${res.status}`).toEqual([]);
  return json;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with this version, unique operation ids, and resolvable references', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(VERSION);
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of operations) {
      expect(o.summary, o.operationId).toBeTruthy();
      expect(Object.keys(o.responses).some((s) => s.startsWith('2')), o.operationId).toBe(true);
    }
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref.slice(22, -1));
  });

  it('documents exactly the routes the app serves', async () => {
    const served = new Set(t.app.routes.map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`));
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    expect([...served].sort()).toEqual([...documented].sort());
    // And each documented operation is routed: whatever it answers, it is not the router's 404 or 405.
    for (const entry of documented) {
      const [method, path] = entry.split(' ') as [string, string];
      const init = method === 'post' ? { method: 'POST', body: 'x', headers: { 'content-type': 'audio/midi' } } : {};
      const res = await t.app.request(path.replace('{sha256}', 'f'.repeat(64)), init);
      const answer = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : {};
      expect(answer.error?.code, entry).not.toBe('METHOD_NOT_ALLOWED');
      expect(answer.error?.message ?? '', entry).not.toMatch(/^no route/);
    }
  });
});

describe.skipIf(!hasCorpus())('real responses against the documented schemas', () => {
  it('analyses of a spread of corpus files, plain and with notes', async () => {
    let checked = 0;
    for (const path of corpusPaths().filter((_, i) => i % 15 === 0)) {
      const res = await t.post('/analyze', body(readCorpusFile(path)));
      await expectDocumented(res, '/analyze', 'post');
      if (res.status === 200) checked++;
    }
    expect(checked).toBeGreaterThan(30);
    const withNotes = await t.post('/analyze?notes=tone', body(readCorpusFile(corpusPaths()[0]!)));
    expect(withNotes.status).toBe(200);
    await expectDocumented(withNotes, '/analyze', 'post', false);
  });

  it('stored files, library pages, health and errors', async () => {
    const stored = await t.post('/analyze?store=true', body(readCorpusFile(corpusPaths()[0]!)));
    const analysis = (await expectDocumented(stored, '/analyze', 'post')) as { sha256: string };
    await expectDocumented(await t.get(`/files/${analysis.sha256}`), '/files/{sha256}', 'get');
    await expectDocumented(await t.get(`/files/${'0'.repeat(64)}`), '/files/{sha256}', 'get');
    await expectDocumented(await t.get('/files/xyz'), '/files/{sha256}', 'get');
    await expectDocumented(await t.get('/files?limit=5'), '/files', 'get');
    await expectDocumented(await t.get('/files?bpm=x'), '/files', 'get');
    await expectDocumented(await t.get('/health'), '/health', 'get');
    for (const [init, status] of [
      [{ body: 'x', headers: { 'content-type': 'text/plain' } }, 415],
      [{ body: 'not midi', headers: { 'content-type': 'audio/midi' } }, 422],
      [{ body: 'x', headers: { 'content-type': 'multipart/form-data' } }, 400],
    ] as const) {
      for (const path of ['/analyze', '/split']) {
        const res = await t.app.request(path, { method: 'POST', ...init });
        expect(res.status).toBe(status);
        await expectDocumented(res, path, 'post');
      }
    }
    const tooLarge = await testApp({ maxBodyBytes: 10 }).post('/split', 'more than ten bytes');
    expect(tooLarge.status).toBe(413);
    await expectDocumented(tooLarge, '/split', 'post');
    const noToken = await testApp({ apiToken: 'x', openDb: () => edge.openDb() }).post('/analyze?store=true', 'x');
    expect(noToken.status).toBe(401);
    await expectDocumented(noToken, '/analyze', 'post');
  });
});
