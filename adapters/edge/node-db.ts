// The Node server's database, two ways, to be measured against each other (scripts/bench-edge.ts):
// - `shared`: one long-lived pool for the process (postgres.js by default), lent to each request;
// - `per-request`: a pool opened for each request that needs it and closed after, as on Workers.
// Either way over postgres.js (TCP) or @neondatabase/serverless (WebSocket, e.g. to Neon from Node).
import { WebSocket } from 'ws';
import { migrate } from '../../core/db/migrate.ts';
import type { Db } from '../../core/db/port.ts';
import { PipelineError } from '../../core/errors.ts';
import type { PoolSettingsInput } from '../local/db/pool-settings.ts';
import { openPostgresJs } from '../local/db/postgres-js.ts';
import type { EdgeConfig } from './config.ts';
import { openNeonServerless } from './db/neon-serverless.ts';
import { borrowDb } from './request-db.ts';

export const NODE_DB_POOLS = ['shared', 'per-request'] as const;
export const NODE_DB_DRIVERS = ['postgres-js', 'neon-serverless'] as const;
export type NodeDbPool = (typeof NODE_DB_POOLS)[number];
export type NodeDbDriver = (typeof NODE_DB_DRIVERS)[number];

export interface NodeDbOptions {
  databaseUrl: string;
  pool: NodeDbPool;
  driver: NodeDbDriver;
  /** postgres.js settings (the CLI's --pool, --pool-min, ...; MIDI_PIPELINE_POOL_* otherwise). */
  poolSettings?: PoolSettingsInput;
  /** @neondatabase/serverless settings (proxy for a non-Neon Postgres, timeouts). */
  neon?: Partial<EdgeConfig['neon']>;
  /** Receives the postgres.js startup banner. */
  log?: (line: string) => void;
}

/** What the server hands to the app, and how it cleans up at shutdown. */
export interface NodeDb {
  openDb: () => Db | Promise<Db>;
  close(): Promise<void>;
  /** e.g. "shared postgres-js pool". */
  describe: string;
}

/** A database the caller already opened (e.g. PGlite for `serve` without a URL), shared by all requests. */
export function sharedNodeDb(db: Db): NodeDb {
  return { openDb: () => borrowDb(db), close: () => db.close(), describe: `shared ${db.driver} database` };
}

/** e.g. `await openNodeDb({databaseUrl, pool: 'shared', driver: 'postgres-js'})`. */
export async function openNodeDb(options: NodeDbOptions): Promise<NodeDb> {
  if (!NODE_DB_POOLS.includes(options.pool)) throw invalid(`database pool must be ${NODE_DB_POOLS.join(' or ')}, got ${String(options.pool)}`);
  if (!NODE_DB_DRIVERS.includes(options.driver)) throw invalid(`database driver must be ${NODE_DB_DRIVERS.join(' or ')}, got ${String(options.driver)}`);
  const describe = `${options.pool} ${options.driver} pool`;
  const openNeon = (max: number) =>
    openNeonServerless({ connectionString: options.databaseUrl, webSocketConstructor: WebSocket, ...options.neon, max: options.neon?.max ?? max });
  if (options.pool === 'shared') {
    const db = options.driver === 'postgres-js' ? await openPostgresJs({ ...options.poolSettings, url: options.databaseUrl, log: options.log }) : openNeon(10);
    return { ...sharedNodeDb(db), describe };
  }
  // A request runs one statement (or one transaction): one connection, opened on first use, none kept.
  const open = options.driver === 'postgres-js'
    ? () => openPostgresJs({ ...options.poolSettings, url: options.databaseUrl, preset: 'lazy', options: { ...options.poolSettings?.options, min: 0, max: 1 } })
    : () => openNeon(1);
  return { openDb: open, close: async () => {}, describe };
}

/** Applies the schema migrations once at startup, through the server's own database. */
export async function migrateNodeDb(nodeDb: NodeDb): Promise<void> {
  const db = await nodeDb.openDb();
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

function invalid(message: string): PipelineError {
  return new PipelineError('CONFIG_INVALID', message);
}
