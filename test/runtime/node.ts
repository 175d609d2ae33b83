// Starts adapters/edge/node.ts in its own Node process (as `midi-pipeline serve` would), on a free port.
import { join } from 'node:path';
import { projectRoot } from '../support/mido.ts';
import type { RunningRuntime } from './runtime.ts';
import { spawnServer } from './spawn-server.ts';

export function startNode(vars: Record<string, string>): Promise<RunningRuntime> {
  const entry = join(projectRoot, 'adapters', 'edge', 'node.ts');
  return spawnServer('node', process.execPath, ['--import', 'tsx', entry], { ...vars, PORT: '0', HOST: '127.0.0.1' }, projectRoot);
}
