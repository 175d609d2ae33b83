// The database port: what the repository functions in core/db need from a PostgreSQL driver. One
// implementation per driver package (adapters/local/db/postgres-js.ts, adapters/local/db/pglite.ts,
// adapters/edge/db/neon-serverless.ts); all of them pass test/db/contract.ts.

/**
 * A bound parameter. Arrays and JSON are not bound as JS values: the drivers disagree on how to send them
 * (postgres.js infers an array's type from its first element and double-encodes strings bound to jsonb).
 * Core encodes them to text once (`toArrayLiteral`, `toJsonText` in values.ts) and the SQL casts
 * (`$1::bigint[]`, `$2::text::jsonb`), so every driver sends the same bytes.
 */
export type DbValue = string | number | boolean | null | Date;

/** A result row as the driver decoded it; repository functions normalise it with values.ts. */
export type DbRow = Record<string, unknown>;

export interface QueryOptions {
  /**
   * The statement may be sent again after a connection loss without changing the outcome (an upsert, a
   * read, a lease that simply expires). Drivers that retry (postgres-js.ts) only ever retry these.
   */
  idempotent?: boolean;
  /**
   * With `idempotent`: give up with DB_CONNECTION_LOST once the connection died this many times after the
   * statement was sent, instead of sending it again until the acquire timeout. For a caller that can split
   * the work (WriteBatcher halves a batch that is too slow to land between connection kills). Connections
   * that could not be opened at all still wait out the timeout: a smaller statement would not help.
   * Drivers that do not retry ignore it.
   */
  maxLosses?: number;
}

/** What one statement at a time needs: a parameterised query (`$1`, `$2`, ...) or a parameterless script. */
export interface DbSession {
  query<Row extends DbRow = DbRow>(text: string, params?: readonly DbValue[], options?: QueryOptions): Promise<Row[]>;
  /** Runs several `;`-separated statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export type DriverName = 'postgres-js' | 'pglite' | 'neon-serverless';

export interface Db extends DbSession {
  readonly driver: DriverName;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it
   * throws. With `idempotent`, the whole transaction may be run again after a connection loss.
   */
  transaction<T>(work: (tx: DbSession) => Promise<T>, options?: QueryOptions): Promise<T>;
  /** Closes every connection; always returns, even when the server stopped answering (bounded by a timeout). */
  close(): Promise<void>;
  /** Pool statistics, for drivers with a long-lived pool (postgres-js); recorded with each run. */
  stats?(): PoolStats;
}

/**
 * Counters of a long-lived pool since it was opened. "Lost" connections closed without the pool asking
 * (backend terminated, network reset); a reconnect is an open that restores a pool size reached before.
 */
export interface PoolStats {
  connectionsOpened: number;
  connectionsClosed: number;
  connectionsLost: number;
  connectFailures: number;
  reconnects: number;
  /** Connections open right now, and the most that were open at once. */
  connectionsOpen: number;
  connectionsPeak: number;
  /** Statements and transactions asked for by callers; each counts once however often it was retried. */
  queries: number;
  transactions: number;
  /** Statements or transactions sent again after a connection loss. */
  retries: number;
  /** Idle-pool validations (`select 1` on each open connection) and the dead connections they found. */
  validations: number;
  validationFailures: number;
  /**
   * Time callers spent waiting for a usable connection, in milliseconds: establishing connections
   * (startup through the first ReadyForQuery), backoff before retries, and validation round trips.
   */
  waitMs: number;
  connectMs: number;
  retryWaitMs: number;
  validationMs: number;
}
