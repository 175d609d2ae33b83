// Database error codes, and which driver errors mean "the connection is gone" (safe to retry an idempotent
// statement on a new connection) rather than "the statement failed".
import { errorCode, PipelineError } from '../errors.ts';

export type DbErrorCode =
  /** No working connection within the acquire timeout: server down, unreachable, or the pool exhausted. */
  | 'DB_UNAVAILABLE'
  /**
   * A statement lost its connection after it was sent as often as its caller allowed (QueryOptions.maxLosses),
   * before the acquire timeout: the caller has something smaller to try (WriteBatcher halves the batch).
   */
  | 'DB_CONNECTION_LOST'
  /** A migration already applied has different SQL now. */
  | 'DB_MIGRATION_MISMATCH'
  /** The database has migrations this code does not know (a newer version ran against it). */
  | 'DB_SCHEMA_NEWER'
  /** A column held a value its decoder cannot take. */
  | 'DB_VALUE_INVALID'
  /** A setting (pool size, timeout, ...) that cannot be used. */
  | 'CONFIG_INVALID';

// Driver codes for a connection that closed, reset, or never opened: postgres.js (CONNECTION_CLOSED,
// CONNECT_TIMEOUT) and Node sockets (ECONNRESET, ...). CONNECTION_ENDED/DESTROYED are left out: those mean
// the pool was closed on purpose.
const LOST_CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECT_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
]);

// SQLSTATE: 57P01 admin_shutdown (pg_terminate_backend, fast shutdown), 57P02 crash_shutdown, 57P03
// cannot_connect_now (starting up); class 08 is "connection exception"
// (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const LOST_CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/** True when `error` means the connection was lost or could not be made, e.g. `{code: '57P01'}`. */
export function isConnectionLoss(error: unknown): boolean {
  const code = errorCode(error, '');
  return LOST_CONNECTION_CODES.has(code) || LOST_CONNECTION_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code);
}

/** A statement given up on after `maxLosses` connection losses (DB_CONNECTION_LOST); the last driver error is `cause`. */
export function connectionLost(message: string, cause?: unknown): PipelineError {
  return new PipelineError('DB_CONNECTION_LOST', message, cause);
}

/** The typed error callers see when the database cannot be reached; the driver's error stays as `cause`. */
export function dbUnavailable(message: string, cause?: unknown): PipelineError {
  return new PipelineError('DB_UNAVAILABLE', message, cause);
}
