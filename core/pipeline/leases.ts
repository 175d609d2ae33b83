// Lease upkeep around the claiming phases: take back the leases of dead local processes before claiming
// (a rerun after kill -9 must not wait out their expiry), and renew our own while we work, so a slow batch
// keeps its claims and a dead process's claims lapse within one lease time.
import { listRunningRuns, markRunsAbandoned } from '../db/abandoned-runs.ts';
import { releaseLeases } from '../db/claims.ts';
import { extendLeases, listLeaseOwners } from '../db/lease-owners.ts';
import type { DbSession } from '../db/port.ts';
import type { LeaseIdentity } from './lease-identity.ts';

/** Releases every lease held by an owner `identity` knows to be dead; returns how many files were freed. */
export async function recoverDeadLeases(db: DbSession, identity: LeaseIdentity): Promise<number> {
  let released = 0;
  for (const owner of await listLeaseOwners(db)) {
    if (owner !== identity.owner && identity.isDead(owner)) released += await releaseLeases(db, owner);
  }
  return released;
}

/** Closes the runs of owners `identity` knows to be dead as RUN_ABANDONED; returns how many. */
export async function closeAbandonedRuns(db: DbSession, identity: LeaseIdentity): Promise<number> {
  const dead = (await listRunningRuns(db)).filter((r) => r.owner !== null && r.owner !== identity.owner && identity.isDead(r.owner));
  return markRunsAbandoned(db, dead.map((r) => r.id));
}

/**
 * Renews `owner`'s leases every third of `leaseSeconds` until the returned stop() is called. A failed
 * renewal is not fatal here: the phase's own statements meet the same database and report it.
 */
export function startLeaseHeartbeat(db: DbSession, owner: string, leaseSeconds: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = extendLeases(db, owner, leaseSeconds).catch(() => 0);
  }, (leaseSeconds * 1000) / 3);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
