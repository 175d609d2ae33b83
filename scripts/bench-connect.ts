// What a fresh connection costs compared with a warm one, on this machine: the number behind the warm pool.
// Each sample is one `select 1` as a caller sees it; "fresh" opens a connection for it (TCP connect,
// startup, authentication) and closes it afterwards, "warm" reuses one already open. Medians of many.
//
//   npx tsx scripts/bench-connect.ts [--url postgres://postgres@127.0.0.1:5432/postgres] [--fresh 300] [--warm 3000] [--json]
//
// Also measured: postgres.js with its default type fetch at connect (one more round trip per connection),
// and the Neon serverless driver through scripts/ws-proxy.ts (a Pool per request, as the edge app uses it).
import { neonConfig, Pool } from '@neondatabase/serverless';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { WebSocket } from 'ws';
import { startWsProxy } from './ws-proxy.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

export interface Summary {
  name: string;
  samples: number;
  medianMs: number;
  p10Ms: number;
  p90Ms: number;
}

function summarise(name: string, samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { name, samples: samples.length, medianMs: r(at(0.5)), p10Ms: r(at(0.1)), p90Ms: r(at(0.9)) };
}

async function timeEach(runs: number, once: () => Promise<void>, warmup = Math.min(20, runs)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await once();
    samples.push(performance.now() - t);
  }
  return samples;
}

/**
 * The samples, in this order: postgres.js fresh (no type fetch, as the adapter), fresh (type fetch), warm;
 * then Neon fresh Pool per request, warm Pool. e.g. `measureConnectCost({url, freshRuns: 100, warmRuns: 1000})`.
 */
export async function measureConnectCost({ url, freshRuns, warmRuns }: { url: string; freshRuns: number; warmRuns: number }): Promise<Summary[]> {
  const results: Summary[] = [];

  // postgres.js, fresh: connection made for the statement, closed after it (closing is not timed).
  for (const fetchTypes of [false, true]) {
    const samples: number[] = [];
    for (let i = 0; i < freshRuns + 10; i++) {
      const sql = postgres(url, { max: 1, fetch_types: fetchTypes, onnotice: () => {} });
      const t = performance.now();
      await sql`select 1`;
      const ms = performance.now() - t;
      if (i >= 10) samples.push(ms);
      await sql.end({ timeout: 5 });
    }
    results.push(summarise(`postgres.js fresh connection + select 1${fetchTypes ? ' (fetch_types: true, the library default)' : ' (fetch_types: false, as the adapter)'}`, samples));
  }

  // postgres.js, warm: one open connection.
  {
    const sql = postgres(url, { max: 1, fetch_types: false, onnotice: () => {} });
    await sql`select 1`;
    results.push(summarise('postgres.js warm connection, select 1', await timeEach(warmRuns, async () => void (await sql`select 1`))));
    await sql.end({ timeout: 5 });
  }

  // Neon serverless through the local WebSocket proxy.
  {
    const proxy = await startWsProxy();
    neonConfig.webSocketConstructor = WebSocket as never;
    neonConfig.wsProxy = proxy.wsProxy;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    const fresh = await timeEach(Math.min(freshRuns, 200), async () => {
      const pool = new Pool({ connectionString: url, max: 1 });
      await pool.query('select 1');
      await pool.end();
    });
    results.push(summarise('neon-serverless fresh Pool per request (ws proxy) + select 1 + end', fresh));
    const pool = new Pool({ connectionString: url, max: 1 });
    await pool.query('select 1');
    results.push(summarise('neon-serverless warm Pool (ws proxy), select 1', await timeEach(warmRuns, async () => void (await pool.query('select 1')))));
    await pool.end();
    await proxy.close();
  }
  return results;
}

async function main(): Promise<void> {
  const url = arg('url', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const json = process.argv.includes('--json');
  const results = await measureConnectCost({ url, freshRuns: Number(arg('fresh', '300')), warmRuns: Number(arg('warm', '3000')) });
  const fresh = results[0]!.medianMs;
  const warm = results[2]!.medianMs;
  if (json) {
    process.stdout.write(`${JSON.stringify({ url: url.replace(/:[^:@/]*@/, ':***@'), results, connectionCostMs: Math.round((fresh - warm) * 1000) / 1000 })}\n`);
  } else {
    for (const r of results) {
      process.stdout.write(`${r.name.padEnd(88)} median ${r.medianMs.toFixed(3)} ms  (p10 ${r.p10Ms.toFixed(3)}, p90 ${r.p90Ms.toFixed(3)}, n=${r.samples})\n`);
    }
    process.stdout.write(`\nA fresh postgres.js connection costs ${(fresh - warm).toFixed(3)} ms more than a warm one (median ${fresh.toFixed(3)} vs ${warm.toFixed(3)} ms, ${(fresh / warm).toFixed(1)}x).\n`);
  }
}

// Run only as a script: scripts/bench-pool.ts imports measureConnectCost.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
