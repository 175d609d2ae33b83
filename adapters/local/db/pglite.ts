// The Db port over PGlite (PostgreSQL compiled to WebAssembly): the embedded default when no database URL
// is given, so a first run needs no server. One process, one connection: statements and transactions are
// serialised by PGlite itself, which also makes SKIP LOCKED claims trivially exclusive.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db, DbSession, DbValue } from '../../../core/db/port.ts';

export interface PgliteOptions {
  /** Folder holding the database files; created when missing. Absent: in memory (tests). */
  dataDir?: string;
}

export interface PgliteDb extends Db {
  readonly driver: 'pglite';
  readonly dataDir: string | null;
}

/** e.g. `await openPglite({dataDir: '.midi-pipeline/pglite'})`. */
export async function openPglite(options: PgliteOptions = {}): Promise<PgliteDb> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm ships in PGlite's contrib bundle; it must be loaded here for `create extension` to find it.
  const pg = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });

  const session = (target: Pick<PGlite, 'query' | 'exec'>): DbSession => ({
    async query<Row>(text: string, params: readonly DbValue[] = []): Promise<Row[]> {
      return (await target.query<Row>(text, params as DbValue[])).rows;
    },
    async exec(script: string): Promise<void> {
      await target.exec(script);
    },
  });

  return {
    driver: 'pglite',
    dataDir: options.dataDir ?? null,
    ...session(pg),
    transaction: (work) => pg.transaction((tx) => work(session(tx))),
    close: () => pg.close(),
  };
}
