// Helpers for the database suites: a database of their own per suite (created and dropped on the local
// PostgreSQL, 127.0.0.1:5432, user postgres, trust auth), an admin connection to look at and kill backends,
// a TCP proxy that can freeze or cut a connection, and a port where nothing listens.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import type { Db } from '../../core/db/port.ts';

export const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** An admin connection (one backend) for the suite's bookkeeping: create/drop, pg_stat_activity, kills. */
export function adminSql(): postgres.Sql {
  return postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connection: { application_name: 'midi-pipeline-test-admin' } });
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database, e.g. `const t = await createTestDatabase('contract')` ... `await t.drop()`. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `mp_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = adminSql();
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const again = adminSql();
      try {
        await again.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}

/** A unique application_name, so a test counts only its own backends in pg_stat_activity. */
export function uniqueAppName(label: string): string {
  return `mp-test-${label}-${process.pid}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

/** Backends connected with `applicationName`, as pg_stat_activity sees them. */
export async function backendsOf(admin: postgres.Sql, applicationName: string): Promise<{ pid: number; state: string | null; waitEventType: string | null }[]> {
  const rows = await admin`select pid, state, wait_event_type from pg_stat_activity where application_name = ${applicationName} order by pid`;
  return rows.map((r) => ({ pid: Number(r.pid), state: r.state as string | null, waitEventType: r.wait_event_type as string | null }));
}

/** pg_terminate_backend on every backend of `applicationName`; returns how many were terminated. */
export async function terminateBackends(admin: postgres.Sql, applicationName: string): Promise<number> {
  const rows = await admin`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = ${applicationName}`;
  return rows.filter((r) => r.ok === true).length;
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A count once it has held still for `stableMs` (or whatever it is after `timeoutMs`): the baseline of
 * backends before a load test. Taken at once, it can include a connection an earlier test's request is
 * still closing (on Workers that runs after the response), which then closes during the load, and
 * "back to the baseline" waits for a count that has gone for good (CI failed so once).
 */
export async function settledCount(read: () => Promise<number>, stableMs = 1000, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  let since = Date.now();
  while (Date.now() - since < stableMs && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    const now = await read();
    if (now !== value) {
      value = now;
      since = Date.now();
    }
  }
  return value;
}

/** A TCP port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `url` with another host port (to go through a proxy, or to a closed port). */
export function withPort(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
}

export interface FaultProxy {
  port: number;
  /** Connections through the proxy now. */
  connections(): number;
  /** Stop forwarding on the connections open now, closing nothing: a network path gone silent. New ones work. */
  freeze(): void;
  /** Swallow the server's next ReadyForQuery and reset the client's connection: the statement ran, the answer is lost. */
  cutNextReply(): void;
  close(): void;
}

interface ProxiedConnection {
  client: net.Socket;
  upstream: net.Socket;
  frozen: boolean;
}

/**
 * `db` whose next statement containing `sql` (set with `cut`) loses its reply through `proxy`: it runs,
 * the answer never arrives. `pending()` says whether that statement is still to come.
 */
export function cuttingReplies(db: Db, proxy: FaultProxy): { db: Db; cut(sql: string): void; pending(): boolean } {
  let target: string | null = null;
  const query: Db['query'] = (text, params, options) => {
    if (target !== null && text.includes(target)) {
      target = null;
      proxy.cutNextReply();
    }
    return db.query(text, params, options);
  };
  return { db: { ...db, query }, cut: (sql) => void (target = sql), pending: () => target !== null };
}

/** A TCP proxy to 127.0.0.1:5432 that can simulate a dead network path. */
export async function startFaultProxy(targetPort = 5432): Promise<FaultProxy> {
  let cutPending = false;
  const open = new Set<ProxiedConnection>();
  const server = net.createServer((client) => {
    const c: ProxiedConnection = { client, upstream: net.connect(targetPort, '127.0.0.1'), frozen: false };
    open.add(c);
    const frames = new FrameScanner();
    client.on('data', (d) => !c.frozen && c.upstream.write(d));
    c.upstream.on('data', (d) => {
      if (c.frozen) return;
      // The reply that ends an exchange carries ReadyForQuery ('Z'): by then the statement has run and
      // (outside a transaction) committed.
      if (frames.push(d).includes(0x5a) && cutPending) {
        cutPending = false;
        client.resetAndDestroy();
        c.upstream.destroy();
        return;
      }
      client.write(d);
    });
    const done = () => {
      open.delete(c);
      client.destroy();
      c.upstream.destroy();
    };
    // A frozen connection stays open on both sides until the proxy closes: nobody hears anything.
    client.on('close', () => !c.frozen && done());
    c.upstream.on('close', () => !c.frozen && done());
    client.on('error', () => {});
    c.upstream.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => open.size,
    freeze: () => {
      for (const c of open) c.frozen = true;
    },
    cutNextReply: () => void (cutPending = true),
    close: () => {
      for (const c of open) c.client.destroy(), c.upstream.destroy();
      open.clear();
      server.close();
    },
  };
}

/** Splits the server's byte stream into protocol messages (type byte, int32 length) and reports their types. */
class FrameScanner {
  private rest = Buffer.alloc(0);
  push(chunk: Buffer): number[] {
    let bytes = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    const types: number[] = [];
    while (bytes.length >= 5) {
      const length = bytes.readInt32BE(1);
      if (bytes.length < 1 + length) break;
      types.push(bytes[0]!);
      bytes = bytes.subarray(1 + length);
    }
    this.rest = Buffer.from(bytes);
    return types;
  }
}
