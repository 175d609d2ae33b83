// Starts adapters/edge/worker.ts in workerd through wrangler's `unstable_startWorker` (the same bundle
// and runtime as `wrangler dev`), on loopback, with the given variables as the Worker's bindings.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/mido.ts';
import type { RunningRuntime } from './runtime.ts';

export async function startWorkerd(vars: Record<string, string>): Promise<RunningRuntime> {
  // wrangler writes its config and logs under ~/.config unless told otherwise (design.md, "Pitfalls").
  const configHome = join(projectRoot, '.wrangler', 'config');
  mkdirSync(configHome, { recursive: true });
  process.env.XDG_CONFIG_HOME ??= configHome;
  process.env.WRANGLER_SEND_METRICS = 'false';
  // Miniflare otherwise fetches a sample `Request.cf` object from Cloudflare: no traffic off this machine.
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
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
