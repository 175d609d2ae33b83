// The short chaos run for CI (`npm run chaos` is the full one): a seeded subset of the corpus through real
// `midi-pipeline run` processes on the real PostgreSQL while backends are terminated every 200 ms, while
// runs are killed with SIGKILL and rerun, and with three runners at once; each round audited by SQL
// against the corpus truth. The server restart scenario is left out here: other suites share the server.
import { describe, expect, test } from 'vitest';
import { hasCorpus } from '../support/mido.ts';
import { formatChaosTable } from './report.ts';
import { runChaos } from './run-chaos.ts';

describe.skipIf(!hasCorpus())('chaos (short run)', () => {
  test('terminated backends, kill -9 and three runners lose nothing and double nothing', async () => {
    const result = await runChaos({ seed: 20261129, rounds: 1, scenarios: ['terminate', 'kill', 'concurrent'], files: 40 });
    const table = formatChaosTable(result);
    expect(result.rounds.flatMap((r) => r.problems.map((p) => `${r.scenario}: ${p}`)), table).toEqual([]);
    // The faults must have landed, or the rounds proved nothing.
    const faults = Object.fromEntries(result.rounds.map((r) => [r.scenario, r.faults]));
    expect(faults.terminate, table).toBeGreaterThan(0);
    expect(faults.kill, table).toBeGreaterThan(0);
    // Some contents are linked twice, so deduplication is under the faults too.
    expect(result.corpus.paths, table).toBeGreaterThan(result.corpus.contents);
  }, 300_000);
});
