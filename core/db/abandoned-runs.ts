// Runs whose process died before recording their end (kill -9, power loss) stay 'running' in `runs`; the
// next run on the same machine closes them as failed with RUN_ABANDONED, so `stats` does not show them
// running forever. Which owner is dead is the caller's judgement (core/pipeline/lease-identity.ts).
import type { DbSession } from './port.ts';
import { toText } from './values.ts';

/** Runs still marked running, with the lease owner recorded in their options (`options.owner`). */
export async function listRunningRuns(db: DbSession): Promise<{ id: string; owner: string | null }[]> {
  const rows = await db.query(`select id::text as id, options->>'owner' as owner from runs where status = 'running'`, [], { idempotent: true });
  return rows.map((r) => ({ id: toText(r.id), owner: r.owner === null || r.owner === undefined ? null : toText(r.owner) }));
}

/** Marks the given runs failed (RUN_ABANDONED) if they are still running; returns how many it closed. */
export async function markRunsAbandoned(db: DbSession, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db.query(
    `update runs set status = 'failed', finished_at = now(), error_code = 'RUN_ABANDONED',
       error_message = 'the process running it ended without recording its end (killed?)'
     where id = any($1::uuid[]) and status = 'running' returning id`,
    [`{${ids.map((id) => `"${id.replace(/[^0-9a-f-]/gi, '')}"`).join(',')}}`],
    { idempotent: true },
  );
  return rows.length;
}
