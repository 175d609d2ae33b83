// `npm run chaos`: bulk `midi-pipeline run` (the real CLI, in child processes) against the real PostgreSQL
// under faults (issue 7), each round audited by SQL against the corpus truth: nothing lost, nothing twice,
// every runner exited 0 or 1 with a clear message and none hung.
//   npm run chaos                                   every scenario, 3 rounds each (the restart one too)
//   npm run chaos -- --quick                        150 corpus files, 1 round each, no server restart
//   npm run chaos -- --seed 7 --rounds 5 --scenarios kill,concurrent
//   npm run chaos -- --scenarios restart --rounds 1 --acquire-timeout 2   an outage the runner cannot ride out
// Scenarios: terminate (pg_terminate_backend on the run's backends every 200 ms), restart (pg_ctlcluster
// stop, 1-5 s, start; needs root and takes /tmp/midi-pg-stop.lock), kill (kill -9 at random moments, then
// a rerun), concurrent (three runners on one database). Exit code 0 when every round kept the guarantees.
import { parseArgs } from 'node:util';
import { formatChaosTable } from '../test/chaos/report.ts';
import { passed, runChaos } from '../test/chaos/run-chaos.ts';
import { SCENARIOS, type ScenarioName } from '../test/chaos/scenarios.ts';

const USAGE = 'usage: npm run chaos -- [--seed N] [--rounds N] [--restart-rounds N] [--files N] [--scenarios terminate,restart,kill,concurrent] [--acquire-timeout S] [--quick] [--json]';
const DEFAULT_SEED = 20261129;

function wholeNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} needs a whole number\n${USAGE}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      rounds: { type: 'string' },
      'restart-rounds': { type: 'string' },
      files: { type: 'string' },
      'acquire-timeout': { type: 'string' },
      scenarios: { type: 'string' },
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const quick = values.quick === true;
  const scenarios = (values.scenarios ?? (quick ? 'terminate,kill,concurrent' : 'terminate,restart,kill,concurrent')).split(',') as ScenarioName[];
  for (const s of scenarios) if (!(s in SCENARIOS) || s === 'baseline') throw new Error(`unknown scenario ${s}\n${USAGE}`);
  const rounds = wholeNumber(values.rounds, 'rounds', quick ? 1 : 3);
  const options = {
    seed: wholeNumber(values.seed, 'seed', DEFAULT_SEED) >>> 0,
    rounds,
    restartRounds: wholeNumber(values['restart-rounds'], 'restart-rounds', Math.min(rounds, 3)),
    scenarios,
    runnerArgs: values['acquire-timeout'] !== undefined ? ['--acquire-timeout', values['acquire-timeout']] : [],
    files: values.files !== undefined ? wholeNumber(values.files, 'files', 0) : quick ? 150 : null,
    log: (line: string) => console.error(line),
  };
  const started = new Date();
  const result = await runChaos(options);
  const argv = process.argv.slice(2).join(' ');
  console.log(`\nnpm run chaos${argv ? ` -- ${argv}` : ''}  (seed ${result.seed}, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC)`);
  console.log(`corpus: ${result.corpus.paths} paths to ${result.corpus.contents} contents, ${result.corpus.splitChildren} split children; clean run ${(result.baselineMs / 1000).toFixed(1)} s\n`);
  console.log(formatChaosTable(result));
  const problems = result.rounds.flatMap((r) => r.problems.map((p) => `${r.scenario} #${r.round}: ${p}`));
  if (problems.length > 0) console.log(`\nproblems:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  if (values.json) console.log(JSON.stringify({ ...result, rounds: result.rounds.map(({ exits, ...r }) => ({ ...r, exits: exits.map(({ stdout: _o, stderr: _e, ...e }) => e) })) }));
  return passed(result) ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`chaos: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
