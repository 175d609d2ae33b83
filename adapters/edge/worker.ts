// The Cloudflare Workers entry (wrangler.toml `main`): builds the app from the Worker's bindings and serves
// it. The database is a Neon serverless Pool opened per request and closed with `ctx.waitUntil` after the
// response (request-db.ts): a Worker isolate must not keep sockets between requests.
import type { ExecutionContext } from 'hono';
import { buildApp, type EdgeApp } from './app.ts';
import { type EdgeEnv, neonOpener, resolveEdgeConfig } from './config.ts';
import { toHttpError } from './http-errors.ts';
import { VERSION } from './version.ts';

let built: { env: object; app: EdgeApp } | null = null;

// Bindings are fixed for a deployment, so the app is built once per isolate (again only if the runtime
// hands over a different env object).
function appFor(env: EdgeEnv): EdgeApp {
  if (built?.env !== env) {
    const config = resolveEdgeConfig(env);
    built = { env, app: buildApp({ version: VERSION, maxBodyBytes: config.maxBodyBytes, bodyTimeoutMs: config.bodyTimeoutMs, apiToken: config.apiToken, openDb: neonOpener(config) }) };
  }
  return built.app;
}

export default {
  fetch(request: Request, env: EdgeEnv, ctx: ExecutionContext): Response | Promise<Response> {
    let app: EdgeApp;
    try {
      app = appFor(env);
    } catch (error) {
      // A bad variable (CONFIG_INVALID) is the operator's to fix: say which, as JSON like every other error.
      console.error('midi-pipeline worker: invalid configuration:', error);
      const info = error instanceof Error && 'code' in error ? { code: String(error.code), message: error.message } : toHttpError(error).body.error;
      return Response.json({ error: info }, { status: 500 });
    }
    return app.fetch(request, env, ctx);
  },
};
