// Starts adapters/edge/deno.ts under the deno binary of the `deno` npm package, on a free loopback port.
import { join } from 'node:path';
import { projectRoot } from '../support/mido.ts';
import type { RunningRuntime } from './runtime.ts';
import { spawnServer } from './spawn-server.ts';

export function startDeno(vars: Record<string, string>): Promise<RunningRuntime> {
  const deno = join(projectRoot, 'node_modules', '.bin', 'deno');
  // Net only to loopback (the app and the WebSocket proxy); env is read whole by config.ts.
  const args = ['run', '--allow-net=127.0.0.1', '--allow-env', join(projectRoot, 'adapters', 'edge', 'deno.ts')];
  return spawnServer('deno', deno, args, { ...vars, PORT: '0', HOST: '127.0.0.1', DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }, projectRoot);
}
