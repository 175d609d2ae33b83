// `GET /health`: the app answers, its version, and whether the database answers a `select 1` in time.
import { ANALYZER_VERSION } from '../../../core/analysis/analyze.ts';
import type { EdgeAppOptions, RequestDb } from '../app-env.ts';
import { ref } from '../openapi/schemas.ts';
import { hasDb } from '../request-db.ts';
import type { RouteSpec } from './route-spec.ts';

/** A health check must answer even when the database hangs (a black-holed network never refuses). */
export const DB_PROBE_TIMEOUT_MS = 3000;

export function healthRoute(options: EdgeAppOptions): RouteSpec {
  return {
    method: 'get',
    path: '/health',
    usesDb: true,
    operation: {
      operationId: 'health',
      summary: 'Liveness, version and database reachability',
      responses: { '200': { description: '`db` is "none" when the server has no database', content: { 'application/json': { schema: ref('Health') } } } },
    },
    async handler(c) {
      const db = hasDb(options) ? await probe(c.var.db) : 'none';
      c.header('Cache-Control', 'no-store');
      return c.json({ ok: true, version: options.version, analyzerVersion: ANALYZER_VERSION, db });
    },
  };
}

async function probe(openDb: RequestDb): Promise<'up' | 'down'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'down'>((resolve) => (timer = setTimeout(() => resolve('down'), DB_PROBE_TIMEOUT_MS)));
  const check = (async () => {
    const db = await openDb();
    await db.query('select 1', [], { idempotent: true });
    return 'up' as const;
  })().catch(() => 'down' as const);
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
