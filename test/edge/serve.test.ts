// `midi-pipeline serve` as a real process (bin/midi-pipeline.js): with the embedded PGlite database (no
// URL), with the local PostgreSQL through a shared postgres.js pool, and with per-request pools; it stores
// and reads back, and stops cleanly (exit 0) on SIGTERM.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EdgeTestDb, startEdgeDb } from '../runtime/edge-db.ts';
import { spawnServer } from '../runtime/spawn-server.ts';
import { projectRoot, readCorpusFile } from '../support/mido.ts';

const CLI = join(projectRoot, 'bin', 'midi-pipeline.js');
const FILE = 'midi/gh-tonejs-midi/test/midi/bach/bach_846.mid';

let edge: EdgeTestDb;
let dataDir: string;
beforeAll(async () => {
  edge = await startEdgeDb('edge_serve');
  dataDir = mkdtempSync(join(tmpdir(), 'mp-serve-'));
});
afterAll(async () => {
  await edge?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function storeAndRead(url: string): Promise<void> {
  const bytes = readCorpusFile(FILE);
  const stored = await fetch(`${url}/analyze?store=true`, { method: 'POST', body: bytes as Uint8Array<ArrayBuffer>, headers: { 'content-type': 'audio/midi', authorization: 'Bearer serve-token' } });
  expect(stored.status).toBe(200);
  const analysis = await stored.json();
  const file = await (await fetch(`${url}/files/${analysis.sha256}`)).json();
  expect(file.analysis).toEqual(analysis);
  const page = await (await fetch(`${url}/files?limit=10`)).json();
  expect(page.items.map((i: { sha256: string }) => i.sha256)).toContain(analysis.sha256);
  expect(await (await fetch(`${url}/health`)).json()).toMatchObject({ ok: true, db: 'up' });
  const unauthorised = await fetch(`${url}/analyze?store=true`, { method: 'POST', body: bytes as Uint8Array<ArrayBuffer>, headers: { 'content-type': 'audio/midi' } });
  expect(unauthorised.status).toBe(401);
}

describe('midi-pipeline serve', () => {
  const cases: [string, () => string[], () => Record<string, string>][] = [
    ['the embedded PGlite database', () => ['--data-dir', dataDir], () => ({})],
    ['a shared postgres.js pool', () => ['--database-url', edge.database.url, '--pool', 'lazy'], () => ({})],
    ['postgres.js pools per request', () => ['--db-pool', 'per-request'], () => ({ DATABASE_URL: edge.database.url })],
    ['Neon pools per request', () => ['--db-pool', 'per-request', '--db-driver', 'neon-serverless', '--database-url', edge.url], () => edge.vars],
  ];
  for (const [name, args, env] of cases) {
    it(`serves with ${name}, and exits 0 on SIGTERM`, { timeout: 120_000 }, async () => {
      const server = await spawnServer('node', process.execPath, [CLI, 'serve', '--port', '0', ...args()], { ...env(), API_TOKEN: 'serve-token' }, projectRoot);
      try {
        await storeAndRead(server.url);
      } finally {
        expect(await server.close()).toBe(0);
      }
    });
  }

  it('refuses bad options with exit code 2', () => {
    for (const args of [['--db-pool', 'sometimes'], ['--db-driver', 'odbc'], ['--port', '70000'], ['--db-pool', 'per-request', '--data-dir', dataDir], ['extra']]) {
      const run = spawnSync(process.execPath, [CLI, 'serve', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 60_000 });
      expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(2);
    }
  });
});
