// Runs chaos rounds (scripts/chaos.ts for the full run, chaos.test.ts for CI's short one): each round gets a
// fresh database and split folder, its scenario's faults (scenarios.ts), a rerun without faults when no
// run finished after the last fault, and then the audit of the library against the corpus truth
// (library-audit.ts) and of every runner's exit (runner.ts). Everything random comes from the seed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createRandom, inputSeed } from '../fuzz/random.ts';
import { auditLibrary } from '../pipeline/library-audit.ts';
import { adminSql, createTestDatabase } from '../support/db.ts';
import { makeChaosCorpus, type ChaosCorpus } from './chaos-corpus.ts';
import { exitLabel, exitProblem, failureMessage, startRunner, type RunnerExit } from './runner.ts';
import { SCENARIOS, type ScenarioName } from './scenarios.ts';

export interface ChaosOptions {
  seed: number;
  rounds: number;
  /** Rounds of the server restart scenario, which disturbs everything else on the server: keep it few. */
  restartRounds?: number;
  scenarios: ScenarioName[];
  /** Corpus files to use (a seeded subset), or null for all of them. */
  files: number | null;
  /** More options for every runner, e.g. `['--acquire-timeout', '2']` so a server outage outlasts it. */
  runnerArgs?: string[];
  /** Limit for any one runner; default from the baseline run. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface RoundResult {
  scenario: ScenarioName;
  round: number;
  faults: number;
  exits: RunnerExit[];
  lost: number;
  duplicated: number;
  wrong: number;
  /** Runner exits that broke the contract (hung, crashed, unclear message), and reruns that did not finish. */
  badExits: number;
  /** Everything that broke the guarantees: audit findings and exit problems (first few of each). */
  problems: string[];
}

export interface ChaosResult {
  seed: number;
  corpus: { files: number; paths: number; contents: number; splitChildren: number };
  baselineMs: number;
  rounds: RoundResult[];
}

/** Whether the run kept every guarantee. */
export function passed(result: ChaosResult): boolean {
  return result.rounds.every((r) => r.problems.length === 0);
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => {});
  const corpus = makeChaosCorpus({ seed: options.seed, files: options.files });
  const admin = adminSql();
  try {
    const result: ChaosResult = {
      seed: options.seed,
      corpus: { files: options.files ?? corpus.expected.files.length, paths: corpus.expected.files.length, contents: corpus.contents, splitChildren: corpus.splitChildren },
      baselineMs: 0,
      rounds: [],
    };
    log(`chaos: seed ${options.seed}, ${corpus.expected.files.length} paths to ${corpus.contents} contents (${corpus.splitChildren} split children) in ${corpus.folder}`);
    // The baseline is a clean run: it proves the audit passes with no faults and times a run, so faults
    // can be placed inside one and a hang told from a slow run.
    const baseline = await runRound(corpus, admin, options, 'baseline', 0, 600_000);
    result.rounds.push(baseline);
    result.baselineMs = Math.max(1000, ...baseline.exits.map((e) => e.ms));
    // A run under faults may wait out the 30 s acquire timeout once or twice on top of its work.
    const timeoutMs = options.timeoutMs ?? Math.round(4 * result.baselineMs + 90_000);
    for (const scenario of options.scenarios) {
      const rounds = scenario === 'restart' ? (options.restartRounds ?? options.rounds) : options.rounds;
      for (let round = 1; round <= rounds; round++) {
        result.rounds.push(await runRound(corpus, admin, options, scenario, round, timeoutMs, result.baselineMs));
      }
    }
    return result;
  } finally {
    await admin.end({ timeout: 5 });
    corpus.remove();
  }
}

async function runRound(corpus: ChaosCorpus, admin: postgres.Sql, options: ChaosOptions, scenario: ScenarioName, round: number, timeoutMs: number, baselineMs = 0): Promise<RoundResult> {
  const log = options.log ?? (() => {});
  // One stream per (scenario, round): a round replays the same whatever ran before it.
  const random = createRandom(inputSeed(options.seed, Object.keys(SCENARIOS).indexOf(scenario) * 1000 + round));
  const workers = scenario === 'baseline' ? 2 : random.pick([1, 2]);
  const batchSize = scenario === 'baseline' ? 500 : random.pick([20, 100, 500]);
  const database = await createTestDatabase(`chaos_${scenario}`);
  const out = mkdtempSync(join(tmpdir(), 'mp-chaos-out-'));
  const applicationName = `mp-chaos-${process.pid}-${scenario}-${round}`;
  const args = ['run', corpus.folder, '--database-url', database.url, '--out', out, '--json', '--no-progress', '--workers', String(workers), '--batch-size', String(batchSize), ...(options.runnerArgs ?? [])];
  const start = (name = applicationName) => startRunner(args, { env: { MIDI_PIPELINE_APPLICATION_NAME: name }, timeoutMs });
  const label = `${scenario}${round > 0 ? ` #${round}` : ''}`;
  log(`  ${label}: ${workers} worker(s), batch ${batchSize}`);
  try {
    const injected = await SCENARIOS[scenario].run({ random, baselineMs, admin, start, applicationName, log });
    const exits = [...injected.exits];
    if (!injected.complete) exits.push(await start().exit);
    const problems = exits.map(exitProblem).filter((p): p is string => p !== null);
    const last = exits[exits.length - 1]!;
    if (last.code !== 0 && !last.hung) problems.push(`the run after the faults did not finish: ${exitLabel(last)} ${failureMessage(last) ?? ''}`);
    const badExits = problems.length;
    // A fresh connection: the admin one may have lost its backend to a server restart.
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const audit = await auditLibrary(sql, corpus.expected, out).finally(() => sql.end({ timeout: 5 }));
    problems.push(...audit.lost.slice(0, 5), ...audit.duplicated.slice(0, 5), ...audit.wrong.slice(0, 5));
    const result: RoundResult = { scenario, round, faults: injected.faults, exits, lost: audit.lost.length, duplicated: audit.duplicated.length, wrong: audit.wrong.length, badExits, problems };
    const exitText = exits.map((e) => `${exitLabel(e)}${e.code === 1 ? ` (${failureMessage(e) ?? 'no message'})` : ''} ${(e.ms / 1000).toFixed(1)} s`).join(', ');
    log(`  ${label}: faults ${result.faults}; exits ${exitText}; lost ${result.lost}, duplicated ${result.duplicated}, wrong ${result.wrong}`);
    for (const problem of problems) log(`    PROBLEM: ${problem}`);
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
    await database.drop().catch((error: unknown) => log(`    could not drop ${database.name}: ${(error as Error).message}`));
  }
}
