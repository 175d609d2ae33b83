// Helpers for the pipeline and CLI suites: the CLI in-process (cli.ts run() with captured output) and as a
// real process (bin/midi-pipeline.js, for kill -9 and concurrency), the corpus manifest, and fresh folders.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { run } from '../../adapters/local/cli.ts';
import { openPostgresJs, type PostgresJsDb } from '../../adapters/local/db/postgres-js.ts';
import { memoryIo } from '../../adapters/local/io.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import type { SourceEntry } from '../../core/pipeline/file-source.ts';
import type { RunSummary } from '../../core/pipeline/summary.ts';
import { createTestDatabase, cuttingReplies, startFaultProxy, type TestDatabase, withPort } from '../support/db.ts';
import { corpusDir, projectRoot } from '../support/mido.ts';

export interface CliResult {
  code: number;
  lines: string[];
  errors: string;
  /** The last stdout line parsed as JSON (the --json summary), or null. */
  json: unknown;
}

/** Runs `midi-pipeline ...argv` in this process, e.g. `await cli(['run', 'examples', '--json'], {cwd})`. */
export async function cli(argv: string[], options: { cwd?: string; env?: Record<string, string | undefined>; tty?: boolean } = {}): Promise<CliResult> {
  const io = memoryIo(options.env ?? {}, options.cwd ?? projectRoot);
  io.errIsTty = options.tty ?? false;
  const code = await run(argv, io);
  const last = io.lines[io.lines.length - 1];
  let json: unknown = null;
  try {
    json = last === undefined ? null : JSON.parse(last);
  } catch {
    json = null;
  }
  return { code, lines: io.lines, errors: io.errors, json };
}

/** The `--json` summary: the last line a CLI process printed on stdout. */
export function summaryFromStdout(stdout: string): RunSummary {
  return JSON.parse(stdout.trim().split('\n').pop()!) as RunSummary;
}

export function summaryOf(result: CliResult): RunSummary {
  if (!result.json) throw new Error(`no JSON summary (exit ${result.code}):\n${result.lines.join('\n')}\n${result.errors}`);
  return result.json as RunSummary;
}

export const BIN = join(projectRoot, 'bin', 'midi-pipeline.js');

/**
 * `node bin/midi-pipeline.js ...argv` as a child process with piped output. `asNobody`: when the suite runs
 * as root (where file permissions do not bind), as user `nobody` instead (setpriv execs: the same pid),
 * with HOME at the working folder.
 */
export function spawnCli(argv: string[], options: { cwd?: string; env?: Record<string, string | undefined>; asNobody?: boolean } = {}): ChildProcess {
  const cwd = options.cwd ?? projectRoot;
  const env = { ...process.env, ...options.env };
  if (options.asNobody && process.getuid?.() === 0) {
    return spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...argv], { cwd, env: { ...env, HOME: cwd }, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  return spawn(process.execPath, [BIN, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Waits for a child to exit and returns its code and output. */
export function finished(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempFolder(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `mp-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Three of examples/ copied into `folder`, drum-loop.mid twice (once under copy/): 3 contents at 4 paths. */
export function copyExamplesWithADuplicate(folder: string): void {
  for (const name of ['c-major-scale.mid', 'drum-loop.mid', 'waltz-a-minor-multitrack.mid']) copyFileSync(join(projectRoot, 'examples', name), join(folder, name));
  mkdirSync(join(folder, 'copy'));
  copyFileSync(join(projectRoot, 'examples', 'drum-loop.mid'), join(folder, 'copy', 'drum-loop.mid'));
}

export interface ManifestRow {
  path: string;
  size: number;
  sha256: string;
}

/** MANIFEST.tsv of the shared corpus: one row per file (the corpus holds one copy per distinct content). */
export function corpusManifest(): ManifestRow[] {
  const lines = readFileSync(join(corpusDir(), 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [path, size, sha256] = line.split('\t');
      return { path: path!, size: Number(size), sha256: sha256! };
    });
}

/**
 * `import` of `folder` into a fresh embedded database, in process, through the local file source, with
 * `onEntry` called as the walk yields each entry (before the pipeline sees it): how the suites delete
 * files and folders mid-walk for real. Returns the summary and the paths reported unreadable.
 */
export async function importWhileWalking(folder: string, label: string, onEntry: (entry: SourceEntry) => void): Promise<{ summary: RunSummary; reported: [string, ErrorInfo][] }> {
  // Loaded here, not at the top: most suites that use these helpers never open an embedded database.
  const [{ openPglite }, { localFileSource }, { nodeHasher }, { localLeaseIdentity }, { ANALYZER_VERSION }, { systemClock }, { inlineAnalyzer }, { silentProgress }, { runPipeline }] = await Promise.all([
    import('../../adapters/local/db/pglite.ts'),
    import('../../adapters/local/file-source.ts'),
    import('../../adapters/local/hasher.ts'),
    import('../../adapters/local/lease-identity.ts'),
    import('../../core/analysis/analyze.ts'),
    import('../../core/pipeline/clock.ts'),
    import('../../core/pipeline/inline-analyzer.ts'),
    import('../../core/pipeline/progress.ts'),
    import('../../core/pipeline/run-pipeline.ts'),
  ]);
  const local = localFileSource(folder);
  const source = {
    async *walk(roots: string[]) {
      for await (const entry of local.walk(roots)) {
        onEntry(entry);
        yield entry;
      }
    },
    read: local.read,
  };
  const db = await openPglite();
  const reported: [string, ErrorInfo][] = [];
  try {
    await migrate(db);
    const summary = await runPipeline(
      { db, source, hasher: nodeHasher, analyzer: inlineAnalyzer(nodeHasher), progress: silentProgress, clock: systemClock, lease: localLeaseIdentity(label), onUnreadable: (path, error) => reported.push([path, error]) },
      { command: 'import', roots: ['.'], batchSize: 10, maxFileSize: 1 << 20, analyzerVersion: ANALYZER_VERSION },
    );
    return { summary, reported };
  } finally {
    await db.close();
  }
}

/**
 * A fresh, migrated database behind a fault proxy, for losing a statement's reply after it committed: the
 * pool (lazy, unvalidated, quick retries), `cutter` over it (its `db` is the one to run the phase on), a
 * direct connection to `check` what landed, and `close()` for all of it.
 */
export async function databaseLosingReplies(label: string): Promise<{
  database: TestDatabase;
  check: postgres.Sql;
  pool: PostgresJsDb;
  cutter: ReturnType<typeof cuttingReplies>;
  close(): Promise<void>;
}> {
  const database = await createTestDatabase(label);
  const check = postgres(database.url, { max: 1, onnotice: () => {} });
  const proxy = await startFaultProxy();
  const pool = await openPostgresJs({ url: withPort(database.url, proxy.port), workers: 1, env: {}, preset: 'lazy', options: { validate: false }, retryDelay: { baseMs: 10, maxMs: 50 } });
  await migrate(pool);
  return {
    database,
    check,
    pool,
    cutter: cuttingReplies(pool, proxy),
    close: async () => {
      await pool.close();
      proxy.close();
      await check.end({ timeout: 5 });
      await database.drop();
    },
  };
}
