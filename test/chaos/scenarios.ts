// The faults a chaos round injects into bulk runs (issue 7). Each scenario starts runners through the
// round's context, does its damage while they work, and says how many faults landed and whether a run
// finished after the last one (if not, the round runs once more without faults before the audit).
import type postgres from 'postgres';
import type { Random } from '../fuzz/random.ts';
import { terminateBackends } from '../support/db.ts';
import { holdStopLock, stopAndStartPostgres } from './postgres-control.ts';
import type { Runner, RunnerExit } from './runner.ts';

export interface RoundContext {
  random: Random;
  /** How long a clean run of this corpus took, for picking moments inside a run. */
  baselineMs: number;
  /** Admin connection (for pg_terminate_backend). */
  admin: postgres.Sql;
  /** Starts `midi-pipeline run` on the round's corpus, database and split folder, as `applicationName`. */
  start(applicationName?: string): Runner;
  /** The application_name runners get unless told otherwise. */
  applicationName: string;
  log(line: string): void;
}

export interface Injected {
  faults: number;
  exits: RunnerExit[];
  /** A run exited 0 after the last fault, so the library must already be complete. */
  complete: boolean;
}

export type ScenarioName = 'baseline' | 'terminate' | 'restart' | 'kill' | 'concurrent';

export const SCENARIOS: Record<ScenarioName, { title: string; run(ctx: RoundContext): Promise<Injected> }> = {
  baseline: { title: 'none (baseline)', run: baseline },
  terminate: { title: '(a) backends terminated every 200 ms', run: terminateEvery200ms },
  restart: { title: '(b) PostgreSQL stopped and started mid-run', run: restartServer },
  kill: { title: '(c) kill -9 at random points, then rerun', run: killAtRandom },
  concurrent: { title: '(d) three concurrent runners', run: threeRunners },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sleeps `ms`, or less when the runner exits first. */
async function sleepWhileRunning(runner: Runner, ms: number): Promise<void> {
  await Promise.race([sleep(ms), runner.exit]);
}

async function baseline(ctx: RoundContext): Promise<Injected> {
  const exit = await ctx.start().exit;
  return { faults: 0, exits: [exit], complete: exit.code === 0 };
}

/** (a) A second process (this one) runs pg_terminate_backend on the runner's backends every 200 ms until it exits. */
async function terminateEvery200ms(ctx: RoundContext): Promise<Injected> {
  const runner = ctx.start();
  let faults = 0;
  while (runner.running()) {
    // the admin connection is not the runner's (another application_name), so it survives the purge
    faults += await terminateBackends(ctx.admin, ctx.applicationName).catch(() => 0);
    await sleepWhileRunning(runner, 200);
  }
  const exit = await runner.exit;
  return { faults, exits: [exit], complete: exit.code === 0 };
}

/**
 * (b) The server stops at a random moment of the run and starts again 1-3 s later (stop and start take a
 * few seconds more; the whole outage stays under about 10 s). The runner either rides it out (its retries
 * wait up to the acquire timeout) or exits 1 with DB_UNAVAILABLE.
 */
async function restartServer(ctx: RoundContext): Promise<Injected> {
  const lock = await holdStopLock(15 * 60_000);
  try {
    const runner = ctx.start();
    await sleepWhileRunning(runner, Math.round(ctx.baselineMs * (0.1 + 0.6 * ctx.random.next())));
    let faults = 0;
    if (runner.running()) {
      const downMs = ctx.random.range(1000, 3000);
      const tookMs = await stopAndStartPostgres(downMs);
      ctx.log(`    server down ${(tookMs / 1000).toFixed(1)} s`);
      faults = 1;
    }
    lock.release();
    const exit = await runner.exit;
    return { faults, exits: [exit], complete: exit.code === 0 };
  } finally {
    lock.release();
  }
}

/** (c) One to three runs, each killed with SIGKILL at a random moment; the round then runs to the end. */
async function killAtRandom(ctx: RoundContext): Promise<Injected> {
  const kills = ctx.random.range(1, 3);
  const exits: RunnerExit[] = [];
  let faults = 0;
  for (let i = 0; i < kills; i++) {
    const runner = ctx.start();
    await sleepWhileRunning(runner, Math.round(ctx.baselineMs * (0.02 + 0.88 * ctx.random.next())));
    if (runner.kill()) faults++;
    exits.push(await runner.exit);
  }
  const last = exits[exits.length - 1]!;
  return { faults, exits, complete: !last.killed && last.code === 0 };
}

/** (d) Three runners on one database and split folder, started within half a second of each other. */
async function threeRunners(ctx: RoundContext): Promise<Injected> {
  const runners: Runner[] = [];
  for (let i = 0; i < 3; i++) {
    runners.push(ctx.start(`${ctx.applicationName}-${i}`));
    await sleep(ctx.random.range(0, 250));
  }
  const exits = await Promise.all(runners.map((r) => r.exit));
  return { faults: 3, exits, complete: exits.every((e) => e.code === 0) };
}
