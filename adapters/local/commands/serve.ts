// `serve`: the HTTP API (adapters/edge/app.ts) on Node with the configured database, until SIGINT or
// SIGTERM. The database is the common options' (--database-url, else DATABASE_URL, else the embedded
// PGlite in --data-dir), shared by all requests through one long-lived pool; the schema is migrated at
// start, as every database command does. `--db-pool per-request` opens a pool per request instead, as Workers must (needs a URL);
// `--db-driver neon-serverless` reaches Postgres over WebSockets (Neon, or NEON_WS_PROXY). The bearer
// token for storing comes only from API_TOKEN in the environment: a flag would show in `ps`.
import process from 'node:process';
import type { NodeDb } from '../../edge/node-db.ts';
import { intOption, sizeOption, usageError } from '../args.ts';
import { DATABASE_OPTIONS, resolveDatabaseOptions } from '../options.ts';
import { openDatabase } from '../session.ts';
import { EXIT_OK, type Command } from './command.ts';

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port 8787] [--host 127.0.0.1]',
  summary: 'start the HTTP API on Node with the configured database (API_TOKEN in the environment guards storing)',
  options: { ...DATABASE_OPTIONS, port: 'string', host: 'string', 'max-body-size': 'string', 'db-pool': 'string', 'db-driver': 'string' },
  async run(args, io) {
    if (args.positionals.length > 0) throw usageError('serve takes no arguments');
    // The HTTP app (Hono, the routes, the web page's assets) is loaded only here, not by every command.
    const [{ resolveEdgeConfig }, { DEFAULT_HOST, DEFAULT_PORT, startNodeServer }, { migrateNodeDb, NODE_DB_DRIVERS, NODE_DB_POOLS, openNodeDb, sharedNodeDb }] = await Promise.all([
      import('../../edge/config.ts'),
      import('../../edge/node.ts'),
      import('../../edge/node-db.ts'),
    ]);
    const { options } = args;
    const port = intOption(options, 'port', DEFAULT_PORT, 0);
    if (port > 65535) throw usageError(`--port must be at most 65535, got ${port}`);
    const host = typeof options.host === 'string' ? options.host : DEFAULT_HOST;
    const pool = choice(options['db-pool'], NODE_DB_POOLS, 'db-pool') ?? 'shared';
    const driver = choice(options['db-driver'], NODE_DB_DRIVERS, 'db-driver') ?? 'postgres-js';
    const edge = resolveEdgeConfig(io.env);
    const maxBodyBytes = sizeOption(options, 'max-body-size', edge.maxBodyBytes);
    if (maxBodyBytes < 1) throw usageError('--max-body-size must be at least 1 byte');
    const database = resolveDatabaseOptions(args, io);
    const log = database.quiet ? undefined : (line: string) => io.err(`${line}\n`);

    let db: NodeDb;
    if (pool === 'shared' && driver === 'postgres-js') {
      // The same database the other commands use, PGlite included; openDatabase migrates it.
      db = sharedNodeDb(await openDatabase(database, io));
    } else {
      const url = database.db.databaseUrl ?? (io.env.DATABASE_URL || undefined);
      if (!url) throw usageError(`--db-pool ${pool} --db-driver ${driver} needs --database-url or DATABASE_URL (the embedded database cannot be opened per request)`);
      db = await openNodeDb({ databaseUrl: url, pool, driver, poolSettings: database.db, neon: edge.neon, log });
      await migrateNodeDb(db);
    }
    const server = await startNodeServer({ port, host, maxBodyBytes, bodyTimeoutMs: edge.bodyTimeoutMs, apiToken: edge.apiToken, db }).catch(async (error) => {
      await db.close();
      throw error;
    });
    io.err(`midi-pipeline listening on ${server.url} (database: ${db.describe}; body limit ${maxBodyBytes} bytes${edge.apiToken ? '; API_TOKEN required to store' : ''})\n`);

    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    if (!database.quiet) io.err(`${signal}: finishing requests in flight, closing the database\n`);
    await server.close();
    return EXIT_OK;
  },
};

function choice<T extends string>(value: string | boolean | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw usageError(`--${name} must be ${allowed.join(' or ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

