// One row per bulk run: what ran, how much it did, how fast, and with which pool settings and statistics,
// so that "the warm pool is 10-15% faster" is a query over measured runs rather than a claim.
import type { ErrorInfo } from '../errors.ts';
import type { DbSession, PoolStats } from './port.ts';
import { toDate, toDateOrNull, toInt, toJson, toJsonText, toNumberOrNull, toText, toTextOrNull } from './values.ts';

export type RunStatus = 'running' | 'done' | 'failed';

export interface RunRecord {
  /** Chosen by the caller (`newRunId()`), so saving is an idempotent upsert that can be repeated for progress. */
  id: string;
  command: string;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  /** The command's arguments and settings as given. */
  options: Record<string, unknown>;
  /** Phase -> counter -> value, e.g. `{import: {seen: 1200, new: 1100}, analyze: {ok: 1090, failed: 10}}`. */
  counts: Record<string, Record<string, number>>;
  filesProcessed: number;
  bytesProcessed: number;
  /** Stored with three decimals. */
  filesPerSecond: number | null;
  bytesPerSecond: number | null;
  poolSettings: Record<string, unknown> | null;
  poolStats: PoolStats | null;
  error: ErrorInfo | null;
}

/** A fresh run id (a UUID; `crypto.randomUUID` exists in every runtime we support). */
export function newRunId(): string {
  return crypto.randomUUID();
}

/** Inserts or updates the run, e.g. once at start with status 'running' and again at the end. */
export async function saveRun(db: DbSession, run: RunRecord): Promise<void> {
  await db.query(
    `insert into runs (id, command, status, started_at, finished_at, options, counts, files_processed, bytes_processed,
                       files_per_second, bytes_per_second, pool_settings, pool_stats, error_code, error_message)
     values ($1::uuid, $2::text, $3::text, $4::timestamptz, $5::timestamptz, $6::text::jsonb, $7::text::jsonb, $8::bigint,
             $9::bigint, $10::numeric, $11::numeric, $12::text::jsonb, $13::text::jsonb, $14::text, $15::text)
     on conflict (id) do update set
       status = excluded.status, finished_at = excluded.finished_at, options = excluded.options, counts = excluded.counts,
       files_processed = excluded.files_processed, bytes_processed = excluded.bytes_processed,
       files_per_second = excluded.files_per_second, bytes_per_second = excluded.bytes_per_second,
       pool_settings = excluded.pool_settings, pool_stats = excluded.pool_stats,
       error_code = excluded.error_code, error_message = excluded.error_message`,
    [
      run.id,
      run.command,
      run.status,
      run.startedAt,
      run.finishedAt,
      toJsonText(run.options),
      toJsonText(run.counts),
      run.filesProcessed,
      run.bytesProcessed,
      finiteOrNull(run.filesPerSecond),
      finiteOrNull(run.bytesPerSecond),
      run.poolSettings === null ? null : toJsonText(run.poolSettings),
      run.poolStats === null ? null : toJsonText(run.poolStats),
      run.error?.code ?? null,
      run.error?.message ?? null,
    ],
    { idempotent: true },
  );
}

/** The most recent runs, newest first. */
export async function listRuns(db: DbSession, limit = 10): Promise<RunRecord[]> {
  const rows = await db.query('select * from runs order by started_at desc, id limit $1::integer', [limit], { idempotent: true });
  return rows.map((r) => {
    const errorCode = toTextOrNull(r.error_code);
    return {
      id: toText(r.id),
      command: toText(r.command),
      status: toText(r.status) as RunStatus,
      startedAt: toDate(r.started_at),
      finishedAt: toDateOrNull(r.finished_at),
      options: toJson<Record<string, unknown>>(r.options),
      counts: toJson<Record<string, Record<string, number>>>(r.counts),
      filesProcessed: toInt(r.files_processed),
      bytesProcessed: toInt(r.bytes_processed),
      filesPerSecond: toNumberOrNull(r.files_per_second),
      bytesPerSecond: toNumberOrNull(r.bytes_per_second),
      poolSettings: r.pool_settings === null ? null : toJson<Record<string, unknown>>(r.pool_settings),
      poolStats: r.pool_stats === null ? null : toJson<PoolStats>(r.pool_stats),
      error: errorCode === null ? null : { code: errorCode, message: toTextOrNull(r.error_message) ?? '' },
    };
  });
}

function finiteOrNull(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}
