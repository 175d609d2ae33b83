// Keeping leases alive and finding whose they are: a long batch renews its claims so they do not expire
// under it, and a process starting up can give back the leases of a process on its machine that died
// (kill -9 leaves them behind; waiting for them to expire would stall the rerun for the lease time).
import type { DbSession } from './port.ts';
import { toInt, toText } from './values.ts';

/**
 * Pushes the expiry of every analysis and split lease `owner` holds to `seconds` from now; returns how
 * many files it touched, e.g. `extendLeases(db, 'host:42:run', 120)` -> 500.
 */
export async function extendLeases(db: DbSession, owner: string, seconds: number): Promise<number> {
  const rows = await db.query(
    `with extended as (
       update files set
         lease_expires_at       = case when lease_owner = $1::text then now() + make_interval(secs => $2::float8) else lease_expires_at end,
         split_lease_expires_at = case when split_lease_owner = $1::text then now() + make_interval(secs => $2::float8) else split_lease_expires_at end
       where lease_owner = $1::text or split_lease_owner = $1::text
       returning 1
     )
     select count(*) as n from extended`,
    [owner, seconds],
    { idempotent: true },
  );
  return toInt(rows[0]?.n ?? 0);
}

/** Every owner holding an analysis or split lease now, expired or not, e.g. `['host:42:run-a']`. */
export async function listLeaseOwners(db: DbSession): Promise<string[]> {
  const rows = await db.query(
    `select lease_owner as owner from files where lease_owner is not null
     union
     select split_lease_owner from files where split_lease_owner is not null
     order by 1`,
    [],
    { idempotent: true },
  );
  return rows.map((r) => toText(r.owner));
}
