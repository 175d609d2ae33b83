// The Node entry: the same app on @hono/node-server, started by `midi-pipeline serve` or directly:
//
//   DATABASE_URL=postgres://... PORT=8787 node --import tsx adapters/edge/node.ts
//
// Besides config.ts's variables: PORT (default 8787), HOST (default 127.0.0.1), SERVER_DB_POOL
// (shared, the default, or per-request) and SERVER_DB_DRIVER (postgres-js, the default, or
// neon-serverless); the schema is migrated at startup unless SERVER_MIGRATE=false.
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { nodeHasher } from '../local/hasher.ts';
import { readFileBounded } from '../local/read-file.ts';
import { buildApp } from './app.ts';
import { DEFAULT_BODY_TIMEOUT_MS } from './body.ts';
import type { EdgeAppOptions } from './app-env.ts';
import { resolveEdgeConfig } from './config.ts';
import { migrateNodeDb, type NodeDb, type NodeDbDriver, type NodeDbPool, openNodeDb } from './node-db.ts';
import { VERSION } from './version.ts';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export interface NodeServerOptions extends Omit<EdgeAppOptions, 'version' | 'openDb'> {
  port?: number;
  host?: string;
  /** The database strategy (node-db.ts); null: none. Closed by `close()`. */
  db?: NodeDb | null;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, lets requests in flight finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * The app's `readLocalFile`: a stored file's bytes from a recorded path, for its piano roll (the database
 * keeps none). The bulk reader's checks (regular files only, FIFOs never block, size first); any failure
 * is null, and the route tries the next path and checks the content's hash itself.
 */
export const readLocalFile = (path: string, maxBytes: number): Promise<Uint8Array | null> => readFileBounded(path, maxBytes).catch(() => null);

/** e.g. `const server = await startNodeServer({maxBodyBytes: 16 << 20, port: 0})` -> `{url: 'http://127.0.0.1:40123', ...}`. */
export async function startNodeServer(options: NodeServerOptions): Promise<RunningServer> {
  const app = buildApp({ sha256: nodeHasher.sha256, readLocalFile, ...options, version: VERSION, openDb: options.db?.openDb ?? null });
  const host = options.host ?? DEFAULT_HOST;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host, serverOptions: slowClientLimits(options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS) }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections with no request in flight would hold close() open.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        await options.db?.close();
      })()),
  };
}

/**
 * node:http's own limits for what the app never sees: headers trickled a byte at a time (slowloris) are
 * answered 408 and the connection closed after `headersTimeout`; `requestTimeout` backs up the app's body
 * deadline (body.ts), which answers first with the contract's JSON. Node checks both only every
 * `connectionsCheckingInterval` (30 s by default), so that follows the deadline down for short ones.
 */
function slowClientLimits(bodyTimeoutMs: number): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  const headersTimeout = Math.min(60_000, bodyTimeoutMs);
  return { headersTimeout, requestTimeout: headersTimeout + bodyTimeoutMs + 5_000, connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(bodyTimeoutMs / 4))) };
}

/** The settings of a directly started server, from the environment. */
export async function startFromEnv(env: Record<string, string | undefined>, log: (line: string) => void): Promise<RunningServer> {
  const config = resolveEdgeConfig(env);
  const pool = (env.SERVER_DB_POOL || 'shared') as NodeDbPool;
  const driver = (env.SERVER_DB_DRIVER || 'postgres-js') as NodeDbDriver;
  const db = config.databaseUrl === null ? null : await openNodeDb({ databaseUrl: config.databaseUrl, pool, driver, neon: config.neon, poolSettings: { env }, log });
  if (db && !/^(0|false|no|off)$/i.test(env.SERVER_MIGRATE ?? '')) await migrateNodeDb(db);
  const server = await startNodeServer({
    port: env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT),
    host: env.HOST || DEFAULT_HOST,
    maxBodyBytes: config.maxBodyBytes,
    bodyTimeoutMs: config.bodyTimeoutMs,
    apiToken: config.apiToken,
    db,
  });
  log(`midi-pipeline listening on ${server.url} (database: ${db?.describe ?? 'none'}, body limit ${config.maxBodyBytes} bytes${config.apiToken ? ', token required to store' : ''})`);
  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startFromEnv(process.env, (line) => console.log(line));
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
