// The Db port over postgres.js: the long-lived pool of local bulk runs. postgres.js has no minimum size, no
// acquire timeout, no validation and no statistics, so this adapter adds them: it pre-opens `min`
// connections, counts every socket (pool-sockets.ts), retries idempotent statements after a lost
// connection within the acquire timeout, then throws DB_UNAVAILABLE, and always ends with a timeout.
import postgres from 'postgres';
import { isConnectionLoss } from '../../../core/db/db-errors.ts';
import type { Db, DbSession, DbValue, PoolStats, QueryOptions } from '../../../core/db/port.ts';
import { type RetryPolicy, retryOnConnectionLoss } from '../../../core/db/retry.ts';
import { errorCode } from '../../../core/errors.ts';
import { formatPoolBanner, type PoolSettings, type PoolSettingsInput, redactUrl, resolvePoolSettings, type ResolvedPoolSettings } from './pool-settings.ts';
import { PoolSockets } from './pool-sockets.ts';

export interface PostgresJsOptions extends PoolSettingsInput {
  url: string;
  /** Receives the startup banner once the pool is open (e.g. a line on stderr); default: silent. */
  log?: (line: string) => void;
  /** Backoff between retries; default 50 ms doubling to 2 s, with jitter. */
  retryDelay?: { baseMs: number; maxMs: number };
}

export interface PostgresJsDb extends Db {
  readonly driver: 'postgres-js';
  readonly settings: PoolSettings;
  readonly resolved: ResolvedPoolSettings;
  readonly banner: string;
  stats(): PoolStats;
}

// Failures of opening a connection: the statement was never sent, so even a non-idempotent one may be
// retried. (57P03: the server is starting up.)
const NEVER_SENT = new Set(['ECONNREFUSED', 'CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN', '57P03']);

/**
 * Opens the pool; with `min > 0` (the warm preset) it returns once `min` connections are open, e.g.
 * `await openPostgresJs({url, preset: 'warm', workers: 8})` -> 8 backends in pg_stat_activity.
 * Throws DB_UNAVAILABLE when they cannot be opened within the acquire timeout.
 */
export async function openPostgresJs(options: PostgresJsOptions): Promise<PostgresJsDb> {
  const resolved = resolvePoolSettings(options);
  const s = resolved.settings;
  const sockets = new PoolSockets();
  const stats = sockets.stats;
  const target = redactUrl(options.url);
  const policy: RetryPolicy = {
    timeoutMs: s.acquireTimeoutSeconds * 1000,
    baseDelayMs: options.retryDelay?.baseMs ?? 50,
    maxDelayMs: options.retryDelay?.maxMs ?? 2000,
  };

  const sql = postgres(options.url, {
    max: s.max,
    idle_timeout: s.idleTimeoutSeconds ?? 0, // 0: never
    ...(s.maxLifetimeSeconds === 'library' ? {} : { max_lifetime: s.maxLifetimeSeconds ?? 0 }),
    connect_timeout: Math.min(s.connectTimeoutSeconds, s.acquireTimeoutSeconds),
    // No reconnect delay inside postgres.js: its own backoff (3^n / 100 s, up to 20 s, shared by the pool)
    // would hold a retry past the acquire timeout. retryOnConnectionLoss paces the attempts instead.
    backoff: () => 0,
    // No type fetch at connect: arrays travel as literals or JSON (core/db/values.ts), so a fresh
    // connection costs one startup exchange and no extra query.
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: s.applicationName },
    // Typed in postgres.js's README but not its .d.ts: a function returning the socket to use.
    ...({ socket: sockets.open } as object),
  });

  let lastActivity = performance.now();
  let inFlight = 0;
  let validating: Promise<void> | null = null;

  /**
   * Runs `attempt` with retries after connection loss; `mayRepeat` says whether a sent statement may be sent
   * again, `maxLosses` how many times it may lose its connection once sent (QueryOptions.maxLosses).
   */
  function withRetry<T>(attempt: () => Promise<T>, mayRepeat: () => boolean, maxLosses = Infinity): Promise<T> {
    let losses = 0;
    return retryOnConnectionLoss(
      async (n) => {
        if (n > 1) stats.retries++;
        inFlight++;
        try {
          return await attempt();
        } finally {
          inFlight--;
          lastActivity = performance.now();
        }
      },
      policy,
      {
        canRetry: (error) => mayRepeat() || NEVER_SENT.has(errorCode(error, '')),
        giveUp: (error) => !NEVER_SENT.has(errorCode(error, '')) && ++losses >= maxLosses,
        onRetry: (_n, delayMs) => void (stats.retryWaitMs += delayMs),
        target,
      },
    );
  }

  // Validation before use after idle: when nothing ran for `validateAfterIdleSeconds`, one `select 1` per
  // open connection, all at once, so each idle connection gets one (postgres.js hands a statement to an
  // idle connection before it opens another). A connection that closed fails its probe and is dropped by
  // postgres.js; one whose peer went silent is destroyed after `validateTimeoutSeconds` (TCP keepalive
  // would take minutes). Either way real work then gets a live connection.
  async function validateIfIdle(): Promise<void> {
    if (!s.validate || inFlight > 0 || stats.connectionsOpen === 0) return;
    if (performance.now() - lastActivity < s.validateAfterIdleSeconds * 1000) return;
    validating ??= (async () => {
      const started = performance.now();
      const probes = stats.connectionsOpen;
      stats.validations++;
      const timeoutMs = s.validateTimeoutSeconds * 1000;
      const watchdog = setTimeout(() => sockets.destroyUnresponsive(timeoutMs / 2), timeoutMs);
      const results = await Promise.allSettled(Array.from({ length: probes }, () => sql.unsafe('select 1')));
      clearTimeout(watchdog);
      stats.validationFailures += results.filter((r) => r.status === 'rejected').length;
      stats.validationMs += performance.now() - started;
    })().finally(() => {
      validating = null;
      lastActivity = performance.now();
    });
    await validating;
  }

  async function query<Row>(text: string, params: readonly DbValue[] = [], opts: QueryOptions = {}): Promise<Row[]> {
    stats.queries++;
    await validateIfIdle();
    return withRetry(
      async () => [...(await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: params.length > 0 }))] as Row[],
      () => opts.idempotent === true,
      opts.maxLosses,
    );
  }

  async function exec(script: string): Promise<void> {
    stats.queries++;
    await validateIfIdle();
    // Scripts are DDL for migrations, which run inside migrate()'s transaction; alone they are not repeated.
    await withRetry(() => sql.unsafe(script).then(() => undefined), () => false);
  }

  async function transaction<T>(work: (tx: DbSession) => Promise<T>, opts: QueryOptions = {}): Promise<T> {
    stats.transactions++;
    await validateIfIdle();
    let started = false;
    return withRetry(
      () => runTransaction(sql, stats, work, () => (started = true)),
      () => opts.idempotent === true || !started,
    );
  }

  async function close(): Promise<void> {
    sockets.ending = true;
    // With nothing in flight there is nothing to wait for: end at once (each connection still gets a
    // Terminate message). postgres.js would otherwise wait out the whole timeout whenever a connection ever
    // lost a statement mid-flight, because that connection keeps the dead statement as "current".
    const timeoutSeconds = inFlight === 0 ? 0 : s.endTimeoutSeconds;
    // sql.end({timeout}) destroys the connections after the timeout; the race guards against it not settling
    // at all, and destroyAll() closes any socket whose peer stopped answering.
    await Promise.race([sql.end({ timeout: timeoutSeconds }).catch(() => {}), sleep(timeoutSeconds * 1000 + 1000)]);
    await sockets.closed(1000);
    sockets.destroyAll();
  }

  const banner = formatPoolBanner(resolved, options.url);
  const db: PostgresJsDb = {
    driver: 'postgres-js',
    settings: s,
    resolved,
    banner,
    query,
    exec,
    transaction,
    close,
    stats: () => sockets.snapshot(),
  };

  if (s.min > 0) {
    try {
      // Warm start: `min` statements at once open `min` connections, each to one backend.
      await withRetry(
        () => Promise.all(Array.from({ length: Math.max(0, s.min - stats.connectionsOpen) }, () => sql.unsafe('select 1'))),
        () => true,
      );
    } catch (error) {
      await close();
      throw error;
    }
  }
  options.log?.(banner);
  return db;
}

/**
 * One transaction on one postgres.js connection. postgres.js 3.4.9 crashes the process (an uncaught
 * TypeError in `nextWrite`, porsager/postgres#1208) when anything is written to a reserved connection after
 * its backend died, and its own `begin()` writes ROLLBACK on error. So once the connection is known lost,
 * this never lets postgres.js write to it again: statements and the callback "park" (never settle), and
 * `begin()` rejects on its own when the connection closes. A watchdog rejects if that ever fails to happen.
 */
function runTransaction<T>(sql: postgres.Sql, stats: PoolStats, work: (tx: DbSession) => Promise<T>, onStart: () => void): Promise<T> {
  let lost: unknown = null;
  const park = <U>(): Promise<U> => new Promise<U>(() => {});
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let rejectOuter: (error: unknown) => void = () => {};
  const markLost = (error: unknown) => {
    if (lost) return;
    lost = error;
    watchdog = setTimeout(() => rejectOuter(error), 2000);
    watchdog.unref?.();
  };

  const session = (tx: postgres.TransactionSql): DbSession => ({
    async query<Row>(text: string, params: readonly DbValue[] = []): Promise<Row[]> {
      stats.queries++;
      if (lost) return park();
      try {
        return [...(await tx.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: params.length > 0 }))] as Row[];
      } catch (error) {
        if (!isConnectionLoss(error)) throw error;
        markLost(error);
        return park();
      }
    },
    async exec(script: string): Promise<void> {
      stats.queries++;
      if (lost) return park();
      try {
        await tx.unsafe(script);
      } catch (error) {
        if (!isConnectionLoss(error)) throw error;
        markLost(error);
        return park();
      }
    },
  });

  const done = sql.begin(async (tx) => {
    onStart();
    const result = await work(session(tx));
    // Lost while `work` did something else: do not let begin() write COMMIT to a dead connection.
    if (lost) return park<T>();
    return result;
  }) as Promise<T>;
  done.catch((error) => isConnectionLoss(error) && markLost(error));
  return new Promise<T>((resolve, reject) => {
    rejectOuter = reject;
    done.then(resolve, reject).finally(() => clearTimeout(watchdog));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
