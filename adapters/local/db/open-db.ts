// Which database a local command uses (the contract's common options): `--database-url`, else the
// DATABASE_URL environment variable, else the embedded PGlite database in `--data-dir` (default
// ./.midi-pipeline), so a first run needs no server.
import { join } from 'node:path';
import type { Db } from '../../../core/db/port.ts';
import { openPglite } from './pglite.ts';
import type { PoolSettingsInput } from './pool-settings.ts';
import { openPostgresJs } from './postgres-js.ts';

export const DEFAULT_DATA_DIR = './.midi-pipeline';

export interface LocalDbOptions extends PoolSettingsInput {
  databaseUrl?: string;
  dataDir?: string;
  /** Receives the startup banner. */
  log?: (line: string) => void;
}

/** e.g. `await openLocalDb({})` -> PGlite in ./.midi-pipeline/pglite; with a URL, the postgres.js pool. */
export async function openLocalDb(options: LocalDbOptions = {}): Promise<Db> {
  const env = options.env ?? process.env;
  const url = options.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (url) return openPostgresJs({ ...options, url });
  const dataDir = join(options.dataDir ?? DEFAULT_DATA_DIR, 'pglite');
  const db = await openPglite({ dataDir });
  options.log?.(`database ${dataDir} via PGlite (embedded; pass --database-url or set DATABASE_URL for PostgreSQL)`);
  return db;
}
