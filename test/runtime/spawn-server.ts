// Starts a server entry as a child process and waits for its "listening on http://..." line; `close()`
// sends SIGTERM to that process (by its pid), SIGKILL if it has not exited within five seconds, and
// returns its exit code (null when killed by a signal).
import { spawn } from 'node:child_process';
import type { RunningRuntime } from './runtime.ts';

export async function spawnServer(name: RunningRuntime['name'], command: string, args: string[], env: Record<string, string>, cwd: string): Promise<RunningRuntime> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[^\s)]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    name,
    url,
    ...(child.pid === undefined ? {} : { pid: child.pid }),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
