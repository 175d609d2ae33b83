// Opening what a database command needs and closing it again, whatever happens in between: the database
// (schema brought up to date first: migrate() is idempotent and takes an advisory lock, so a fresh
// database or several processes starting together are fine) and, for bulk commands, the analysis workers.
import { migrate } from '../../core/db/migrate.ts';
import type { Db } from '../../core/db/port.ts';
import type { Analyzer } from '../../core/pipeline/analyzer.ts';
import { inlineAnalyzer } from '../../core/pipeline/inline-analyzer.ts';
import { startWorkerAnalyzer } from './analyzer.ts';
import { openLocalDb } from './db/open-db.ts';
import { nodeHasher } from './hasher.ts';
import type { CliIo } from './io.ts';
import type { DatabaseOptions } from './options.ts';

/** The database with the schema up to date; the startup banner goes to stderr unless quiet. */
export async function openDatabase(options: DatabaseOptions, io: CliIo): Promise<Db> {
  const db = await openLocalDb({ ...options.db, log: options.quiet ? undefined : (line) => io.err(`${line}\n`) });
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** `workers` threads, or the calling thread for 0. */
export async function openAnalyzer(workers: number): Promise<Analyzer> {
  return workers === 0 ? inlineAnalyzer(nodeHasher) : startWorkerAnalyzer({ workers });
}

/** Runs `work` with the database open and closes it afterwards, e.g. `withDatabase(opts, io, (db) => libraryStats(db))`. */
export async function withDatabase<T>(options: DatabaseOptions, io: CliIo, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(options, io);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
