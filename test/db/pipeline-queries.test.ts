// The repository functions the bulk pipeline added (known-files.ts, lease-owners.ts), against PGlite and
// postgres.js on real databases. Expected values come from the hand-built rows below and plain SQL.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { openPglite } from '../../adapters/local/db/pglite.ts';
import { openPostgresJs } from '../../adapters/local/db/postgres-js.ts';
import { claimAnalysis, claimSplits } from '../../core/db/claims.ts';
import { knownContents } from '../../core/db/known-files.ts';
import { listRunningRuns, markRunsAbandoned } from '../../core/db/abandoned-runs.ts';
import { extendLeases, listLeaseOwners } from '../../core/db/lease-owners.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { Db } from '../../core/db/port.ts';
import { saveRun } from '../../core/db/runs.ts';
import { toNumber } from '../../core/db/values.ts';
import { writeFiles } from '../../core/db/write-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { makeAnalysis, sha } from './fixtures.ts';

const targets: { label: string; open(): Promise<{ db: Db; cleanup(): Promise<void> }> }[] = [
  { label: 'pglite', open: async () => ({ db: await openPglite(), cleanup: async () => {} }) },
  {
    label: 'postgres-js',
    async open() {
      const database: TestDatabase = await createTestDatabase('pipeline_queries');
      const db = await openPostgresJs({ url: database.url, preset: 'lazy', workers: 1, env: {} });
      return { db, cleanup: () => database.drop() };
    },
  },
];

for (const target of targets) {
  describe(`pipeline repository functions: ${target.label}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ db, cleanup } = await target.open());
      await migrate(db);
    });
    afterAll(async () => {
      await db.close();
      await cleanup();
    });
    beforeEach(async () => {
      await db.exec('truncate files, file_paths, analyses, track_splits, runs restart identity cascade');
    });

    test('knownContents: unknown hashes absent; done only when analysed or permanently failed at the version', async () => {
      await writeFiles(db, [
        { sha256: sha(1), sizeBytes: 10, path: 'p/1.mid', outcome: { ok: true, analysis: makeAnalysis({ n: 1, version: 2 }) } },
        { sha256: sha(2), sizeBytes: 10, path: 'p/2.mid', outcome: { ok: true, analysis: makeAnalysis({ n: 2, version: 1 }) } },
        { sha256: sha(3), sizeBytes: 10, path: 'p/3.mid', outcome: { ok: false, analyzerVersion: 2, error: { code: 'MIDI_NOT_SMF', message: 'x' }, retryable: false } },
        { sha256: sha(4), sizeBytes: 10, path: 'p/4.mid', outcome: { ok: false, analyzerVersion: 2, error: { code: 'FILE_UNREADABLE', message: 'x' }, retryable: true } },
        { sha256: sha(5), sizeBytes: 10, path: 'p/5.mid' },
      ]);
      const known = await knownContents(db, [sha(1), sha(2), sha(3), sha(4), sha(5), sha(6)], 2);
      expect(Object.fromEntries([...known].map(([k, v]) => [parseInt(k, 16), v]))).toEqual({ 1: true, 2: false, 3: true, 4: false, 5: false });
      expect(await knownContents(db, [], 2)).toEqual(new Map());
    });

    test('extendLeases renews only the owner\'s leases, analysis and split alike; listLeaseOwners lists both kinds', async () => {
      const multi = makeAnalysis({ n: 10, tracks: [{ name: 'a', noteCount: 5 }, { name: 'b', noteCount: 5 }] });
      await writeFiles(db, [
        { sha256: sha(1), sizeBytes: 10, path: 'p/1.mid' },
        { sha256: sha(2), sizeBytes: 10, path: 'p/2.mid' },
        { sha256: sha(10), sizeBytes: 10, path: 'p/10.mid', outcome: { ok: true, analysis: multi } },
      ]);
      expect(await listLeaseOwners(db)).toEqual([]);
      expect(await claimAnalysis(db, { owner: 'host:1:a', analyzerVersion: 1, limit: 1, leaseSeconds: 5 })).toHaveLength(1);
      expect(await claimAnalysis(db, { owner: 'host:2:b', analyzerVersion: 1, limit: 1, leaseSeconds: 5 })).toHaveLength(1);
      expect(await claimSplits(db, { owner: 'host:3:c', limit: 10, leaseSeconds: 5 })).toHaveLength(1);
      expect(await listLeaseOwners(db)).toEqual(['host:1:a', 'host:2:b', 'host:3:c']);

      const remaining = async () => {
        const rows = await db.query(`select coalesce(lease_owner, split_lease_owner) as owner,
          extract(epoch from coalesce(lease_expires_at, split_lease_expires_at) - now()) as left from files
          where lease_owner is not null or split_lease_owner is not null order by 1`);
        return Object.fromEntries(rows.map((r) => [String(r.owner), toNumber(r.left)]));
      };
      expect(await extendLeases(db, 'host:1:a', 300)).toBe(1);
      expect(await extendLeases(db, 'host:3:c', 600)).toBe(1);
      expect(await extendLeases(db, 'nobody', 600)).toBe(0);
      const left = await remaining();
      expect(left['host:1:a']).toBeGreaterThan(290);
      expect(left['host:2:b']).toBeLessThanOrEqual(5);
      expect(left['host:3:c']).toBeGreaterThan(590);
    });

    test('listRunningRuns and markRunsAbandoned close only the named runs still running', async () => {
      const run = (id: string, status: 'running' | 'done', owner: string | null) =>
        saveRun(db, {
          id, command: 'run', status, startedAt: new Date('2024-01-01T00:00:00Z'), finishedAt: null, options: owner ? { owner } : {}, counts: {},
          filesProcessed: 0, bytesProcessed: 0, filesPerSecond: null, bytesPerSecond: null, poolSettings: null, poolStats: null, error: null,
        });
      const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];
      await run(ids[0]!, 'running', 'host:1:a');
      await run(ids[1]!, 'running', null);
      await run(ids[2]!, 'done', 'host:3:c');
      expect((await listRunningRuns(db)).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        { id: ids[0], owner: 'host:1:a' },
        { id: ids[1], owner: null },
      ]);
      expect(await markRunsAbandoned(db, [ids[0]!, ids[2]!])).toBe(1);
      expect(await markRunsAbandoned(db, [])).toBe(0);
      const rows = await db.query(`select id::text as id, status, error_code from runs order by id`);
      expect(rows.map((r) => [r.status, r.error_code])).toEqual([
        ['failed', 'RUN_ABANDONED'],
        ['running', null],
        ['done', null],
      ]);
    });
  });
}
