// Section 6 of scripts/bench-pool.ts: batch size and write method for the bulk writes. The production
// upsert (writeFiles) on the real tables beside UNNEST, multi-row INSERT and COPY loading the same rows
// into clones (scripts/write-methods.ts), one connection, batches in sequence, records/s.
import net from 'node:net';
import postgres from 'postgres';
import { openPostgresJs } from '../adapters/local/db/postgres-js.ts';
import { migrate } from '../core/db/migrate.ts';
import { type FileRecord, writeFiles } from '../core/db/write-files.ts';
import { createTestDatabase } from '../test/support/db.ts';
import { row } from './bench-edge.ts';
import { median, pct } from './bench-pipeline.ts';
import { prepareClones, toRows, type WriteMethod, writeRows } from './write-methods.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

export async function benchWrites(o: { reps: number; quick: boolean }, makeRecords: (count: number) => FileRecord[], out: (line?: string) => void): Promise<void> {
  const total = 2000;
  const sizes = o.quick ? [100, 2000] : [100, 500, 2000];
  const database = await createTestDatabase('bench_pool_write');
  // TCP_NODELAY: postgres.js writes a COPY's data and its CopyDone separately, and with Nagle's algorithm
  // on (Node's default) the second write waits for the delayed ACK of the first, about 40 ms per COPY
  // on Linux loopback (measured: 195 records/s in batches of 50). Statements go out in one write either way.
  const sql = postgres(database.url, { max: 1, fetch_types: false, onnotice: () => {}, ...({ socket: ({ host, port }: { host: string[]; port: number[] }) => net.connect({ host: host[0], port: port[0], noDelay: true }) } as object) });
  const db = await openPostgresJs({ url: database.url, preset: 'lazy', options: { max: 1 }, env: {} });
  try {
    await migrate(db);
    await prepareClones(sql);
    const records = makeRecords(total);
    const results = new Map<string, number[]>();
    for (let rep = 0; rep < o.reps; rep++) {
      for (const batch of sizes) {
        for (const method of ['writeFiles', 'unnest', 'values', 'copy'] as const) {
          await sql.unsafe('truncate files, file_paths, analyses, track_splits restart identity cascade');
          await prepareClones(sql);
          await sql.unsafe('checkpoint');
          const started = performance.now();
          for (let at = 0; at < total; at += batch) {
            const slice = records.slice(at, at + batch);
            if (method === 'writeFiles') await writeFiles(db, slice);
            else await writeRows(sql, method as WriteMethod, toRows(slice, at + 1));
          }
          const seconds = (performance.now() - started) / 1000;
          const key = `${batch} ${method}`;
          results.set(key, [...(results.get(key) ?? []), total / seconds]);
        }
      }
      log(`  6. rep ${rep + 1} done`);
    }
    out(`## 6. Bulk writes: ${total} analysed files per measurement, one connection, batches in sequence (records/s, median of ${o.reps}; encoding on the client included)`);
    out();
    out('writeFiles is the production statement (UNNEST arrays into one upsert of files, paths and analyses, on the real tables); the other three load the same rows into clones of the tables (same checks and indexes) as plain inserts, so they differ only in transport and parsing.');
    out();
    out(row(['batch', 'writeFiles (production upsert)', 'UNNEST insert', 'multi-row INSERT', 'COPY', 'COPY vs UNNEST', 'multi-row vs UNNEST']));
    out(row(Array(7).fill('---')));
    for (const batch of sizes) {
      const r = (m: string) => median(results.get(`${batch} ${m}`)!);
      out(row([batch, Math.round(r('writeFiles')), Math.round(r('unnest')), Math.round(r('values')), Math.round(r('copy')), pct(r('copy') / r('unnest') - 1), pct(r('values') / r('unnest') - 1)]));
    }
    out();
  } finally {
    await db.close();
    await sql.end({ timeout: 5 });
    await database.drop();
  }
}
