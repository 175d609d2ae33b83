// Retrying work after a lost connection: exponential backoff with jitter, bounded by a deadline (the pool's
// acquire timeout), then a typed DB_UNAVAILABLE. Only work that is safe to repeat is retried.
import { errorCode } from '../errors.ts';
import { connectionLost, dbUnavailable, isConnectionLoss } from './db-errors.ts';

export interface RetryPolicy {
  /** Give up this long after the first attempt started. */
  timeoutMs: number;
  /** First delay; doubles per attempt up to `maxDelayMs`, each scaled by a random factor in [0.5, 1). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryHooks {
  /** Whether this failure may be retried at all (e.g. the statement is idempotent, or was never sent). */
  canRetry?: (error: unknown) => boolean;
  /**
   * Stop before the deadline, with DB_CONNECTION_LOST, when this returns true for a failure that could be
   * retried: for a caller with a smaller statement to fall back on (QueryOptions.maxLosses).
   */
  giveUp?: (error: unknown, attempt: number) => boolean;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  /** What is being attempted, for the error message, e.g. "postgres://127.0.0.1:5432/midi". */
  target?: string;
  now?: () => number;
  random?: () => number;
}

/** The delay before retry number `attempt` (1-based), e.g. base 50 ms: 25-50, 50-100, 100-200 ... capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling * (0.5 + random() / 2);
}

/**
 * Runs `work` until it succeeds, fails with something other than a connection loss, or the deadline passes.
 * Past the deadline (or when a lost statement may not be repeated) it throws DB_UNAVAILABLE with the last
 * driver error as `cause`; when `giveUp` says so, DB_CONNECTION_LOST.
 */
export async function retryOnConnectionLoss<T>(work: (attempt: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const now = hooks.now ?? Date.now;
  const started = now();
  const deadline = started + policy.timeoutMs;
  const where = hooks.target ? ` (${hooks.target})` : '';
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!isConnectionLoss(error)) throw error;
      const code = errorCode(error, 'UNKNOWN');
      if (hooks.canRetry && !hooks.canRetry(error)) {
        throw dbUnavailable(`connection lost during a statement that cannot be repeated safely; its outcome is unknown${where}: ${code}`, error);
      }
      if (hooks.giveUp?.(error, attempt)) {
        throw connectionLost(`connection lost during the statement, attempt ${attempt}; given up for a smaller one${where}: ${code}`, error);
      }
      const delay = Math.min(backoffDelay(attempt, policy, hooks.random), deadline - now());
      if (delay <= 0) {
        const seconds = ((now() - started) / 1000).toFixed(1);
        throw dbUnavailable(`database unavailable${where}: ${code} after ${attempt} attempt(s) in ${seconds} s`, error);
      }
      hooks.onRetry?.(attempt, delay, error);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
