// Filesystem abuse for the CLI (issue 7), beyond bad-input.test.ts: symbolic links that loop on
// themselves or point at devices, a folder the runner may not open, a path longer than PATH_MAX, a
// folder whose name is not UTF-8, names that look like options or shell, files vanishing while a real
// import reads them, a folder vanishing mid-walk. Each must be a recorded error while the run goes on,
// and nothing may be written outside --out (traps planted in --out itself: out-traps.test.ts). As root
// the CLI runs as `nobody` (setpriv), so permissions apply to it.
import { type ChildProcess, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunSummary } from '../../core/pipeline/summary.ts';
import { createRandom } from '../fuzz/random.ts';
import { finished, importWhileWalking, spawnCli, summaryFromStdout, tempFolder } from '../pipeline/helpers.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { projectRoot } from '../support/mido.ts';

const example = (name: string) => join(projectRoot, 'examples', name);

/** `midi-pipeline ...args` as a real process, as `nobody` when the suite runs as root. */
function startCli(args: string[], cwd: string): ChildProcess {
  return spawnCli(args, { cwd, asNobody: true });
}

function runCli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return finished(startCli(args, cwd));
}

function readlinkOr(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/** Folders the CLI (maybe `nobody`) must read or write. */
function openUp(...dirs: string[]): void {
  for (const dir of dirs) chmodSync(dir, 0o777);
}

describe('a tree of hostile entries, imported with `run` as a real process', () => {
  const root = tempFolder('fs-abuse');
  const input = join(root.path, 'input');
  const out = join(root.path, 'out');
  const longName = 'd'.repeat(200);
  let database: TestDatabase;
  let result: { code: number | null; stdout: string; stderr: string };
  let summary: RunSummary;

  beforeAll(async () => {
    mkdirSync(input);
    mkdirSync(out);
    copyFileSync(example('c-major-scale.mid'), join(input, 'good.mid'));
    symlinkSync('selfloop.mid', join(input, 'selfloop.mid')); // a link to itself
    symlinkSync('pong.mid', join(input, 'ping.mid')); // two links to each other
    symlinkSync('ping.mid', join(input, 'pong.mid'));
    symlinkSync('/dev/zero', join(input, 'zero.mid')); // endless devices: never read, never block
    symlinkSync('/dev/urandom', join(input, 'random.mid'));
    mkdirSync(join(input, 'locked'));
    copyFileSync(example('drum-loop.mid'), join(input, 'locked', 'inside.mid'));
    const notUtf8 = Buffer.concat([Buffer.from(`${input}/folder-`), Buffer.from([0xff, 0xfe])]);
    mkdirSync(notUtf8);
    writeFileSync(Buffer.concat([notUtf8, Buffer.from('/inside.mid')]), readFileSync(example('drum-loop.mid')));
    // A folder whose name really holds U+FFFD (valid UTF-8 bytes EF BF BD): an ordinary folder.
    mkdirSync(join(input, 'real-\uFFFD'));
    copyFileSync(example('drum-loop.mid'), join(input, 'real-\uFFFD', 'inside.mid'));
    // names that look like options, shell, or path parts
    for (const name of ['-rf.mid', '--help.mid', '..mid', '...mid', ' .mid', 'tab\there.mid', 'cr\r.mid', '$(touch pwned).mid', '`touch pwned`.mid', '*.mid']) {
      copyFileSync(example('drum-loop.mid'), join(input, name));
    }
    // 22 folders of 200 bytes: the file is 4.4 KB deep, past PATH_MAX (4096). No call may name such a
    // path, so two halves of 11 are made apart and the second moved under the first.
    const half = Array(11).fill(longName);
    const upper = join(input, 'deep', ...half);
    const lower = join(root.path, 'lower', ...half);
    mkdirSync(upper, { recursive: true });
    mkdirSync(lower, { recursive: true });
    copyFileSync(example('c-major-scale.mid'), join(lower, 'deep.mid'));
    renameSync(join(root.path, 'lower', longName), join(upper, longName));
    rmSync(join(root.path, 'lower'), { recursive: true });
    execFileSync('chmod', ['-R', 'a+rX', input]);
    chmodSync(join(input, 'locked'), 0o000);
    openUp(root.path, out);

    database = await createTestDatabase('cli_fs_abuse');
    result = await runCli(['run', input, '--database-url', database.url, '--out', out, '--json', '--workers', '2'], root.path);
    summary = summaryFromStdout(result.stdout);
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
    chmodSync(join(input, 'locked'), 0o755);
    execFileSync('rm', ['-rf', root.path]); // GNU rm walks relative to each folder: the deep path is no obstacle
  });

  test('each hostile entry is one FILE_UNREADABLE with its reason; the run finishes with exit 0', () => {
    expect(result.code, result.stderr).toBe(0);
    const skipped = (path: string) => new RegExp(`skipped ${JSON.stringify(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: FILE_UNREADABLE: (.*)`).exec(result.stderr)?.[1];
    expect(skipped(join(input, 'selfloop.mid'))).toBe('symbolic link loop');
    expect(skipped(join(input, 'ping.mid'))).toBe('symbolic link loop');
    expect(skipped(join(input, 'pong.mid'))).toBe('symbolic link loop');
    expect(skipped(join(input, 'zero.mid'))).toBe('a device or special file, not a regular file');
    expect(skipped(join(input, 'random.mid'))).toBe('a device or special file, not a regular file');
    expect(skipped(`${input}/folder-\uFFFD\uFFFD`)).toBe('folder name is not valid UTF-8');
    expect(result.stderr).toContain(': FILE_UNREADABLE: path too long for the system (PATH_MAX)');
    expect(skipped(join(input, 'locked'))).toBe('permission denied');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // 8 unreadable, then good.mid and 11 copies of one file (the 10 oddly named, the one in real-\uFFFD): 2 contents
    expect(summary).toMatchObject({ status: 'done', filesSeen: 20, newFiles: 2, duplicates: 10, invalid: { FILE_UNREADABLE: 8 } });
    expect(skipped(join(input, 'real-\uFFFD'))).toBeUndefined();
  });

  test('odd names are stored as they are, and nothing ran them', async () => {
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const paths = new Set((await sql`select path from file_paths`).map((r) => r.path as string));
      for (const name of ['-rf.mid', '--help.mid', '..mid', '...mid', ' .mid', 'tab\there.mid', 'cr\r.mid', '$(touch pwned).mid', '`touch pwned`.mid', '*.mid']) expect(paths.has(join(input, name)), name).toBe(true);
    } finally {
      await sql.end({ timeout: 5 });
    }
    expect(existsSync(join(root.path, 'pwned'))).toBe(false);
    expect(existsSync(join(input, 'pwned'))).toBe(false);
  });

  test('nothing written outside --out', () => {
    expect(readdirSync(root.path).sort()).toEqual(['input', 'out']);
    expect(readdirSync(out)).toEqual(['.partial']); // no multi-track file here: split made nothing
  });
});

describe('files vanishing while a real import reads them', () => {
  const root = tempFolder('fs-vanish');
  afterAll(() => root.remove());

  test('every file is imported or recorded FILE_UNREADABLE (vanished); the run finishes with exit 0', async () => {
    const input = join(root.path, 'input');
    const data = join(root.path, 'data');
    mkdirSync(input);
    mkdirSync(data);
    const bytes = readFileSync(example('c-major-scale.mid'));
    const count = 2000;
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
      // distinct contents (the velocity of the last note-off) so that every file read is a new file
      const copy = Buffer.from(bytes);
      copy[copy.length - 5] = i % 128;
      copy[copy.length - 6] = 60 + Math.floor(i / 128);
      mkdirSync(join(input, `d${i % 20}`), { recursive: true });
      paths.push(join(input, `d${i % 20}`, `f${i}.mid`));
      writeFileSync(paths[i]!, copy);
    }
    openUp(root.path, data, input, ...readdirSync(input).map((d) => join(input, d)));
    const child = startCli(['import', input, '--data-dir', data, '--no-analyze', '--json', '--workers', '1', '--batch-size', '20'], root.path);
    const run = finished(child);
    let running = true;
    void run.finally(() => (running = false));
    // The walk has begun when the process holds a folder of the input open (Linux: /proc/<pid>/fd).
    const walking = () => {
      try {
        return readdirSync(`/proc/${child.pid}/fd`).some((fd) => readlinkOr(`/proc/${child.pid}/fd/${fd}`).startsWith(input));
      } catch {
        return false;
      }
    };
    while (running && !walking()) await new Promise((r) => setTimeout(r, 2));
    // Then a file is deleted every few milliseconds, in an order unrelated to the walk's, until the run
    // ends: some go before the walk finds them, some between the walk and the read, some after.
    const next = createRandom(5).next;
    const order = paths.map((p) => [next(), p] as const).sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    let deleted = 0;
    while (running && deleted < order.length) {
      rmSync(order[deleted++]!, { force: true });
      await new Promise((r) => setTimeout(r, 2));
    }
    const { code, stdout, stderr } = await run;
    expect(code, stderr).toBe(0);
    // Files did vanish while the run went on; otherwise the checks below check nothing.
    expect(deleted).toBeGreaterThan(0);
    const summary = summaryFromStdout(stdout);
    expect(summary.status).toBe('done');
    expect(stderr).not.toMatch(/\n\s+at /);
    const unreadable = summary.invalid.FILE_UNREADABLE ?? 0;
    // Each path the walk found was read (a new file: all contents differ) or recorded unreadable.
    expect(summary.newFiles + unreadable).toBe(summary.filesSeen);
    // The CLI lists the first 20 unreadable paths (pipeline-command.ts), then says how many more.
    const reasons = [...stderr.matchAll(/FILE_UNREADABLE: (.*)/g)].map((m) => m[1]);
    expect(reasons.length).toBe(Math.min(unreadable, 20));
    if (unreadable > 20) expect(stderr).toContain(`... and ${unreadable - 20} more unreadable paths`);
    for (const reason of reasons) expect(reason).toMatch(/vanished/);
    console.log(`vanishing files: ${count} files, ${deleted} deleted during the run, ${summary.filesSeen} found by the walk, ${summary.newFiles} imported, ${unreadable} vanished between walk and read`);
  }, 180_000);
});

test('a folder vanishing mid-walk is one FILE_UNREADABLE; the files walked before it are imported', async () => {
  const folder = tempFolder('fs-vanish-dir');
  try {
    // Only folders at the top: the walk pushes both, walks one, and the other is deleted meanwhile.
    for (const dir of ['a', 'b']) {
      mkdirSync(join(folder.path, dir));
      copyFileSync(example(dir === 'a' ? 'c-major-scale.mid' : 'drum-loop.mid'), join(folder.path, dir, `${dir}.mid`));
    }
    let removed = '';
    const { summary, reported } = await importWhileWalking(folder.path, 'vanish-dir', (entry) => {
      if (removed === '' && !entry.error) {
        removed = entry.path.includes('/a/') ? 'b' : 'a';
        rmSync(join(folder.path, removed), { recursive: true });
      }
    });
    expect(summary).toMatchObject({ status: 'done', filesSeen: 2, newFiles: 1, invalid: { FILE_UNREADABLE: 1 } });
    expect(reported).toEqual([[join(folder.path, removed), { code: 'FILE_UNREADABLE', message: 'vanished or broken symbolic link' }]]);
  } finally {
    folder.remove();
  }
});
