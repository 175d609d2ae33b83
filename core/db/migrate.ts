// Applies the schema migrations in order, each once, recorded in `schema_migrations`. One transaction under
// a transaction-level advisory lock, so concurrent processes (several importers starting together) apply
// them exactly once and a failed migration leaves nothing half-done (PostgreSQL DDL is transactional).
import { PipelineError } from '../errors.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import type { Db } from './port.ts';
import { toInt, toText } from './values.ts';

// Any constant shared by every process of this application; the ASCII bytes of "midi-pip" as a bigint.
const MIGRATION_LOCK_KEY = '7883943025585449328';

export interface MigrateResult {
  /** Versions applied by this call, e.g. `[1, 2]` on an empty database, `[]` when up to date. */
  applied: number[];
  /** The schema version afterwards. */
  version: number;
}

/** Brings the schema up to date, e.g. `await migrate(db)` -> `{applied: [1], version: 1}`. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  return db.transaction(
    async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
      await tx.exec(`create table if not exists schema_migrations (
        version    integer primary key,
        name       text not null,
        checksum   text not null,
        applied_at timestamptz not null default now()
      )`);
      const rows = await tx.query('select version, checksum from schema_migrations order by version');
      const done = new Map(rows.map((r) => [toInt(r.version), toText(r.checksum)]));
      checkApplied(done, migrations);
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await tx.exec(m.sql);
        await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, checksum(m.sql)]);
        applied.push(m.version);
      }
      return { applied, version: Math.max(0, ...migrations.map((m) => m.version), ...done.keys()) };
    },
    // Safe to run again after a lost connection: it re-reads schema_migrations under the lock.
    { idempotent: true },
  );
}

function checkApplied(done: Map<number, string>, migrations: readonly Migration[]): void {
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const [version, sum] of done) {
    const m = known.get(version);
    if (!m) {
      throw new PipelineError('DB_SCHEMA_NEWER', `the database has schema migration ${version}, which this version does not know; upgrade midi-pipeline`);
    }
    if (checksum(m.sql) !== sum) {
      throw new PipelineError('DB_MIGRATION_MISMATCH', `schema migration ${version} (${m.name}) was applied with different SQL; migrations must not be edited once applied`);
    }
  }
}

/** FNV-1a (32 bit) of the SQL as hex: enough to notice an edited migration, e.g. `checksum('') === '811c9dc5'`. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
