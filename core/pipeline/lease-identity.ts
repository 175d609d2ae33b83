// The LeaseIdentity port: who this process is when it claims work, and whether another claimant is known
// to be dead. The local adapter names owners "host:pid:run" and checks pids on its own host
// (adapters/local/lease-identity.ts); owners it cannot judge are left to their lease expiry.

export interface LeaseIdentity {
  /** This process's owner name for claims, unique per run, e.g. "build-box:4242:6f1c...". */
  readonly owner: string;
  /** True only when `owner` certainly no longer runs (its leases may be taken back at once). */
  isDead(owner: string): boolean;
}
