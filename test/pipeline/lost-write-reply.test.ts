// An import write whose reply is lost after it committed (the statement ran, the connection died before the
// answer came back, as when backends are terminated every 200 ms in `npm run chaos`): the adapter sends the
// batch again, which finds every row already there. The contents are still new to the library as far as
// this run is concerned (it added them), so the summary's newFiles must count them.
import type postgres from 'postgres';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { localFileSource } from '../../adapters/local/file-source.ts';
import { nodeHasher } from '../../adapters/local/hasher.ts';
import { localLeaseIdentity } from '../../adapters/local/lease-identity.ts';
import type { PostgresJsDb } from '../../adapters/local/db/postgres-js.ts';
import { ANALYZER_VERSION } from '../../core/analysis/analyze.ts';
import type { Db } from '../../core/db/port.ts';
import { toInt } from '../../core/db/values.ts';
import { systemClock } from '../../core/pipeline/clock.ts';
import { runImport } from '../../core/pipeline/import-phase.ts';
import { inlineAnalyzer } from '../../core/pipeline/inline-analyzer.ts';
import { silentProgress } from '../../core/pipeline/progress.ts';
import { newRunCounts } from '../../core/pipeline/run-counts.ts';
import { summarize } from '../../core/pipeline/summary.ts';
import type { cuttingReplies } from '../support/db.ts';
import { copyExamplesWithADuplicate, databaseLosingReplies, tempFolder } from './helpers.ts';

let setup: Awaited<ReturnType<typeof databaseLosingReplies>>;
let check: postgres.Sql;
let pool: PostgresJsDb;
let db: Db;
/** Loses the reply of the import write (matched by its SQL) once asked. */
let cutter: ReturnType<typeof cuttingReplies>;
const input = tempFolder('lost-write-in');

beforeAll(async () => {
  copyExamplesWithADuplicate(input.path); // three distinct contents at four paths
  setup = await databaseLosingReplies('lost_write');
  ({ check, pool, cutter } = setup);
  db = cutter.db;
});
afterAll(async () => {
  await setup?.close();
  input.remove();
});

test('import: contents whose write reply was lost after the commit still count as new', async () => {
  const counts = newRunCounts();
  cutter.cut('insert into files as f');
  await runImport(
    { db, source: localFileSource(input.path), hasher: nodeHasher, analyzer: inlineAnalyzer(nodeHasher), progress: silentProgress, clock: systemClock, lease: localLeaseIdentity('lostwrite') },
    { roots: [input.path], analyze: true, batchSize: 50, maxFileSize: 64 * 1024 * 1024, analyzerVersion: ANALYZER_VERSION },
    counts,
  );
  expect(cutter.pending()).toBe(false);
  // The reply really was lost after the commit: the one write went out twice, and the second statement
  // updated the rows the first had inserted (updated_at is the retry's transaction time, created_at the first's).
  expect(pool.stats().retries).toBe(1);
  const [row] = await check`select count(*) as files, count(*) filter (where updated_at > created_at) as written_twice from files`;
  expect({ files: toInt(row!.files), writtenTwice: toInt(row!.written_twice) }).toEqual({ files: 3, writtenTwice: 3 });

  const summary = summarize({ runId: 'lost-write', command: 'import', counts, seconds: 1, error: null, poolSettings: null, poolStats: null });
  expect({ filesSeen: summary.filesSeen, newFiles: summary.newFiles, duplicates: summary.duplicates }).toEqual({ filesSeen: 4, newFiles: 3, duplicates: 1 });
});
