// Starts the app in a runtime by name, with the given variables (config.ts) as its environment.
import { startDeno } from './deno.ts';
import { startNode } from './node.ts';
import type { RunningRuntime } from './runtime.ts';
import { startWorkerd } from './workerd.ts';

export const RUNTIMES: readonly RunningRuntime['name'][] = ['workerd', 'deno', 'node'];

export function startRuntime(name: RunningRuntime['name'], vars: Record<string, string>): Promise<RunningRuntime> {
  if (name === 'workerd') return startWorkerd(vars);
  if (name === 'deno') return startDeno(vars);
  return startNode(vars);
}
