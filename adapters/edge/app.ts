// The HTTP API as one Hono app built from its dependencies (app-env.ts): the same app runs on Cloudflare
// Workers (worker.ts), Deno (deno.ts) and Node (node.ts); the entries only wire it to their runtime.
//
//   const app = buildApp({version: '0.1.0', maxBodyBytes: 16 << 20, openDb: () => openNeonServerless({...})});
//   export default app; // or Deno.serve(app.fetch), or serve({fetch: app.fetch}) on Node
import { Hono } from 'hono';
import type { AppEnv, EdgeAppOptions } from './app-env.ts';
import { errorResponse, httpError, toHttpError } from './http-errors.ts';
import { openApiDocument } from './openapi/document.ts';
import { requestDb } from './request-db.ts';
import { analyzeRoute } from './routes/analyze.ts';
import { fileRelationsRoute } from './routes/file-relations.ts';
import { fileRollRoute } from './routes/file-roll.ts';
import { fileRoute, filesRoute } from './routes/files.ts';
import { healthRoute } from './routes/health.ts';
import { openApiRoute } from './routes/openapi.ts';
import type { RouteSpec } from './routes/route-spec.ts';
import { splitRoute } from './routes/split.ts';
import { webAssetRoute, webPageRoute } from './routes/web.ts';

/** The default body limit of the contract: 16 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export type EdgeApp = Hono<AppEnv>;

/** The route specs of the API, in the order the document lists them. */
export function apiRoutes(options: EdgeAppOptions): RouteSpec[] {
  const routes = [
    healthRoute(options),
    analyzeRoute(options),
    splitRoute(options),
    fileRoute(),
    fileRelationsRoute(),
    fileRollRoute(options),
    filesRoute(),
    webPageRoute(),
    webAssetRoute(),
  ];
  let document: Record<string, unknown> | null = null;
  routes.push(
    openApiRoute(() => (document ??= openApiDocument(routes, { version: options.version, maxBodyBytes: options.maxBodyBytes, tokenRequired: !!options.apiToken }))),
  );
  return routes;
}

export function buildApp(options: EdgeAppOptions): EdgeApp {
  const app = new Hono<AppEnv>();
  const routes = apiRoutes(options);
  const withDb = requestDb(options);
  // Registered only from the specs, so every route served is in /openapi.json (test/edge/openapi.test.ts).
  for (const route of routes) {
    if (route.usesDb) app.on(route.method.toUpperCase(), route.path, withDb, route.handler);
    else app.on(route.method.toUpperCase(), route.path, route.handler);
  }

  app.notFound((c) => {
    const allowed = routes.filter((r) => pathPattern(r.path).test(c.req.path)).map((r) => r.method.toUpperCase());
    if (allowed.length === 0) return errorResponse(c, httpError('NOT_FOUND', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`));
    c.header('Allow', [...new Set([...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])])].join(', '));
    return errorResponse(c, httpError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}`));
  });

  const logError = options.logError ?? ((error: unknown, request: Request) => console.error(`${request.method} ${request.url}:`, error));
  app.onError((error, c) => {
    if (toHttpError(error).internal) logError(error, c.req.raw);
    return errorResponse(c, error);
  });
  return app;
}

// "/files/:sha256" -> /^\/files\/[^/]+$/, to tell a wrong method (405) from an unknown path (404).
function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}
