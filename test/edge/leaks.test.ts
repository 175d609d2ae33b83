// No leaked connections: 1,000 storing requests through the real Worker in workerd (a Neon Pool per
// request, closed with waitUntil) and through the Node entry with per-request postgres.js pools; the app's
// backends in pg_stat_activity (counted by application_name) go back to the baseline afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EdgeTestDb, startEdgeDb } from '../runtime/edge-db.ts';
import type { RunningRuntime } from '../runtime/runtime.ts';
import { startNode } from '../runtime/node.ts';
import { startWorkerd } from '../runtime/workerd.ts';
import { settledCount, waitFor } from '../support/db.ts';
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';

const REQUESTS = 1000;
const CONCURRENCY = 8;
const TOKEN = 'leak-token';

let edge: EdgeTestDb;
beforeAll(async () => void (edge = await startEdgeDb('edge_leaks')));
afterAll(async () => edge?.close());

/** Sends REQUESTS storing requests, CONCURRENCY at a time; returns the most app backends seen meanwhile. */
async function storeMany(server: RunningRuntime, files: Uint8Array[]): Promise<{ peak: number; statuses: Map<number, number> }> {
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await edge.appBackends());
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const i = next++;
      const res = await fetch(`${server.url}/analyze?store=true`, {
        method: 'POST',
        headers: { 'content-type': 'audio/midi', authorization: `Bearer ${TOKEN}` },
        body: files[i % files.length] as Uint8Array<ArrayBuffer>,
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    sampling = false;
    await sampler;
  }
  return { peak, statuses };
}

describe.skipIf(!hasCorpus())('after 1,000 storing requests', () => {
  const files = () => corpusPaths().slice(0, 12).map(readCorpusFile).filter((b) => b.length > 100);

  for (const [name, start] of [
    ['workerd (Neon Pool per request)', () => startWorkerd({ ...edge.vars, API_TOKEN: TOKEN })],
    ['node (postgres.js pool per request)', () => startNode({ ...edge.vars, API_TOKEN: TOKEN, SERVER_DB_POOL: 'per-request', SERVER_DB_DRIVER: 'postgres-js', MIDI_PIPELINE_APPLICATION_NAME: edge.appName })],
  ] as const) {
    it(`${name}: the app's backends return to the baseline`, { timeout: 300_000 }, async () => {
      const server = await start();
      try {
        const baseline = await settledCount(() => edge.appBackends());
        const { peak, statuses } = await storeMany(server, files());
        expect(Object.fromEntries(statuses)).toEqual({ 200: REQUESTS });
        // The count does see the app's connections while it works...
        expect(peak).toBeGreaterThan(baseline);
        // ...and they are all gone shortly after (closing runs after the response on Workers).
        await waitFor(async () => (await edge.appBackends()) === baseline, 15_000, `${name} backends back to ${baseline}`);
      } finally {
        await server.close();
      }
    });
  }
});
