// Claiming work so several processes can share one database: rows are picked with FOR UPDATE SKIP LOCKED
// (never OFFSET paging, which skips rows as the result set shrinks) and marked with a lease that expires,
// so the work of a process killed mid-batch is claimed again once its lease runs out.
import { PATHS_OF_FILE } from './library-query.ts';
import type { DbSession } from './port.ts';
import { toInt, toIntOrNull, toJson, toText } from './values.ts';

export interface ClaimedFile {
  fileId: number;
  sha256: string;
  sizeBytes: number;
  /** Where the content was seen, most recently seen first (read the first one that still exists). */
  paths: string[];
  /** Claims of this file at the claimed analyzer version, this one included. */
  attempts: number;
  origin: { parentId: number; trackIndex: number } | null;
}

export interface ClaimAnalysisOptions {
  /** Who holds the lease, e.g. "host:pid:run-id"; releaseLeases() takes it back. */
  owner: string;
  /** The current analyzer version: older analyses are claimed for re-analysis. */
  analyzerVersion: number;
  limit: number;
  /** How long the claim holds; set it well above the time a batch takes. Default 600. */
  leaseSeconds?: number;
  /** Claims per file and analyzer version before it is left alone (a file that keeps crashing). Default 3. */
  maxAttempts?: number;
}

const CLAIM_ANALYSIS_SQL = /* sql */ `
with picked as (
  select id from files
  where (lease_expires_at is null or lease_expires_at < now())
    and (attempt_version is distinct from $2::integer or attempts < $3::integer)
    and (status = 'pending' or (status = 'failed' and error_retryable) or analyzer_version < $2::integer)
  limit $1::integer
  for update skip locked
)
update files f set
  lease_owner      = $4::text,
  lease_expires_at = now() + make_interval(secs => $5::float8),
  attempts         = case when f.attempt_version is distinct from $2::integer then 1 else f.attempts + 1 end,
  attempt_version  = $2::integer,
  updated_at       = now()
from picked
where f.id = picked.id
returning f.id, f.sha256, f.size_bytes, f.attempts, f.parent_id, f.track_index, ${PATHS_OF_FILE}
`;

/**
 * Claims up to `limit` files to analyse: never analysed, failed with a retryable error, or analysed by an
 * older analyzer version. e.g. `claimAnalysis(db, {owner: 'w1', analyzerVersion: 3, limit: 500})`.
 */
export async function claimAnalysis(db: DbSession, options: ClaimAnalysisOptions): Promise<ClaimedFile[]> {
  const rows = await db.query(
    CLAIM_ANALYSIS_SQL,
    [options.limit, options.analyzerVersion, options.maxAttempts ?? 3, options.owner, options.leaseSeconds ?? 600],
    // A retried claim may leave rows leased by a first attempt that committed unseen; the phase gives
    // them back once its work is answered (releaseLeases, analysis leases only) and claims again.
    { idempotent: true },
  );
  return rows.map(toClaimedFile);
}

export interface ClaimSplitsOptions {
  owner: string;
  limit: number;
  leaseSeconds?: number;
  /** Files with at least this many tracks holding notes are split. Default 2. */
  minNoteTracks?: number;
}

const CLAIM_SPLITS_SQL = /* sql */ `
with picked as (
  select f.id from files f
  join analyses a on a.file_id = f.id and a.analyzer_version = f.analysis_version
  where f.split_at is null and f.parent_id is null and a.note_track_count >= $2::integer
    and (f.split_lease_expires_at is null or f.split_lease_expires_at < now())
  limit $1::integer
  for update of f skip locked
)
update files f set
  split_lease_owner      = $3::text,
  split_lease_expires_at = now() + make_interval(secs => $4::float8),
  updated_at             = now()
from picked
where f.id = picked.id
returning f.id, f.sha256, f.size_bytes, f.attempts, f.parent_id, f.track_index, ${PATHS_OF_FILE}
`;

/** Claims analysed multi-track files that have not been split yet. */
export async function claimSplits(db: DbSession, options: ClaimSplitsOptions): Promise<ClaimedFile[]> {
  const rows = await db.query(
    CLAIM_SPLITS_SQL,
    [options.limit, options.minNoteTracks ?? 2, options.owner, options.leaseSeconds ?? 600],
    { idempotent: true },
  );
  return rows.map(toClaimedFile);
}

/** Marks parents as split (after their children were written with writeFiles) and ends their leases. */
export async function completeSplits(db: DbSession, parentIds: readonly number[]): Promise<void> {
  if (parentIds.length === 0) return;
  await db.query(
    `update files set split_at = now(), split_lease_owner = null, split_lease_expires_at = null, updated_at = now()
     where id = any($1::bigint[])`,
    [`{${parentIds.map((id) => String(Math.trunc(id))).join(',')}}`],
    { idempotent: true },
  );
}

/**
 * Gives back every lease `owner` holds (a clean shutdown), so other processes need not wait for them to
 * expire; an analysis claim given back does not count as an attempt. With `splits` false, only the
 * analysis leases: the analyze phase, once every file it was handed is answered, gives back those a claim
 * took whose reply was lost (the retried claim found the rows leased and skipped them). Returns how many
 * files were released (0 normally, in that use).
 */
export async function releaseLeases(db: DbSession, owner: string, { splits = true }: { splits?: boolean } = {}): Promise<number> {
  const rows = await db.query(
    `with released as (
       update files set
         attempts               = case when lease_owner = $1::text then greatest(attempts - 1, 0) else attempts end,
         lease_owner            = case when lease_owner = $1::text then null else lease_owner end,
         lease_expires_at       = case when lease_owner = $1::text then null else lease_expires_at end,
         split_lease_owner      = case when $2::boolean and split_lease_owner = $1::text then null else split_lease_owner end,
         split_lease_expires_at = case when $2::boolean and split_lease_owner = $1::text then null else split_lease_expires_at end
       where lease_owner = $1::text or ($2::boolean and split_lease_owner = $1::text)
       returning 1
     )
     select count(*) as n from released`,
    [owner, splits],
    // Sent twice, the second finds nothing left to release.
    { idempotent: true },
  );
  return toInt(rows[0]?.n ?? 0);
}

/**
 * Gives back the split leases `owner` holds on parents it was never handed (a split claim whose reply was
 * lost); `keep` are parents it was handed and leaves leased on purpose (unreadable now). Returns how many.
 */
export async function releaseUnseenSplitClaims(db: DbSession, owner: string, keep: ReadonlySet<number>): Promise<number> {
  // Normally none are held here, so list them and filter in memory rather than send `keep` to the server.
  const held = await db.query(`select id from files where split_lease_owner = $1::text`, [owner], { idempotent: true });
  const unseen = held.map((r) => toInt(r.id)).filter((id) => !keep.has(id));
  if (unseen.length === 0) return 0;
  await db.query(
    `update files set split_lease_owner = null, split_lease_expires_at = null
     where id = any($1::bigint[]) and split_lease_owner = $2::text`,
    [`{${unseen.join(',')}}`, owner],
    { idempotent: true },
  );
  return unseen.length;
}

function toClaimedFile(r: Record<string, unknown>): ClaimedFile {
  const parentId = toIntOrNull(r.parent_id);
  return {
    fileId: toInt(r.id),
    sha256: toText(r.sha256),
    sizeBytes: toInt(r.size_bytes),
    paths: toJson<string[]>(r.paths),
    attempts: toInt(r.attempts),
    origin: parentId === null ? null : { parentId, trackIndex: toInt(r.track_index) },
  };
}
