// A claim whose reply is lost after it committed (the statement ran, the connection died before the answer
// came back, as when backends are terminated every 200 ms in `npm run chaos`): the adapter sends the claim
// again, which finds those rows leased already and returns the others or none. The phase must still do
// the work it leased unseen before it ends, not leave it leased to itself and then report the run done.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type postgres from 'postgres';
import { localFileSink } from '../../adapters/local/file-sink.ts';
import { localFileSource } from '../../adapters/local/file-source.ts';
import { nodeHasher } from '../../adapters/local/hasher.ts';
import { localLeaseIdentity } from '../../adapters/local/lease-identity.ts';
import { ANALYZER_VERSION, sha256Hex } from '../../core/analysis/analyze.ts';
import type { Db } from '../../core/db/port.ts';
import { writeFiles } from '../../core/db/write-files.ts';
import { runAnalyze } from '../../core/pipeline/analyze-phase.ts';
import { systemClock } from '../../core/pipeline/clock.ts';
import { inlineAnalyzer } from '../../core/pipeline/inline-analyzer.ts';
import type { PhaseDeps } from '../../core/pipeline/phase-deps.ts';
import { silentProgress } from '../../core/pipeline/progress.ts';
import { newRunCounts } from '../../core/pipeline/run-counts.ts';
import { runSplit } from '../../core/pipeline/split-phase.ts';
import { readFileSync } from 'node:fs';
import type { cuttingReplies } from '../support/db.ts';
import { projectRoot } from '../support/mido.ts';
import { databaseLosingReplies, tempFolder } from './helpers.ts';

const EXAMPLES = ['c-major-scale.mid', 'drum-loop.mid', 'waltz-a-minor-multitrack.mid', 'broken-truncated-header.mid'].map((name) => join(projectRoot, 'examples', name));
const OPTIONS = { batchSize: 50, maxFileSize: 64 * 1024 * 1024, analyzerVersion: ANALYZER_VERSION };

describe('a claim whose reply is lost after the commit', () => {
  let setup: Awaited<ReturnType<typeof databaseLosingReplies>>;
  let check: postgres.Sql;
  let db: Db;
  /** The claim statement to lose the reply of next (matched by its SQL), once. */
  let cutter: ReturnType<typeof cuttingReplies>;
  const out = tempFolder('lost-claim-out');

  beforeAll(async () => {
    setup = await databaseLosingReplies('lost_claim');
    ({ check, cutter } = setup);
    // Registered only, as `import --no-analyze` leaves them: the analyze phase has all four to claim.
    const records = await Promise.all(EXAMPLES.map(async (path) => ({ path, bytes: new Uint8Array(readFileSync(path)) })));
    await writeFiles(setup.pool, await Promise.all(records.map(async (r) => ({ sha256: await sha256Hex(r.bytes), sizeBytes: r.bytes.length, path: r.path }))));
    db = cutter.db;
  });
  afterAll(async () => {
    await setup?.close();
    out.remove();
  });

  const deps = (): PhaseDeps => ({
    db,
    source: localFileSource(projectRoot),
    sink: localFileSink(out.path),
    hasher: nodeHasher,
    analyzer: inlineAnalyzer(nodeHasher),
    progress: silentProgress,
    clock: systemClock,
    lease: localLeaseIdentity('lostclaim'),
  });

  test('analyze: the files leased by the lost claim are analysed in the same phase', async () => {
    cutter.cut('lease_owner      = $4::text'); // CLAIM_ANALYSIS_SQL
    await runAnalyze(deps(), OPTIONS, newRunCounts());
    expect(cutter.pending()).toBe(false);
    const rows = await check`select status, lease_owner from files order by id`;
    expect(rows.map((r) => `${r.status}:${r.lease_owner ?? ''}`)).toEqual(['analyzed:', 'analyzed:', 'analyzed:', 'failed:']);
  });

  test('split: the parents leased by the lost claim are split in the same phase', async () => {
    cutter.cut('split_lease_owner      = $3::text'); // CLAIM_SPLITS_SQL
    await runSplit(deps(), OPTIONS, newRunCounts());
    expect(cutter.pending()).toBe(false);
    const [state] = await check`select (select count(*)::int from files where split_at is not null) as split,
      (select count(*)::int from track_splits) as children,
      (select count(*)::int from files where split_lease_owner is not null) as leased`;
    expect(state).toEqual({ split: 1, children: 3, leased: 0 });
  });
});
