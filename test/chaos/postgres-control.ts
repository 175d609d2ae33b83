// Stopping and starting the local PostgreSQL cluster for the "server restarted mid-run" scenario. Other
// work shares the server, so a stop happens only while holding /tmp/midi-pg-stop.lock (flock), and the
// cluster is started again whatever happens: in a finally, and on exit or a signal if this process dies
// while the server is down.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

const PG_STOP_LOCK = '/tmp/midi-pg-stop.lock';
const CLUSTER = ['15', 'main'];

let stopped = false;
let guarded = false;

function pgctl(action: 'stop' | 'start'): void {
  // --skip-systemctl-redirect: act on the cluster directly (no systemd here); stop's default mode is fast.
  const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', ...CLUSTER, action], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`pg_ctlcluster ${action} failed (${result.status}): ${result.stderr || result.error?.message}`);
}

/** Starts the cluster again if this process stopped it (idempotent; safe to call from exit handlers). */
function ensurePostgresStarted(): void {
  if (!stopped) return;
  try {
    pgctl('start');
    stopped = false;
  } catch (error) {
    process.stderr.write(`chaos: could not start PostgreSQL again, start it by hand: pg_ctlcluster ${CLUSTER.join(' ')} start (${(error as Error).message})\n`);
  }
}

function guardOnce(): void {
  if (guarded) return;
  guarded = true;
  process.on('exit', ensurePostgresStarted);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      ensurePostgresStarted();
      process.exit(130);
    });
  }
}

/** Holds the stop lock: resolves once `flock` has it; `release()` lets it go. The lock dies with this process. */
export async function holdStopLock(timeoutMs: number): Promise<{ release(): void }> {
  // flock keeps the lock while `cat` runs; cat ends when its stdin closes (release, or this process dying).
  const holder: ChildProcess = spawn('flock', ['-w', String(Math.ceil(timeoutMs / 1000)), PG_STOP_LOCK, '-c', 'echo locked; exec cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    holder.on('exit', (code) => reject(new Error(`could not take ${PG_STOP_LOCK} within ${timeoutMs / 1000} s (flock exit ${code})`)));
  });
  return { release: () => holder.stdin!.end() };
}

/**
 * Stops the cluster, waits `downMs`, starts it again; returns how long it was down. The caller holds the
 * stop lock.
 */
export async function stopAndStartPostgres(downMs: number): Promise<number> {
  guardOnce();
  const started = performance.now();
  stopped = true;
  try {
    pgctl('stop');
    await new Promise((resolve) => setTimeout(resolve, downMs));
  } finally {
    ensurePostgresStarted();
  }
  return performance.now() - started;
}
