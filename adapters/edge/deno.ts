// The Deno entry, also the Deno Deploy entry point: `deno run --allow-net --allow-env adapters/edge/deno.ts`.
// Settings come from the environment (config.ts), plus PORT (default 8000) and HOST (default 0.0.0.0),
// which Deno Deploy ignores. The database is a Neon serverless Pool per request, closed before the
// response is handed back (Deno has no waitUntil), as on Workers.
import { buildApp } from './app.ts';
import { neonOpener, resolveEdgeConfig } from './config.ts';
import { VERSION } from './version.ts';

const config = resolveEdgeConfig(Deno.env.toObject());
const app = buildApp({ version: VERSION, maxBodyBytes: config.maxBodyBytes, bodyTimeoutMs: config.bodyTimeoutMs, apiToken: config.apiToken, openDb: neonOpener(config) });

const server = Deno.serve(
  {
    port: Number(Deno.env.get('PORT') ?? 8000),
    hostname: Deno.env.get('HOST') ?? '0.0.0.0',
    // One line a supervisor (or test/runtime/deno.ts) can wait for.
    onListen: ({ hostname, port }) => console.log(`midi-pipeline listening on http://${hostname}:${port}`),
  },
  app.fetch,
);

// Finish requests in flight on SIGTERM/SIGINT; Deno Deploy manages the process itself and has no signals.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  try {
    Deno.addSignalListener(signal, () => void server.shutdown());
  } catch {
    // not available on this platform
  }
}
