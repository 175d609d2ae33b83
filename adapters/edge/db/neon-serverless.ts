// The Db port over @neondatabase/serverless: Postgres over a WebSocket, for runtimes without TCP
// (Cloudflare Workers, Deno Deploy). Edge isolates do not keep sockets between requests, so the app opens
// one of these per request and closes it afterwards (`ctx.waitUntil(db.close())`).
import { neonConfig, Pool } from '@neondatabase/serverless';
import { dbUnavailable, isConnectionLoss } from '../../../core/db/db-errors.ts';
import type { Db, DbSession, DbValue } from '../../../core/db/port.ts';
import { errorCode } from '../../../core/errors.ts';

export interface NeonServerlessOptions {
  connectionString: string;
  /** Node 20 has no global WebSocket: pass `WebSocket` from the `ws` package. Workers and Deno need nothing. */
  webSocketConstructor?: unknown;
  /**
   * A WebSocket-to-TCP proxy for a PostgreSQL that is not Neon (scripts/ws-proxy.ts locally), as
   * "host:port/path"; the driver appends `?address=dbhost:dbport`. Absent: Neon's own proxy.
   */
  wsProxy?: string;
  /** wss: (default) or plain ws: to the proxy; a local proxy on loopback speaks plain ws. */
  useSecureWebSocket?: boolean;
  /**
   * Neon pipelines startup, cleartext password and first query ('password', the default); a server that
   * answers with trust or SCRAM needs false.
   */
  pipelineConnect?: 'password' | false;
  /** Connections per request pool; default 2 (a request runs a transaction, or a statement or two). */
  max?: number;
  /**
   * Give up on opening a connection after this long (node-postgres `connectionTimeoutMillis`); default:
   * no limit. An edge request should fail with 503 rather than wait on a black-holed network.
   */
  connectTimeoutMs?: number;
}

export interface NeonServerlessDb extends Db {
  readonly driver: 'neon-serverless';
}

/**
 * e.g. `const db = openNeonServerless({connectionString: env.DATABASE_URL})` in a request handler. Connects
 * on the first statement. The proxy settings are module-wide in the driver (`neonConfig`); they are set
 * here from the options each time, which is harmless as long as one process uses one proxy.
 */
export function openNeonServerless(options: NeonServerlessOptions): NeonServerlessDb {
  if (options.webSocketConstructor !== undefined) neonConfig.webSocketConstructor = options.webSocketConstructor as typeof neonConfig.webSocketConstructor;
  if (options.wsProxy !== undefined) neonConfig.wsProxy = options.wsProxy;
  if (options.useSecureWebSocket !== undefined) neonConfig.useSecureWebSocket = options.useSecureWebSocket;
  if (options.pipelineConnect !== undefined) neonConfig.pipelineConnect = options.pipelineConnect;

  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.max ?? 2,
    ...(options.connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: options.connectTimeoutMs }),
  });
  // An idle client that errors (server restarted) makes the pool emit 'error'; unhandled it would throw.
  pool.on('error', () => {});

  const run = async <T>(statement: () => Promise<T>): Promise<T> => {
    try {
      return await statement();
    } catch (error) {
      throw asDbError(error);
    }
  };

  const session = (client: Pick<Pool, 'query'>): DbSession => ({
    query: <Row>(text: string, params: readonly DbValue[] = []) =>
      run(async () => (await client.query(text, params as unknown[])).rows as Row[]),
    exec: (script: string) => run(async () => void (await client.query(script))),
  });

  return {
    driver: 'neon-serverless',
    ...session(pool),
    async transaction(work) {
      const client = await run(() => pool.connect());
      let broken: unknown = null;
      try {
        await run(() => client.query('begin'));
        const result = await work(session(client));
        await run(() => client.query('commit'));
        return result;
      } catch (error) {
        broken = error;
        if (!isConnectionLoss(error) && errorCode(error, '') !== 'DB_UNAVAILABLE') await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        // A client whose connection failed is destroyed rather than returned to the pool.
        client.release(broken !== null && (isConnectionLoss(broken) || errorCode(broken, '') === 'DB_UNAVAILABLE'));
      }
    },
    close: () => pool.end(),
  };
}

// node-postgres reports a dropped connection as a plain Error without a code ("Connection terminated
// unexpectedly"), and a WebSocket that cannot open rejects with the WebSocket's error *event* (not an
// Error at all); both mean the database is unavailable for this request. Errors with a SQLSTATE pass
// through unchanged.
function asDbError(error: unknown): unknown {
  const code = errorCode(error, '');
  if (isConnectionLoss(error)) return dbUnavailable(`database unavailable: ${code}`, error);
  if (!(error instanceof Error)) {
    const inner = (error as { error?: unknown; message?: unknown } | null)?.error;
    const detail = inner instanceof Error ? `${errorCode(inner, '')} ${inner.message}`.trim() : String((error as { message?: unknown })?.message ?? error);
    return dbUnavailable(`database unavailable: WebSocket failed: ${detail}`, inner ?? error);
  }
  // Also node-postgres's connectionTimeoutMillis errors ("Connection terminated due to connection timeout",
  // "timeout exceeded when trying to connect").
  if (code === '' && /connect|terminated|websocket|socket|ECONN|timeout/i.test(error.message)) {
    return dbUnavailable(`database unavailable: ${error.message}`, error);
  }
  return error;
}
