// Starts adapters/edge/worker.ts in workerd through wrangler's `unstable_startWorker` (the same bundle and
// runtime as `wrangler dev`), on loopback, with the given variables as the Worker's bindings.
//
// Served as wrangler dev serves it, with its dev middleware: that includes draining a request body the
// Worker left unread before the answer goes out (local workerd otherwise fails the next request on the
// connection with "Your worker restarted mid-request" after an early 413). The price: wrangler's bundler
// watches the sources and reloads the Worker when a bundled file changes, which only matters in a working
// tree being edited.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/mido.ts';
import type { RunningRuntime } from './runtime.ts';

/** Environment for wrangler: no writes to ~/.config, no metrics, no fetch of Cloudflare's `Request.cf`. */
export function wranglerEnv(): Record<string, string> {
  const configHome = join(projectRoot, '.wrangler', 'config');
  mkdirSync(configHome, { recursive: true });
  return { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME ?? configHome, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };
}

export async function startWorkerd(vars: Record<string, string>): Promise<RunningRuntime> {
  // Before wrangler is loaded: it reads XDG_CONFIG_HOME when its module initialises.
  Object.assign(process.env, wranglerEnv());
  const { unstable_startWorker } = await import('wrangler');
  const worker = await unstable_startWorker({
    config: join(projectRoot, 'wrangler.toml'),
    bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text' as const, value }])),
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false, logLevel: 'warn' },
  });
  try {
    await worker.ready;
    const url = await worker.url;
    return { name: 'workerd', url: url.origin, close: () => worker.dispose() };
  } catch (error) {
    await worker.dispose();
    throw error;
  }
}
