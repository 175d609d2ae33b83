// One `midi-pipeline run` as a real child process (bin/midi-pipeline.js), watched: a run that does not exit
// within its time limit is killed and counted as hung, and an exit is judged by the contract's rules
// (0 done; 1 could not finish, with a one-line "midi-pipeline run: CODE: message" and no stack trace).
import type { ChildProcess } from 'node:child_process';
import { spawnCli } from '../pipeline/helpers.ts';

export interface RunnerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  /** Killed by the watchdog after the time limit. */
  hung: boolean;
  /** Killed on purpose by a scenario (kill -9). */
  killed: boolean;
  stdout: string;
  stderr: string;
}

export interface Runner {
  child: ChildProcess;
  exit: Promise<RunnerExit>;
  /** kill -9 on purpose; false when it had already exited. */
  kill(): boolean;
  running(): boolean;
}

export function startRunner(args: string[], options: { env?: Record<string, string>; timeoutMs: number }): Runner {
  const started = performance.now();
  const child = spawnCli(args, { env: options.env });
  let stdout = '';
  let stderr = '';
  let hung = false;
  let killed = false;
  let exited = false;
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const watchdog = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const exit = new Promise<RunnerExit>((resolve) =>
    child.on('close', (code, signal) => {
      exited = true;
      clearTimeout(watchdog);
      resolve({ code, signal, ms: performance.now() - started, hung, killed, stdout, stderr });
    }),
  );
  return {
    child,
    exit,
    running: () => !exited && child.exitCode === null && child.signalCode === null,
    kill: () => {
      if (exited || child.exitCode !== null || child.signalCode !== null) return false;
      killed = true;
      return child.kill('SIGKILL');
    },
  };
}

// A clear failure is the CLI's own last word: "midi-pipeline run: DB_UNAVAILABLE: database unavailable ...".
const CLEAR_FAILURE = /^midi-pipeline [a-z]+: [A-Z][A-Z0-9_]+: \S.*$/m;
// A V8 stack frame ("    at connect (file:///...:12:5)") means an error escaped the CLI's handling.
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** Why this exit breaks the contract, or null when it keeps it (a kill on purpose always does). */
export function exitProblem(exit: RunnerExit): string | null {
  if (exit.hung) return `hung: no exit after ${(exit.ms / 1000).toFixed(0)} s`;
  if (exit.killed) return null;
  if (STACK_FRAME.test(exit.stderr) || STACK_FRAME.test(exit.stdout)) return `stack trace in the output (exit ${exit.code}): ${tail(exit.stderr)}`;
  if (exit.code === 0) return null;
  if (exit.code === 1) return CLEAR_FAILURE.test(exit.stderr) ? null : `exit 1 without a clear message: ${tail(exit.stderr)}`;
  return `exit ${exit.code ?? exit.signal}: ${tail(exit.stderr)}`;
}

/** The failure message of an exit 1 ("DB_UNAVAILABLE: database unavailable ..."), for the report. */
export function failureMessage(exit: RunnerExit): string | null {
  const line = exit.stderr.match(CLEAR_FAILURE)?.[0];
  return line ? line.replace(/^midi-pipeline [a-z]+: /, '') : null;
}

/** How the exit is shown in the table: "0", "1", "kill", "hung", or the odd code or signal. */
export function exitLabel(exit: RunnerExit): string {
  if (exit.hung) return 'hung';
  if (exit.killed) return 'kill';
  return String(exit.code ?? exit.signal);
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-6).join(' | ').slice(0, 600);
}
