// Faults against the real server: backends terminated (idle, mid-batch, mid-transaction), a reply lost
// after the commit, a server that is not there, a network that goes silent. The batch must land exactly
// once, errors must be DB_UNAVAILABLE within the acquire timeout, close() must return, and the process must
// survive (an uncaught error fails the vitest run).
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPostgresJs, type PostgresJsOptions } from '../../adapters/local/db/postgres-js.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { Db } from '../../core/db/port.ts';
import { toInt } from '../../core/db/values.ts';
import { type FileRecord, writeFiles } from '../../core/db/write-files.ts';
import { adminSql, backendsOf, closedPort, createTestDatabase, startFaultProxy, type TestDatabase, terminateBackends, uniqueAppName, waitFor, withPort } from '../support/db.ts';
import { makeAnalysis, sha } from './fixtures.ts';

let database: TestDatabase;
let admin: postgres.Sql;
/** A plain postgres.js connection to the suite's database, for SQL truth. */
let check: postgres.Sql;
let nextFile = 1;

beforeAll(async () => {
  database = await createTestDatabase('faults');
  admin = adminSql();
  const { default: pg } = await import('postgres');
  check = pg(database.url, { max: 1, onnotice: () => {} });
  const db = await open({ preset: 'lazy' });
  await migrate(db);
  await db.close();
});
afterAll(async () => {
  await check.end({ timeout: 5 });
  await admin.end({ timeout: 5 });
  await database.drop();
});

function open(options: Partial<PostgresJsOptions> & { url?: string } = {}): Promise<ReturnType<typeof openPostgresJs> extends Promise<infer D> ? D : never> {
  return openPostgresJs({ url: database.url, workers: 2, env: {}, retryDelay: { baseMs: 20, maxMs: 200 }, ...options });
}

/** A batch of new files with analyses, and the SQL truth of how often each landed. */
function batchOf(size: number): FileRecord[] {
  return Array.from({ length: size }, () => {
    const analysis = makeAnalysis({ n: nextFile++ });
    return { sha256: analysis.sha256, sizeBytes: analysis.sizeBytes, path: `faults/${analysis.sha256.slice(-6)}.mid`, outcome: { ok: true as const, analysis } };
  });
}

async function landed(batch: FileRecord[]): Promise<{ files: number; paths: number; analyses: number }> {
  const shas = batch.map((r) => r.sha256);
  const [row] = await check.unsafe(
    `select (select count(*) from files where sha256 = any($1)) as files,
            (select count(*) from file_paths p join files f on f.id = p.file_id where f.sha256 = any($1)) as paths,
            (select count(*) from analyses a join files f on f.id = a.file_id where f.sha256 = any($1)) as analyses`,
    [shas],
  );
  return { files: toInt(row!.files), paths: toInt(row!.paths), analyses: toInt(row!.analyses) };
}

async function onDatabase<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const { default: pg } = await import('postgres');
  const sql = pg(database.url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe('postgres.js faults', () => {
  test('idle backends terminated: the next batch reconnects and lands', async () => {
    const app = uniqueAppName('idle-kill');
    const db = await open({ preset: 'warm', options: { applicationName: app, validate: false } });
    try {
      expect(await terminateBackends(admin, app)).toBe(2);
      await waitFor(() => db.stats().connectionsLost === 2, 5000, 'the pool to notice');
      const batch = batchOf(20);
      await writeFiles(db, batch);
      expect(await landed(batch)).toEqual({ files: 20, paths: 20, analyses: 20 });
      expect(db.stats()).toMatchObject({ connectionsLost: 2, reconnects: 1 });
    } finally {
      await db.close();
    }
  });

  test('backend terminated while a batch is in flight: the batch lands exactly once', async () => {
    const app = uniqueAppName('busy-kill');
    const db = await open({ preset: 'warm', options: { applicationName: app, validate: false } });
    const batch = batchOf(50);
    try {
      await onDatabase(async (blocker) => {
        // Another session holds one of the batch's SHA-256 values uncommitted, so our insert waits on it.
        const reserved = await blocker.reserve();
        await reserved`begin`;
        await reserved`insert into files (sha256, size_bytes) values (${batch[7]!.sha256}, 1)`;
        const writing = writeFiles(db, batch);
        await waitFor(async () => (await backendsOf(admin, app)).some((b) => b.waitEventType === 'Lock'), 5000, 'the batch to block');
        expect(await terminateBackends(admin, app)).toBe(2);
        // The retry, on a new connection, blocks again; releasing the lock lets it through.
        await waitFor(() => db.stats().retries >= 1, 5000, 'a retry');
        await reserved`rollback`;
        reserved.release();
        const written = await writing;
        expect(written).toHaveLength(50);
        expect(written.every((w) => w.inserted)).toBe(true);
      });
      expect(await landed(batch)).toEqual({ files: 50, paths: 50, analyses: 50 });
      expect(db.stats().retries).toBeGreaterThanOrEqual(1);
    } finally {
      await db.close();
    }
  });

  test('reply lost after the commit: the retried batch lands exactly once', async () => {
    const proxy = await startFaultProxy();
    const db = await open({ preset: 'warm', url: withPort(database.url, proxy.port), options: { validate: false } });
    const batch = batchOf(30);
    try {
      proxy.cutNextReply();
      const written = await writeFiles(db, batch);
      // The first attempt committed (its reply was lost), so the retry found every row already there; they
      // are still the rows this write created (same write id), so the contents are reported new.
      expect(written.map((w) => w.inserted)).toEqual(batch.map(() => true));
      expect(await landed(batch)).toEqual({ files: 30, paths: 30, analyses: 30 });
      expect(db.stats()).toMatchObject({ retries: 1, connectionsLost: 1 });
    } finally {
      await db.close();
      proxy.close();
    }
  });

  test('server unreachable at start: DB_UNAVAILABLE within the acquire timeout', async () => {
    const url = withPort(database.url, await closedPort());
    const started = performance.now();
    await expect(open({ preset: 'warm', url, options: { acquireTimeoutSeconds: 1.5 } })).rejects.toMatchObject({
      code: 'DB_UNAVAILABLE',
      message: expect.stringMatching(/ECONNREFUSED after \d+ attempt\(s\) in 1\.\d s/),
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(1200);
    expect(elapsed).toBeLessThan(2500);

    // Lazy opens nothing, so the first statement meets the closed port; not idempotent, but never sent.
    const lazy = await open({ preset: 'lazy', url, options: { acquireTimeoutSeconds: 1 } });
    try {
      const t = performance.now();
      await expect(lazy.query('insert into runs default values')).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
      expect(performance.now() - t).toBeLessThan(2000);
      expect(lazy.stats().connectFailures).toBeGreaterThan(1);
    } finally {
      await lazy.close();
    }
  });

  test('close() returns after a connection died mid-query', async () => {
    // A network gone silent mid-query: postgres.js's own end() would wait for that query forever.
    const proxy = await startFaultProxy();
    const db = await open({ preset: 'lazy', url: withPort(database.url, proxy.port), options: { endTimeoutSeconds: 1 } });
    const hanging = db.query('select pg_sleep(0.5)').catch((e: unknown) => e);
    await waitFor(() => proxy.connections() === 1 && db.stats().connectionsOpened === 1, 5000, 'the query to start');
    await new Promise((r) => setTimeout(r, 50));
    proxy.freeze();
    const started = performance.now();
    await db.close();
    expect(performance.now() - started).toBeLessThan(2500);
    expect(await hanging).toMatchObject({ code: 'CONNECTION_DESTROYED' });
    proxy.close();

    // A backend terminated mid-query.
    const app = uniqueAppName('end-kill');
    const other = await open({ preset: 'lazy', options: { applicationName: app, endTimeoutSeconds: 1 } });
    const killed = other.query('select pg_sleep(5)').catch((e: unknown) => e);
    await waitFor(async () => (await backendsOf(admin, app)).length === 1, 5000, 'the query to start');
    await terminateBackends(admin, app);
    expect(await killed).toMatchObject({ code: 'DB_UNAVAILABLE' });
    const t = performance.now();
    await other.close();
    expect(performance.now() - t).toBeLessThan(2500);
  });

  test('a backend killed mid-transaction: no crash, no partial write, the pool recovers', async () => {
    const app = uniqueAppName('tx-kill');
    const db: Db = await open({ preset: 'warm', options: { applicationName: app, validate: false } });
    try {
      const lost = batchOf(5);
      // Killed between statements: postgres.js 3.4.9 would crash the process on the next write.
      await expect(
        db.transaction(async (tx) => {
          await writeFiles(tx, lost);
          const [{ pid }] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
          await admin`select pg_terminate_backend(${pid})`;
          await new Promise((r) => setTimeout(r, 200));
          await tx.query('select 1');
        }),
      ).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
      // Killed mid-statement.
      await expect(
        db.transaction(async (tx) => {
          const [{ pid }] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
          setTimeout(() => void admin`select pg_terminate_backend(${pid})`.then(() => {}), 100);
          await tx.query('select pg_sleep(5)');
        }),
      ).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
      expect(await landed(lost)).toEqual({ files: 0, paths: 0, analyses: 0 });

      // An idempotent transaction is run again, and lands.
      const batch = batchOf(5);
      let attempts = 0;
      const written = await db.transaction(
        async (tx) => {
          attempts++;
          const rows = await writeFiles(tx, batch);
          if (attempts === 1) {
            const [{ pid }] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
            await admin`select pg_terminate_backend(${pid})`;
            await new Promise((r) => setTimeout(r, 200));
          }
          return rows;
        },
        { idempotent: true },
      );
      expect(attempts).toBe(2);
      expect(written).toHaveLength(5);
      expect(await landed(batch)).toEqual({ files: 5, paths: 5, analyses: 5 });

      const [row] = await db.query<{ n: number }>('select 41 + 1 as n');
      expect(row!.n).toBe(42);
    } finally {
      await db.close();
    }
  });
});

// The acquire timeout also bounds how long a statement keeps retrying on a server that went away.
test('a server that stays down mid-run: DB_UNAVAILABLE after the acquire timeout', async () => {
  const proxy = await startFaultProxy();
  const db = await open({ preset: 'warm', url: withPort(database.url, proxy.port), options: { acquireTimeoutSeconds: 1, validate: false } });
  try {
    proxy.close(); // the server is gone: connections reset, new ones refused
    await waitFor(() => db.stats().connectionsLost === 2, 5000, 'the pool to notice');
    const started = performance.now();
    await expect(db.query('select 1', [], { idempotent: true })).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(performance.now() - started).toBeGreaterThan(800);
  } finally {
    await db.close();
  }
});
