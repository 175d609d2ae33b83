// `npm run bench:pipeline`: `run` end to end into PostgreSQL with the warm and lazy pool presets, next to
// the in-memory analysis rate with the same worker threads, on a corpus of at least 50,000 distinct files
// (scripts/make-bench-corpus.ts). Every measurement runs in a process of its own, in rounds (in-memory,
// warm, lazy, ... then again), so the ratios compare runs made side by side on a shared machine; the table
// gives medians.
//
//   npm run bench:pipeline -- [--count 50000] [--workers N] [--rounds 3] [--quick] [--no-import]
//
// Rates are files (and MB, 10^6 bytes) of the corpus over the time the work took: for the CLI the
// summary's `seconds` (walk to last write; process start, database open and worker start excluded, shown
// separately as wall time), for in-memory the first job sent to the last result back. On a machine shared
// with other work wall time says little, so CPU is counted too: the process's own (all threads, over the
// same span) plus, for the CLI, its PostgreSQL backends' (sampled from /proc while it runs); CPU per file
// is the load-independent cost, and its ratio the efficiency a dedicated machine would see. Peak memory is
// the CLI process's maximum resident set (worker threads included; PostgreSQL's own memory is not).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startWorkerAnalyzer } from '../adapters/local/analyzer.ts';
import { outcomeColumns } from '../core/db/write-files.ts';
import { Budget } from '../core/pipeline/budget.ts';
import type { RunSummary } from '../core/pipeline/summary.ts';
import { makeBenchCorpus } from './make-bench-corpus.ts';
import { procCpu } from './proc-cpu.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Measurement {
  label: string;
  files: number;
  bytes: number;
  seconds: number;
  wallSeconds: number;
  peakRssMb: number | null;
  /** CPU seconds of the process over the measured span, and of its database backends. */
  cpuSeconds: number;
  dbCpuSeconds: number;
  pool?: RunSummary['pool']['stats'];
  /** Seconds per phase of a CLI run. */
  phases?: Record<string, number>;
  /** Backends of the run's database seen in pg_stat_activity: distinct ones, and the most at once. */
  backends?: { seen: number; peak: number };
}

/** What scripts/bench-pool.ts varies around a CLI run: extra flags, and work alongside it (a watcher, a backend killer). */
export interface CliRunExtras {
  args?: string[];
  /** Started just before the CLI, stopped after it exits; `url` reaches the run's database. */
  during?: (target: { name: string; url: string }) => { stop(): Promise<void> };
  /** Label suffix, e.g. ", 4 workers". */
  label?: string;
}

/** The corpus's files, as the CLI's walk finds them (readdirSync's recursion also enters links to folders). */
function listFiles(folder: string): string[] {
  const top = readdirSync(folder, { withFileTypes: true });
  if (top.some((e) => e.isSymbolicLink())) return top.filter((e) => e.isSymbolicLink()).flatMap((e) => listFiles(join(folder, e.name)));
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((p) => p.endsWith('.mid'))
    .sort()
    .map((p) => join(folder, p));
}

/** In this (child) process: all files in memory, then analysed (and with `split`, split) by the worker pool. */
async function inMemoryChild(folder: string, workers: number, split: boolean): Promise<void> {
  const files = listFiles(folder).map((p) => new Uint8Array(readFileSync(p)));
  const bytes = files.reduce((a, f) => a + f.length, 0);
  const analyzer = await startWorkerAnalyzer({ workers });
  // Copies made before the clock starts: each job transfers its buffer away.
  const copies = files.map((f) => f.slice());
  const multi = split ? files.map((f) => (f[10] << 8) | f[11]).map((tracks) => tracks >= 2) : [];
  const window = new Budget(workers * 64, 64 * 1024 * 1024);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const jobs: Promise<unknown>[] = [];
  for (let i = 0; i < copies.length; i++) {
    const size = copies[i]!.length;
    await window.acquire(size);
    const job = analyzer.analyze({ bytes: copies[i]!, sha256: String(i), maxBytes: 1 << 26 }).then(async (outcome) => {
      // what `run` does after analysis: split the files with two or more tracks (children analysed in the job)
      if (split && multi[i] && (outcomeColumns(outcome)?.noteTrackCount ?? 0) >= 2) {
        await analyzer.split({ bytes: files[i]!.slice(), sha256: String(i), maxBytes: 1 << 26 });
      }
    });
    jobs.push(job.finally(() => window.release(size)));
  }
  await Promise.all(jobs);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await analyzer.close();
  process.stdout.write(`${JSON.stringify({ files: files.length, bytes, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
}

/** Runs a command, returning stdout, wall time and the maximum RSS reported by /usr/bin/time. */
export function timed(command: string[], env: Record<string, string | undefined> = {}): Promise<{ stdout: string; stderr: string; wallSeconds: number; peakRssMb: number | null; code: number | null }> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', ...command], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) =>
    child.on('close', (code) => {
      const rss = /MAXRSS_KB=(\d+)/.exec(stderr);
      done({ stdout, stderr, code, wallSeconds: (performance.now() - started) / 1000, peakRssMb: rss ? Number(rss[1]) / 1024 : null });
    }),
  );
}

const tsx = [process.execPath, '--import', 'tsx'];

/** Bench connections to a run's database (bench-pool's watcher) carry this application_name and are not counted. */
export const BENCH_WATCHER_APP = 'midi-bench-watcher';

/**
 * CPU seconds used by the PostgreSQL backends serving database `name`, sampled every 200 ms from
 * /proc/<pid>/stat (the server runs on this machine); a backend's last sample stands for its total. Also
 * how many distinct backends it saw and the most at once (connections the run really opened).
 */
function sampleBackends(admin: postgres.Sql, name: string): { stop(): Promise<{ cpuSeconds: number; seen: number; peak: number }> } {
  const last = new Map<number, number>();
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await admin`select pid from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid() and application_name <> ${BENCH_WATCHER_APP}`.catch(() => []);
      peak = Math.max(peak, rows.length);
      for (const { pid } of rows) {
        const cpu = procCpu(`/proc/${pid}/stat`); // null: ended between the query and the read
        if (cpu) last.set(pid as number, cpu.userSeconds + cpu.systemSeconds);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { cpuSeconds: [...last.values()].reduce((a, b) => a + b, 0), seen: last.size, peak };
    },
  };
}

async function inMemory(folder: string, workers: number, split: boolean): Promise<Measurement> {
  const r = await timed([...tsx, fileURLToPath(import.meta.url), '--in-memory-child', folder, '--workers', String(workers), ...(split ? ['--split'] : [])]);
  if (r.code !== 0) throw new Error(`in-memory run failed:\n${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as { files: number; bytes: number; seconds: number; cpuSeconds: number };
  return { label: split ? 'in-memory analysis + split' : 'in-memory analysis', ...m, dbCpuSeconds: 0, wallSeconds: r.wallSeconds, peakRssMb: r.peakRssMb };
}

export async function cliRun(command: 'run' | 'import', folder: string, workers: number, preset: 'warm' | 'lazy', round: number, extras: CliRunExtras = {}): Promise<Measurement> {
  const name = `mp_bench_${process.pid}_${round}_${command}_${preset}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const out = join(tmpdir(), name);
  const backends = sampleBackends(admin, name);
  const alongside = extras.during?.({ name, url: url.toString() });
  try {
    const r = await timed([process.execPath, join(projectRoot, 'bin', 'midi-pipeline.js'), command, folder, '--database-url', url.toString(), '--pool', preset, '--workers', String(workers), ...(command === 'run' ? ['--out', out] : []), ...(extras.args ?? []), '--json', '--no-progress'], { DATABASE_URL: '' });
    await alongside?.stop();
    if (r.code !== 0) throw new Error(`${command} failed:\n${r.stderr}`);
    const s = JSON.parse(r.stdout.trim().split('\n').pop()!) as RunSummary & { process: { cpuSeconds: number; peakRssMb: number } };
    const { cpuSeconds: dbCpuSeconds, seen, peak } = await backends.stop();
    return {
      label: `${command} into PostgreSQL, ${preset} pool${extras.label ?? ''}`,
      files: s.files,
      bytes: s.bytes,
      seconds: s.seconds,
      cpuSeconds: s.process.cpuSeconds,
      dbCpuSeconds,
      wallSeconds: r.wallSeconds,
      peakRssMb: s.process.peakRssMb,
      pool: s.pool.stats,
      phases: s.counts.seconds,
      backends: { seen, peak },
    };
  } finally {
    await backends.stop();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    rmSync(out, { recursive: true, force: true });
  }
}

/** A signed percentage, e.g. pct(0.123) = "+12.3%"; "n/a" for NaN or infinite. */
export const pct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%` : 'n/a');

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      count: { type: 'string' },
      workers: { type: 'string' },
      rounds: { type: 'string' },
      quick: { type: 'boolean' },
      'in-memory-child': { type: 'boolean' },
      split: { type: 'boolean' },
      'no-import': { type: 'boolean' },
    },
  });
  const workers = values.workers ? Number(values.workers) : availableParallelism();
  if (values['in-memory-child']) return inMemoryChild(positionals[0]!, workers, values.split === true);

  const count = values.count ? Number(values.count) : values.quick ? 5_000 : 50_000;
  const rounds = values.rounds ? Number(values.rounds) : values.quick ? 1 : 3;
  console.log(`bench:pipeline: ${count} files, ${workers} workers, ${rounds} round(s), ${availableParallelism()} CPUs`);
  const corpus = makeBenchCorpus({ count: Math.max(count, 50_000), log: (l) => console.log(`  making the corpus: ${l}`) });
  // A smaller run (--count) uses a prefix of the 50,000 by folder, so every size shares one corpus.
  const folders = readdirSync(corpus.folder).filter((f) => /^\d+$/.test(f)).sort();
  // (beside the corpus, not in it: a walk of the corpus must not meet the subset's links)
  const folder = count >= corpus.files ? corpus.folder : `${corpus.folder}-first-${count}`;
  if (folder !== corpus.folder) {
    const { mkdirSync, symlinkSync } = await import('node:fs');
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    for (const f of folders.slice(0, Math.ceil(count / 1000))) symlinkSync(join(corpus.folder, f), join(folder, f));
  }

  const plan: (() => Promise<Measurement>)[] = [
    () => inMemory(folder, workers, false),
    () => inMemory(folder, workers, true),
    // import alone (analysis in the same pass, no split): the database's cost next to in-memory analysis
    ...(values['no-import'] ? [] : [() => cliRun('import', folder, workers, 'warm', 0)]),
  ];
  const results = new Map<string, Measurement[]>();
  for (let round = 1; round <= rounds; round++) {
    const steps = [...plan, () => cliRun('run', folder, workers, 'warm', round), () => cliRun('run', folder, workers, 'lazy', round)];
    for (const step of steps) {
      const m = await step();
      results.set(m.label, [...(results.get(m.label) ?? []), m]);
      console.log(`  round ${round}: ${m.label}: ${(m.files / m.seconds).toFixed(0)} files/s, ${(m.bytes / 1e6 / m.seconds).toFixed(1)} MB/s, ${m.seconds.toFixed(1)} s (wall ${m.wallSeconds.toFixed(1)} s), CPU ${m.cpuSeconds.toFixed(1)} s + database ${m.dbCpuSeconds.toFixed(1)} s, peak ${m.peakRssMb?.toFixed(0) ?? '?'} MB${m.phases ? `, phases ${Object.entries(m.phases).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}` : ''}`);
    }
  }

  const rate = (ms: Measurement[]) => median(ms.map((m) => m.files / m.seconds));
  const cpuPerFile = (ms: Measurement[]) => median(ms.map((m) => ((m.cpuSeconds + m.dbCpuSeconds) * 1000) / m.files));
  const base = results.get('in-memory analysis')!;
  const baseSplit = results.get('in-memory analysis + split')!;
  console.log(`\n${workers} workers, ${count.toLocaleString('en')} files, median of ${rounds} round(s); ratios against in-memory analysis (A) and in-memory analysis + split (A+S), the same work as import and run`);
  console.log('\n| measurement | files/s | MB/s | vs A | vs A+S | CPU ms/file (process + database) | CPU ratio vs A | CPU ratio vs A+S | seconds (wall) | peak RSS |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [label, ms] of results) {
    const files = rate(ms);
    const mb = median(ms.map((m) => m.bytes / 1e6 / m.seconds));
    const cpu = cpuPerFile(ms);
    const rss = ms.every((m) => m.peakRssMb !== null) ? `${median(ms.map((m) => m.peakRssMb!)).toFixed(0)} MB` : '?';
    const split = median(ms.map((m) => m.dbCpuSeconds));
    console.log(
      `| ${label} | ${files.toFixed(0)} | ${mb.toFixed(1)} | ${(files / rate(base)).toFixed(2)} | ${(files / rate(baseSplit)).toFixed(2)} | ${cpu.toFixed(2)}${split > 0 ? ` (${((median(ms.map((m) => m.cpuSeconds)) * 1000) / ms[0]!.files).toFixed(2)} + ${((split * 1000) / ms[0]!.files).toFixed(2)})` : ''} | ${(cpuPerFile(base) / cpu).toFixed(2)} | ${(cpuPerFile(baseSplit) / cpu).toFixed(2)} | ${median(ms.map((m) => m.seconds)).toFixed(1)} (${median(ms.map((m) => m.wallSeconds)).toFixed(1)}) | ${rss} |`,
    );
  }
  const pools = [...results.entries()].filter(([, ms]) => ms[0]!.pool);
  if (pools.length > 0) console.log('\npool statistics (last round):');
  for (const [label, ms] of pools) {
    const p = ms[ms.length - 1]!.pool!;
    console.log(`  ${label}: ${p.queries} queries, ${p.connectionsOpened} connections opened (peak ${p.connectionsPeak}), ${p.retries} retries, ${p.validations} validations, ${p.waitMs.toFixed(0)} ms waiting (${p.connectMs.toFixed(0)} ms connecting)`);
  }
}

// Run only as a script: scripts/bench-pool.ts imports the pieces above.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
