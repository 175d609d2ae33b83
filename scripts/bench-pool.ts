// `npm run bench:pool`: the seed change-log's pool settings, measured (issue 6). One script, six sections,
// figures side by side, medians of --reps repetitions; results go to docs/performance.md.
//   1. `run` with the warm and lazy presets at 1, 2 and 4 workers: time to the first stored result, total
//      time, seconds per phase (runs interleaved warm/lazy, the order flipped every repetition)
//   2. fresh vs warm connection on loopback (scripts/bench-connect.ts), and the connections each preset
//      really opened in section 1 (its pool statistics and pg_stat_activity)
//   3. validation before use: cost per checkout, and what it buys when backends are terminated
//      (scripts/pool-faults.ts in process; then `run` with a backend killer, --validate vs --no-validate)
//   4. pauses longer than the idle timeout: what the next batch pays with and without idle timeout/max lifetime
//   5. /analyze?store=true on the Node server: one long-lived pool vs a pool per request (bench-edge's pieces)
//   6. batch size and write method (COPY vs UNNEST vs multi-row INSERT) (scripts/bench-pool-writes.ts)
//
//   npm run bench:pool [-- --quick] [--reps 3] [--count 1603] [--sections 1,2,3,4,5,6]
//
// The corpus is --count distinct files made by scripts/make-bench-corpus.ts from the shared corpus
// (1,603 by default: the change log's "per 1,603-file run"), kept under node_modules/.cache.
import { join, resolve } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { openPostgresJs } from '../adapters/local/db/postgres-js.ts';
import { migrate } from '../core/db/migrate.ts';
import { createTestDatabase } from '../test/support/db.ts';
import { startEdgeDb } from '../test/runtime/edge-db.ts';
import { startNode } from '../test/runtime/node.ts';
import { measureConnectCost } from './bench-connect.ts';
import { cpu, fmt, measure, pickFiles, row, variedBody, withServer } from './bench-edge.ts';
import { ADMIN_URL, BENCH_WATCHER_APP, type CliRunExtras, cliRun, median, type Measurement, pct } from './bench-pipeline.ts';
import { recordMaker } from './bench-records.ts';
import { makeBenchCorpus } from './make-bench-corpus.ts';
import { frozenPath, idlePlans, runBursts, terminationPlans, validationCost } from './pool-faults.ts';
import { benchWrites } from './bench-pool-writes.ts';

const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const log = (line: string) => process.stderr.write(`${line}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
/** Spread of repetitions: (max - min) / median, the noise a difference has to beat. */
const spread = (xs: number[]) => (xs.length < 2 ? NaN : (Math.max(...xs) - Math.min(...xs)) / median(xs));

interface Options {
  quick: boolean;
  reps: number;
  count: number;
  workers: number[];
  sections: Set<number>;
}

function options(): Options {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, reps: { type: 'string' }, count: { type: 'string' }, workers: { type: 'string' }, sections: { type: 'string' } } });
  const quick = values.quick === true;
  return {
    quick,
    reps: Number(values.reps ?? (quick ? 1 : 3)),
    count: Number(values.count ?? 1603),
    workers: (values.workers ?? '1,2,4').split(',').map(Number),
    sections: new Set((values.sections ?? '1,2,3,4,5,6').split(',').map(Number)),
  };
}

/** Polls the run's database every 10 ms until an analysis is stored: seconds from the CLI's start. */
function firstResultWatcher(): { during: NonNullable<CliRunExtras['during']>; seconds: () => number | null } {
  let first: number | null = null;
  return {
    seconds: () => first,
    during: ({ url }) => {
      const started = performance.now();
      const sql = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: BENCH_WATCHER_APP } });
      let running = true;
      const loop = (async () => {
        while (running && first === null) {
          // the table exists once the CLI migrated; until then the query fails
          const rows = await sql`select 1 from analyses limit 1`.catch(() => []);
          if (rows.length > 0) first = (performance.now() - started) / 1000;
          else await new Promise((r) => setTimeout(r, 10));
        }
      })();
      return { stop: async () => ((running = false), await loop, await sql.end({ timeout: 1 })) };
    },
  };
}

interface PresetRun extends Measurement {
  firstSeconds: number | null;
}

async function section1(o: Options, folder: string): Promise<Map<string, PresetRun[]>> {
  const runs = new Map<string, PresetRun[]>();
  for (let rep = 1; rep <= o.reps; rep++) {
    for (const workers of o.workers) {
      const order = rep % 2 === 1 ? (['warm', 'lazy'] as const) : (['lazy', 'warm'] as const);
      for (const preset of order) {
        const watch = firstResultWatcher();
        const m = await cliRun('run', folder, workers, preset, rep, { during: watch.during });
        const key = `${workers} ${preset}`;
        runs.set(key, [...(runs.get(key) ?? []), { ...m, firstSeconds: watch.seconds() }]);
        log(`  1. rep ${rep}, ${workers} workers, ${preset}: ${f2(m.seconds)} s (first stored ${watch.seconds()?.toFixed(2) ?? '?'} s, wall ${f2(m.wallSeconds)} s), phases ${Object.entries(m.phases ?? {}).map(([k, v]) => `${k} ${f2(v)}`).join(' ')}`);
      }
    }
  }
  out(`## 1. \`run\` on ${o.count} files, warm vs lazy (median of ${o.reps}; spread = (max - min) / median)`);
  out();
  out(row(['workers', 'warm s', 'lazy s', 'warm time vs lazy', 'spread warm / lazy', 'warm first stored s', 'lazy first stored s', 'warm files/s', 'lazy files/s', 'warm CPU s (CLI + PG)', 'lazy CPU s (CLI + PG)', 'warm CPU vs lazy', 'warm wall s', 'lazy wall s']));
  out(row(Array(14).fill('---')));
  for (const w of o.workers) {
    const [warm, lazy] = [runs.get(`${w} warm`)!, runs.get(`${w} lazy`)!];
    const m = (ms: PresetRun[], pick: (r: PresetRun) => number) => median(ms.map(pick));
    const first = (ms: PresetRun[]) => (ms.every((r) => r.firstSeconds !== null) ? f2(m(ms, (r) => r.firstSeconds!)) : '?');
    out(row([w, f2(m(warm, (r) => r.seconds)), f2(m(lazy, (r) => r.seconds)), pct(m(warm, (r) => r.seconds) / m(lazy, (r) => r.seconds) - 1), `${pct(spread(warm.map((r) => r.seconds)))} / ${pct(spread(lazy.map((r) => r.seconds)))}`, first(warm), first(lazy), Math.round(m(warm, (r) => r.files / r.seconds)), Math.round(m(lazy, (r) => r.files / r.seconds)), f1(m(warm, (r) => r.cpuSeconds + r.dbCpuSeconds)), f1(m(lazy, (r) => r.cpuSeconds + r.dbCpuSeconds)), pct(m(warm, (r) => r.cpuSeconds + r.dbCpuSeconds) / m(lazy, (r) => r.cpuSeconds + r.dbCpuSeconds) - 1), f2(m(warm, (r) => r.wallSeconds)), f2(m(lazy, (r) => r.wallSeconds))]));
  }
  out();
  out('Per phase (import includes the analysis of new files, done in the same pass; analyze is the leftover pass(es); split writes and analyses the per-track files):');
  out();
  out(row(['workers', 'phase', 'warm s', 'lazy s', 'warm time vs lazy', 'spread warm / lazy']));
  out(row(Array(6).fill('---')));
  for (const w of o.workers) {
    for (const phase of ['import', 'analyze', 'split']) {
      const [warm, lazy] = [runs.get(`${w} warm`)!, runs.get(`${w} lazy`)!].map((ms) => ms.map((r) => r.phases?.[phase] ?? 0));
      out(row([w, phase, f2(median(warm!)), f2(median(lazy!)), pct(median(warm!) / median(lazy!) - 1), `${pct(spread(warm!))} / ${pct(spread(lazy!))}`]));
    }
  }
  out();
  return runs;
}

async function section2(o: Options, runs: Map<string, PresetRun[]> | null): Promise<void> {
  log('  2. connection cost');
  const costs = await measureConnectCost({ url: ADMIN_URL, freshRuns: o.quick ? 50 : 150, warmRuns: o.quick ? 500 : 1500 });
  out('## 2. Fresh vs warm connection on loopback (each sample one `select 1` as the caller sees it)');
  out();
  out(row(['case', 'median ms', 'p10 ms', 'p90 ms', 'n']));
  out(row(Array(5).fill('---')));
  for (const c of costs) out(row([c.name, c.medianMs.toFixed(3), c.p10Ms.toFixed(3), c.p90Ms.toFixed(3), c.samples]));
  out();
  out(`A fresh postgres.js connection costs ${(costs[0]!.medianMs - costs[2]!.medianMs).toFixed(2)} ms more than a warm one.`);
  out();
  if (!runs) return;
  out('Connections each preset opened during a section-1 run (last repetition; pool statistics, and pg_stat_activity sampled every 200 ms):');
  out();
  out(row(['workers', 'preset', 'opened', 'peak open', 'reconnects', 'connecting ms (sum)', 'backends seen', 'backends at once (peak)', 'queries', 'transactions', 'validations']));
  out(row(Array(11).fill('---')));
  for (const w of o.workers) {
    for (const preset of ['warm', 'lazy']) {
      const r = runs.get(`${w} ${preset}`)!.at(-1)!;
      const p = r.pool!;
      out(row([w, preset, p.connectionsOpened, p.connectionsPeak, p.reconnects, f1(p.connectMs), r.backends?.seen ?? '?', r.backends?.peak ?? '?', p.queries, p.transactions, p.validations]));
    }
  }
  out();
}

/** Sections 3 and 4 share a migrated database and real analysis records. */
async function sections3and4(o: Options, folder: string, makeRecords: ReturnType<typeof recordMaker>): Promise<void> {
  const database = await createTestDatabase('bench_pool');
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    const migrator = await openPostgresJs({ url: database.url, preset: 'lazy', env: {} });
    await migrate(migrator);
    await migrator.close();
    const rounds = o.quick ? 3 : 5;
    if (o.sections.has(3)) {
      log('  3. validation cost');
      const costs = await validationCost(database.url, o.quick ? 100 : 400);
      out('## 3. Validation before use');
      out();
      out('Cost per checkout (`select 1` through the adapter, warm preset, 2 open connections):');
      out();
      out(row(['case', 'median µs', 'p90 µs', 'n']));
      out(row(Array(4).fill('---')));
      for (const c of costs) out(row([c.label, Math.round(c.medianUs), Math.round(c.p90Us), c.samples]));
      out();
      out(`Backends terminated (pg_terminate_backend on all of the pool's) in ${rounds} rounds of a 1.1 s pause then a burst of 4 upserts of 100 records (idempotent) and 4 plain statements (not marked idempotent: never repeated once sent):`);
      out();
      out(row(['case', 'terminated', 'failed upserts', 'failed statements', 'retries', 'retry backoff ms', 'lost connections', 'validations (dead found)', 'validation ms', 'median burst ms', 'total burst ms']));
      out(row(Array(11).fill('---')));
      for (const [label, plan] of terminationPlans(rounds)) {
        log(`  3. ${label}`);
        const r = await runBursts(database.url, admin, label, plan, makeRecords, 100);
        const s = r.stats;
        out(row([label, r.terminated, `${r.failedWrites} / ${r.rounds * 4}`, `${r.failedStatements} / ${r.rounds * 4}`, s.retries, f1(s.retryWaitMs), s.connectionsLost, `${s.validations} (${s.validationFailures})`, f1(s.validationMs), f1(r.medianBurstMs), f1(r.totalBurstMs)]));
      }
      out();
      const cap = 12_000;
      out(`A network path gone silent (a proxy stops forwarding on the pool's open connections during a pause; new connections work), then 2 upserts and 2 plain statements; waited for up to ${cap / 1000} s:`);
      out();
      out(row(['case', 'burst ms', 'answered', 'failed', 'retries', 'validations (dead found)', 'validation ms', 'connections opened']));
      out(row(Array(8).fill('---')));
      for (const [label, options] of [['warm, validate (probe timeout 5 s)', { validate: true }], ['warm, no validation', { validate: false }]] as const) {
        log(`  3. frozen path, ${label}`);
        const r = await frozenPath(database.url, label, options, makeRecords, cap);
        const s = r.stats;
        out(row([label, r.burstMs === null ? `no answer after ${cap} ms` : f1(r.burstMs), `${r.settled} / ${r.statements}`, r.failed, s.retries, `${s.validations} (${s.validationFailures})`, f1(s.validationMs), s.connectionsOpened]));
      }
      out();
      await section3Cli(o, folder);
    }
    if (o.sections.has(4)) {
      out(`## 4. Pauses of 1.5 s between bursts (${rounds} rounds; a burst: 4 upserts of 100 records and 4 plain statements)`);
      out();
      out(row(['pool', 'connections opened (incl. start)', 'reconnects', 'connecting ms (sum)', 'validations', 'median burst ms', 'total burst ms']));
      out(row(Array(7).fill('---')));
      for (const [label, plan] of idlePlans(rounds)) {
        log(`  4. ${label}`);
        const r = await runBursts(database.url, admin, label, plan, makeRecords, 100);
        out(row([label, r.stats.connectionsOpened, r.stats.reconnects, f1(r.stats.connectMs), r.stats.validations, f1(r.medianBurstMs), f1(r.totalBurstMs)]));
      }
      out();
    }
  } finally {
    await admin.end({ timeout: 5 });
    await database.drop();
  }
}

/** Section 3, end to end: `run` with every backend of the CLI terminated each second. */
async function section3Cli(o: Options, folder: string): Promise<void> {
  const killer = (report: { kills: number }) => ({ name }: { name: string }) => {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    let running = true;
    const loop = (async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, 1000));
        if (!running) break;
        const [r] = await admin`select count(*) filter (where pg_terminate_backend(pid)) as n from pg_stat_activity where datname = ${name} and application_name = 'midi-pipeline'`.catch(() => [{ n: 0 }]);
        report.kills += Number(r!.n);
      }
    })();
    return { stop: async () => ((running = false), await loop, await admin.end({ timeout: 1 })) };
  };
  out(`\`run\` on ${o.count} files, 2 workers, warm preset, every backend of the CLI terminated each second:`);
  out();
  out(row(['case', 'exit', 'seconds', 'terminated', 'lost connections', 'retries', 'retry backoff ms', 'validations (dead found)', 'connections opened']));
  out(row(Array(9).fill('---')));
  for (const [label, args] of [['--validate', ['--validate']], ['--no-validate', ['--no-validate']]] as const) {
    const report = { kills: 0 };
    log(`  3. run with terminations, ${label}`);
    try {
      const m = await cliRun('run', folder, 2, 'warm', 0, { args: [...args], during: killer(report) });
      const p = m.pool!;
      out(row([label, 0, f2(m.seconds), report.kills, p.connectionsLost, p.retries, f1(p.retryWaitMs), `${p.validations} (${p.validationFailures})`, p.connectionsOpened]));
    } catch (error) {
      out(row([label, `failed: ${String((error as Error).message).split('\n').slice(1, 3).join(' ').slice(0, 160)}`, '', report.kills, '', '', '', '', '']));
    }
  }
  out();
}

async function section5(o: Options): Promise<void> {
  const [median] = await pickFiles();
  const c = 10;
  const opts = { duration: o.quick ? 2 : 3, repeat: o.quick ? 1 : 3, connections: [c], storeConnections: c };
  out(`## 5. POST /analyze?store=true on the Node server (${median!.label}, different bytes per request, c=${c}, median of ${opts.repeat} x ${opts.duration} s)`);
  out();
  out(row(['server pool', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'server CPU µs/req']));
  out(row(Array(6).fill('---')));
  const edge = await startEdgeDb('bench_pool_edge');
  try {
    const cases: [string, Record<string, string>][] = [
      ['one long-lived postgres.js pool, warm preset', { SERVER_DB_POOL: 'shared', MIDI_PIPELINE_POOL: 'warm' }],
      ['one long-lived postgres.js pool, lazy preset', { SERVER_DB_POOL: 'shared', MIDI_PIPELINE_POOL: 'lazy' }],
      ['postgres.js pool per request', { SERVER_DB_POOL: 'per-request' }],
      ['Neon Pool per request (WS proxy), as on the edge', { SERVER_DB_POOL: 'per-request', SERVER_DB_DRIVER: 'neon-serverless' }],
    ];
    for (const [label, vars] of cases) {
      log(`  5. ${label}`);
      const cell = await withServer(() => startNode({ ...edge.vars, ...vars }), (s) => measure(`${s.url}/analyze?store=true`, c, opts, variedBody(median!.bytes), s.pid));
      out(row([label, ...fmt(cell), cpu(cell)]));
    }
  } finally {
    await edge.close();
  }
  out();
}

async function main(): Promise<void> {
  const o = options();
  const started = performance.now();
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  const corpus = makeBenchCorpus({ count: o.count, out: join(projectRoot, 'node_modules', '.cache', 'midi-pipeline', `bench-pool-corpus-${o.count}`), log });
  out(`# bench:pool: ${corpus.files} files (${(corpus.bytes / 1e6).toFixed(1)} MB), ${availableParallelism()} CPUs, load average at start ${load()}, ${o.reps} repetition(s)${o.quick ? ', --quick' : ''}`);
  out();
  const runs = o.sections.has(1) ? await section1(o, corpus.folder) : null;
  if (o.sections.has(2)) await section2(o, runs);
  const needsRecords = o.sections.has(3) || o.sections.has(4) || o.sections.has(6);
  const makeRecords = needsRecords ? recordMaker(corpus.folder) : null;
  if (o.sections.has(3) || o.sections.has(4)) await sections3and4(o, corpus.folder, makeRecords!);
  if (o.sections.has(5)) await section5(o);
  if (o.sections.has(6)) await benchWrites({ reps: o.reps, quick: o.quick }, makeRecords!, out);
  out(`bench:pool took ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${load()} (1, 5, 15 min; other processes compete for the same cores)`);
}

await main();
