// Sections 3 and 4 of scripts/bench-pool.ts, in process against a migrated database, through the real
// postgres.js adapter (adapters/local/db/postgres-js.ts): what validation before use costs per checkout
// and what it buys when backends are terminated, and what an idle gap longer than the idle timeout (or the
// max lifetime) costs the next batch. A "burst" is what a bulk run does between pauses: concurrent batch
// upserts (idempotent, retried after a lost connection) beside plain statements that are not marked
// idempotent (the adapter may not repeat those once sent).
import type postgres from 'postgres';
import { openPostgresJs, type PostgresJsDb } from '../adapters/local/db/postgres-js.ts';
import type { PoolPreset, PoolSettings } from '../adapters/local/db/pool-settings.ts';
import type { PoolStats } from '../core/db/port.ts';
import type { FileRecord } from '../core/db/write-files.ts';
import { writeFiles } from '../core/db/write-files.ts';
import { startFaultProxy, terminateBackends, withPort } from '../test/support/db.ts';
import { median } from './bench-pipeline.ts';

type PoolOptions = Partial<Omit<PoolSettings, 'preset'>>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

let appCounter = 0;
async function openPool(url: string, preset: PoolPreset, options: PoolOptions): Promise<{ db: PostgresJsDb; app: string }> {
  const app = `bench-pool-${process.pid}-${appCounter++}`;
  // workers 2: warm opens min 2, max 4, as on this 2-core machine
  return { db: await openPostgresJs({ url, preset, workers: 2, options: { ...options, applicationName: app }, env: {} }), app };
}

export interface CheckoutCost {
  label: string;
  medianUs: number;
  p90Us: number;
  samples: number;
}

/**
 * Latency of `select 1` as a caller sees it, with and without validation. "Every checkout" sets the idle
 * threshold to 1 ms and leaves 2 ms between statements, so each one is validated first (test-on-borrow);
 * "after idle" leaves 250 ms with a 200 ms threshold (the mechanism the 1 s default uses after a pause).
 */
export async function validationCost(url: string, samples: number): Promise<CheckoutCost[]> {
  const cases: [string, PoolOptions, number, number][] = [
    ['no validation, 2 ms between statements', { validate: false }, 2, samples],
    ['validate every checkout (threshold 1 ms), 2 ms between statements', { validate: true, validateAfterIdleSeconds: 0.001 }, 2, samples],
    ['no validation, 250 ms pause before each statement', { validate: false }, 250, Math.ceil(samples / 20)],
    ['validate after idle (threshold 200 ms), 250 ms pause before each statement', { validate: true, validateAfterIdleSeconds: 0.2 }, 250, Math.ceil(samples / 20)],
  ];
  const out: CheckoutCost[] = [];
  for (const [label, options, pauseMs, n] of cases) {
    const { db } = await openPool(url, 'warm', options);
    const times: number[] = [];
    try {
      for (let i = 0; i < n + 5; i++) {
        await sleep(pauseMs);
        const started = performance.now();
        await db.query('select 1', [], { idempotent: true });
        if (i >= 5) times.push((performance.now() - started) * 1000);
      }
    } finally {
      await db.close();
    }
    out.push({ label, medianUs: median(times), p90Us: percentile(times, 0.9), samples: times.length });
  }
  return out;
}

export interface BurstResult {
  label: string;
  rounds: number;
  /** Batches and plain statements that failed (the caller saw an error). */
  failedWrites: number;
  failedStatements: number;
  statements: number;
  medianBurstMs: number;
  totalBurstMs: number;
  stats: PoolStats;
  terminated: number;
}

interface BurstPlan {
  preset: PoolPreset;
  options: PoolOptions;
  rounds: number;
  gapMs: number;
  /** Terminate the pool's backends during the pause before a burst, while a burst is in flight, or never. */
  kill: 'idle' | 'busy' | 'none';
}

/** Rounds of pause then burst; per burst 4 upserts of `batch` records and 4 non-idempotent statements. */
export async function runBursts(url: string, admin: postgres.Sql, label: string, plan: BurstPlan, records: (n: number) => FileRecord[], batch: number): Promise<BurstResult> {
  const { db, app } = await openPool(url, plan.preset, plan.options);
  const terminate = () => terminateBackends(admin, app);
  let failedWrites = 0;
  let failedStatements = 0;
  let terminated = 0;
  const bursts: number[] = [];
  try {
    for (let round = 0; round < plan.rounds; round++) {
      if (plan.kill === 'idle') {
        await sleep(plan.gapMs / 2);
        terminated += Number(await terminate());
        await sleep(plan.gapMs / 2);
      } else await sleep(plan.gapMs);
      const started = performance.now();
      const writes = Array.from({ length: 4 }, () => writeFiles(db, records(batch)));
      const plain = Array.from({ length: 4 }, () => db.query('select count(*) from files'));
      if (plan.kill === 'busy') await sleep(5).then(async () => void (terminated += Number(await terminate())));
      const results = await Promise.allSettled([...writes, ...plain]);
      bursts.push(performance.now() - started);
      failedWrites += results.slice(0, 4).filter((r) => r.status === 'rejected').length;
      failedStatements += results.slice(4).filter((r) => r.status === 'rejected').length;
    }
    return { label, rounds: plan.rounds, failedWrites, failedStatements, statements: plan.rounds * 8, medianBurstMs: median(bursts), totalBurstMs: bursts.reduce((a, b) => a + b, 0), stats: db.stats(), terminated };
  } finally {
    await db.close();
  }
}

export interface FrozenResult {
  label: string;
  /** Milliseconds until every statement of the burst settled, or null when some had no answer by the cap. */
  burstMs: number | null;
  settled: number;
  failed: number;
  statements: number;
  stats: PoolStats;
}

/**
 * Section 3, a network path gone silent (the connections stay open, nothing comes back: a dropped NAT
 * mapping, a frozen peer), which a terminated backend on loopback is not: the pool goes through a TCP
 * proxy (test/support/db.ts) that stops forwarding during a 1.1 s pause. A burst then waits for answers;
 * `capMs` bounds the wait.
 */
export async function frozenPath(url: string, label: string, options: PoolOptions, records: (n: number) => FileRecord[], capMs: number): Promise<FrozenResult> {
  const proxy = await startFaultProxy(Number(new URL(url).port || 5432));
  const { db } = await openPool(withPort(url, proxy.port), 'warm', options);
  try {
    await writeFiles(db, records(100));
    await sleep(550);
    proxy.freeze();
    await sleep(550);
    const started = performance.now();
    let settled = 0;
    let failed = 0;
    const statements = [...Array.from({ length: 2 }, () => writeFiles(db, records(100))), ...Array.from({ length: 2 }, () => db.query('select count(*) from files'))];
    const all = Promise.allSettled(statements.map((p) => p.then(() => void settled++, () => void (settled++, failed++))));
    const finished = await Promise.race([all.then(() => true), sleep(capMs).then(() => false)]);
    return { label, burstMs: finished ? performance.now() - started : null, settled, failed, statements: statements.length, stats: db.stats() };
  } finally {
    await db.close();
    proxy.close();
  }
}

/** Section 3: terminated backends, with and without validation. */
export function terminationPlans(rounds: number): [string, BurstPlan][] {
  const base = { preset: 'warm' as const, rounds, gapMs: 1100 };
  return [
    ['warm, validate, no termination (baseline)', { ...base, options: { validate: true }, kill: 'none' }],
    ['warm, validate, backends terminated while idle', { ...base, options: { validate: true }, kill: 'idle' }],
    ['warm, no validation, backends terminated while idle', { ...base, options: { validate: false }, kill: 'idle' }],
    ['warm, validate, backends terminated mid-burst', { ...base, options: { validate: true }, kill: 'busy' }],
    ['warm, no validation, backends terminated mid-burst', { ...base, options: { validate: false }, kill: 'busy' }],
  ];
}

/** Section 4: pauses longer than the idle timeout (1 s) between bursts. */
export function idlePlans(rounds: number): [string, BurstPlan][] {
  const base = { rounds, gapMs: 1500, kill: 'none' as const };
  return [
    ['warm: no idle timeout, no max lifetime (the seed)', { ...base, preset: 'warm', options: {} }],
    ['warm + idle timeout 1 s', { ...base, preset: 'warm', options: { idleTimeoutSeconds: 1 } }],
    ['warm + max lifetime 1 s', { ...base, preset: 'warm', options: { maxLifetimeSeconds: 1 } }],
    ['lazy (postgres.js defaults: no idle timeout, 30-60 min lifetime)', { ...base, preset: 'lazy', options: {} }],
  ];
}
