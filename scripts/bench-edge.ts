// `npm run bench:edge`: POST /analyze over HTTP with autocannon, the Node entry (adapters/edge/node.ts in
// its own process) and the Worker in workerd (wrangler's unstable_startWorker, behind wrangler's local dev
// proxy) side by side, for a median-size corpus file and a large one at a few concurrency levels; then the
// cost of storing (`?store=true`) with a shared pool, with a pool per request, and without a database.
// Each cell is the median of --repeat runs of --duration seconds. Everything runs on loopback.
//
//   npm run bench:edge [-- --duration 5 --repeat 3 --connections 1,10,50 --quick]
import autocannon from 'autocannon';
import { CLOCK_TICKS, procCpu } from './proc-cpu.ts';
import { availableParallelism, loadavg } from 'node:os';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMidi, sha256Hex } from '../core/analysis/analyze.ts';
import { startEdgeDb, type EdgeTestDb } from '../test/runtime/edge-db.ts';
import { startNode } from '../test/runtime/node.ts';
import type { RunningRuntime } from '../test/runtime/runtime.ts';
import { startWorkerd } from '../test/runtime/workerd.ts';
import { corpusPaths, readCorpusFile } from '../test/support/mido.ts';

export interface Options {
  duration: number;
  repeat: number;
  connections: number[];
  storeConnections: number;
}

export interface Cell {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** Server CPU time (user + system) per request, in µs, when the server is a process we can see. */
  cpuPerRequestUs: number | null;
}

// utime + stime of a process in clock ticks. CPU per request does not depend on how busy the rest of the
// machine is, unlike requests/s.
function cpuTicks(pid: number | undefined): number | null {
  const cpu = pid === undefined ? null : procCpu(`/proc/${pid}/stat`);
  return cpu && Math.round((cpu.userSeconds + cpu.systemSeconds) * CLOCK_TICKS);
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  return {
    duration: Number(value('duration') ?? (quick ? 2 : 5)),
    repeat: Number(value('repeat') ?? (quick ? 1 : 3)),
    connections: (value('connections') ?? '1,10,50').split(',').map(Number),
    storeConnections: Number(value('store-connections') ?? 10),
  };
}

/** The readable corpus file nearest the median size, and the largest readable file with notes. */
export async function pickFiles(): Promise<{ label: string; path: string; bytes: Uint8Array }[]> {
  const readable = [];
  for (const path of corpusPaths()) {
    const bytes = readCorpusFile(path);
    try {
      const analysis = analyzeMidi(bytes, { sha256: await sha256Hex(bytes) });
      if (analysis.noteCount > 0) readable.push({ path, bytes });
    } catch {
      // not MIDI: not a benchmark input
    }
  }
  readable.sort((a, b) => a.bytes.length - b.bytes.length);
  const sizes = corpusPaths().map((p) => readCorpusFile(p).length).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)]!;
  const nearest = readable.reduce((best, f) => (Math.abs(f.bytes.length - median) < Math.abs(best.bytes.length - median) ? f : best));
  const largest = readable[readable.length - 1]!;
  return [
    { label: `median (${nearest.bytes.length} B)`, ...nearest },
    { label: `large (${Math.round(largest.bytes.length / 1024)} KiB)`, ...largest },
  ];
}

// Each stored request carries different bytes (a counter in an alien chunk the reader skips with a
// warning), so every store inserts a new file instead of updating one hot row.
export function variedBody(bytes: Uint8Array): () => Buffer {
  let n = 0;
  return () => {
    const tail = Buffer.alloc(12);
    tail.write('XBNC', 0, 'latin1');
    tail.writeUInt32BE(4, 4);
    tail.writeUInt32BE(n++ >>> 0, 8);
    return Buffer.concat([bytes, tail]);
  };
}

export async function measure(url: string, connections: number, options: Options, body: Uint8Array | (() => Buffer), pid?: number): Promise<Cell> {
  const runs: Cell[] = [];
  const base = { url, method: 'POST' as const, connections, duration: options.duration, headers: { 'content-type': 'audio/midi' } };
  // A short warm-up first: V8 tiers up, pools open, workerd compiles.
  await autocannon({ ...base, duration: 1, body: Buffer.from(typeof body === 'function' ? body() : body) });
  for (let i = 0; i < options.repeat; i++) {
    const before = cpuTicks(pid);
    const result =
      typeof body === 'function'
        ? await autocannon({ ...base, requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }] })
        : await autocannon({ ...base, body: Buffer.from(body) });
    const after = cpuTicks(pid);
    const cpuPerRequestUs = before === null || after === null || result.requests.total === 0 ? null : ((after - before) * 10_000) / result.requests.total;
    runs.push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: result.non2xx + result.errors, cpuPerRequestUs });
  }
  const median = (pick: (c: Cell) => number) => runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const cpu = runs.every((c) => c.cpuPerRequestUs !== null) ? median((c) => c.cpuPerRequestUs!) : null;
  return { rps: median((c) => c.rps), p50: median((c) => c.p50), p99: median((c) => c.p99), failures: runs.reduce((s, c) => s + c.failures, 0), cpuPerRequestUs: cpu };
}

export function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function fmt(cell: Cell): string[] {
  return [Math.round(cell.rps).toLocaleString('en-US'), cell.p50.toFixed(1), cell.p99.toFixed(1), String(cell.failures)];
}

export function cpu(cell: Cell): string {
  return cell.cpuPerRequestUs === null ? 'n/a' : Math.round(cell.cpuPerRequestUs).toLocaleString('en-US');
}

export async function withServer<T>(start: () => Promise<RunningRuntime>, work: (server: RunningRuntime) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const files = await pickFiles();
  log(`bench:edge on ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${options.repeat} x ${options.duration} s per cell`);
  for (const f of files) log(`  ${f.label}: ${f.path}`);

  // 1. POST /analyze, no database: Node and workerd side by side.
  const analyze: string[] = [
    row(['file', 'connections', 'Node req/s', 'Node p50 ms', 'Node p99 ms', 'Node failed', 'Node CPU µs/req', 'workerd req/s', 'workerd p50 ms', 'workerd p99 ms', 'workerd failed']),
    row(Array(11).fill('---')),
  ];
  const results = new Map<string, Cell>();
  for (const [name, start] of [['node', () => startNode({})], ['workerd', () => startWorkerd({})]] as const) {
    await withServer(start, async (server) => {
      for (const file of files) {
        for (const c of options.connections) {
          log(`  ${name} ${file.label} c=${c}`);
          results.set(`${name} ${file.label} ${c}`, await measure(`${server.url}/analyze`, c, options, file.bytes, server.pid));
        }
      }
    });
  }
  for (const file of files) {
    for (const c of options.connections) {
      const node = results.get(`node ${file.label} ${c}`)!;
      analyze.push(row([file.label, c, ...fmt(node), cpu(node), ...fmt(results.get(`workerd ${file.label} ${c}`)!)]));
    }
  }

  // 2. The cost of storing: the median file, varied per request, at one concurrency.
  const median = files[0]!;
  const c = options.storeConnections;
  const store: string[] = [row(['server', 'database', `req/s (c=${c})`, 'p50 ms', 'p99 ms', 'failed', 'server CPU µs/req']), row(Array(7).fill('---'))];
  const edge: EdgeTestDb = await startEdgeDb('bench_edge');
  try {
    const cases: [string, string, () => Promise<RunningRuntime>, string][] = [
      ['Node', 'none (/analyze)', () => startNode({}), '/analyze'],
      ['Node', 'shared postgres.js pool', () => startNode({ ...edge.vars, SERVER_DB_POOL: 'shared', MIDI_PIPELINE_POOL: 'lazy' }), '/analyze?store=true'],
      ['Node', 'postgres.js pool per request', () => startNode({ ...edge.vars, SERVER_DB_POOL: 'per-request' }), '/analyze?store=true'],
      ['Node', 'Neon Pool per request (WS proxy)', () => startNode({ ...edge.vars, SERVER_DB_POOL: 'per-request', SERVER_DB_DRIVER: 'neon-serverless' }), '/analyze?store=true'],
      ['workerd', 'none (/analyze)', () => startWorkerd({}), '/analyze'],
      ['workerd', 'Neon Pool per request (WS proxy)', () => startWorkerd(edge.vars), '/analyze?store=true'],
    ];
    for (const [server, database, start, path] of cases) {
      log(`  store: ${server} ${database}`);
      const cell = await withServer(start, (s) => measure(`${s.url}${path}`, c, options, variedBody(median.bytes), s.pid));
      store.push(row([server, database, ...fmt(cell), cpu(cell)]));
    }
  } finally {
    await edge.close();
  }

  const out = [
    `POST /analyze, ${basename(median.path)} and ${basename(files[1]!.path)}; medians of ${options.repeat} x ${options.duration} s (autocannon 9.0.0, loopback, ${availableParallelism()} cores shared by client and server)`,
    '',
    ...analyze,
    '',
    `Storing (${median.label}, different bytes per request) against the local PostgreSQL`,
    '',
    ...store,
  ];
  out.push('', `load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes on the machine compete for the same cores)`);
  process.stdout.write(`${out.join('\n')}\n`);
}

// Run only as a script: scripts/bench-pool.ts imports the pieces above.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
