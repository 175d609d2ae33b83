// The request's database connection, for the routes that need one: opened on first use, closed when the
// request is done. On Workers the close runs after the response through `executionCtx.waitUntil` (the
// isolate stays alive for it); elsewhere the middleware awaits it before handing the response back, so a
// server never holds more than its requests in flight.
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../../core/db/port.ts';
import type { AppEnv, EdgeAppOptions } from './app-env.ts';
import { httpError } from './http-errors.ts';

/** Installs `c.var.db()`; a request that never calls it never opens a connection. */
export function requestDb(options: Pick<EdgeAppOptions, 'openDb'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let opening: Promise<Db> | null = null;
    c.set('db', () => {
      if (!options.openDb) return Promise.reject(httpError('DB_NOT_CONFIGURED', 'this server has no database (set DATABASE_URL)'));
      opening ??= Promise.resolve().then(options.openDb);
      return opening;
    });
    try {
      await next();
    } finally {
      if (opening !== null) await afterResponse(c, (opening as Promise<Db>).then((db) => db.close()).catch(() => {}));
    }
  };
}

/** Whether the app can reach a database at all (for routes that refuse early, before reading a body). */
export function hasDb(options: Pick<EdgeAppOptions, 'openDb'>): boolean {
  return typeof options.openDb === 'function';
}

/**
 * A view of a long-lived pool whose `close()` does nothing, for entries that share one pool between
 * requests (the Node server's default): the per-request lifecycle stays the same for the app.
 */
export function borrowDb(db: Db): Db {
  return {
    driver: db.driver,
    query: (text, params, options) => db.query(text, params, options),
    exec: (script) => db.exec(script),
    transaction: (work, options) => db.transaction(work, options),
    close: async () => {},
  };
}

// Hono's `executionCtx` getter throws where the runtime gave none (Node, Deno).
async function afterResponse(c: Context, task: Promise<void>): Promise<void> {
  let waitUntil: ((task: Promise<unknown>) => void) | null = null;
  try {
    const ctx = c.executionCtx;
    waitUntil = ctx.waitUntil.bind(ctx);
  } catch {
    waitUntil = null;
  }
  if (waitUntil) waitUntil(task);
  else await task;
}
