// Two imports of the same folder at once, into one new library: both look every content up before either
// writes (a barrier holds the writes until both are there), so both find nothing and both analyse. One
// creates the rows, the other finds them when it writes. Each run's summary must still account for every
// path it read (newFiles + duplicates = filesSeen), and the two together added each content once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { localFileSource } from '../../adapters/local/file-source.ts';
import { nodeHasher } from '../../adapters/local/hasher.ts';
import { localLeaseIdentity } from '../../adapters/local/lease-identity.ts';
import { openPostgresJs, type PostgresJsDb } from '../../adapters/local/db/postgres-js.ts';
import { ANALYZER_VERSION } from '../../core/analysis/analyze.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { Db } from '../../core/db/port.ts';
import { systemClock } from '../../core/pipeline/clock.ts';
import { runImport } from '../../core/pipeline/import-phase.ts';
import { inlineAnalyzer } from '../../core/pipeline/inline-analyzer.ts';
import { silentProgress } from '../../core/pipeline/progress.ts';
import { newRunCounts } from '../../core/pipeline/run-counts.ts';
import { summarize } from '../../core/pipeline/summary.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { copyExamplesWithADuplicate, tempFolder } from './helpers.ts';

let database: TestDatabase;
let pools: PostgresJsDb[] = [];
const input = tempFolder('concurrent-import-in');

beforeAll(async () => {
  copyExamplesWithADuplicate(input.path); // three distinct contents at four paths
  database = await createTestDatabase('concurrent_import');
  pools = await Promise.all([1, 2].map(() => openPostgresJs({ url: database.url, workers: 1, env: {}, preset: 'lazy', options: { validate: false } })));
  await migrate(pools[0]!);
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await database?.drop();
  input.remove();
});

test('two imports racing on the same new contents each account for every path, and add each content once', async () => {
  // Each runner's file writes wait until both runners have reached their first write.
  const arrived = new Set<PostgresJsDb>();
  let release!: () => void;
  const bothWriting = new Promise<void>((resolve) => (release = resolve));
  const gated = (pool: PostgresJsDb): Db => ({
    ...pool,
    query: async (text, params, options) => {
      if (text.includes('insert into files as f')) {
        arrived.add(pool);
        if (arrived.size === 2) release();
        await bothWriting;
      }
      return pool.query(text, params, options);
    },
  });
  const results = await Promise.all(
    pools.map(async (pool, i) => {
      const counts = newRunCounts();
      await runImport(
        { db: gated(pool), source: localFileSource(input.path), hasher: nodeHasher, analyzer: inlineAnalyzer(nodeHasher), progress: silentProgress, clock: systemClock, lease: localLeaseIdentity(`race${i}`) },
        { roots: [input.path], analyze: true, batchSize: 50, maxFileSize: 64 * 1024 * 1024, analyzerVersion: ANALYZER_VERSION },
        counts,
      );
      const s = summarize({ runId: `race${i}`, command: 'import', counts, seconds: 1, error: null, poolSettings: null, poolStats: null });
      return { filesSeen: s.filesSeen, newFiles: s.newFiles, duplicates: s.duplicates };
    }),
  );
  expect(arrived.size).toBe(2); // both really raced: each had looked everything up before either wrote
  for (const r of results) expect(r.newFiles + r.duplicates, JSON.stringify(r)).toBe(4);
  expect(results.map((r) => r.filesSeen)).toEqual([4, 4]);
  expect(results[0]!.newFiles + results[1]!.newFiles).toBe(3);
});
