// A folder of everything that goes wrong on real disks, imported with `run` as a real process: each case
// becomes a recorded result or an error code and the run goes on. Expected counts come from how the folder
// is built below. When the suite runs as root, the CLI runs as `nobody` (setpriv) so that a file without
// read permission is unreadable to it.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { WritableEvent } from '../../core/midi/events.ts';
import { writeMidi } from '../../core/midi/write.ts';
import type { RunSummary } from '../../core/pipeline/summary.ts';
import { finished, spawnCli, summaryFromStdout, tempFolder } from '../pipeline/helpers.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { projectRoot } from '../support/mido.ts';

const example = (name: string) => join(projectRoot, 'examples', name);

/** Two bars, notes on every track but the first, each track named as given. */
function hostileTracks(names: (string | Uint8Array)[]): Uint8Array {
  const tracks = names.map((name, t) => {
    const bytes = typeof name === 'string' ? new TextEncoder().encode(name) : name;
    const events: WritableEvent[] = [{ tick: 0, status: 0xff, data1: 0x03, data2: 0, payload: bytes }];
    if (t > 0) for (let i = 0; i < 4; i++) events.push({ tick: i * 480, status: 0x90, data1: 60 + t, data2: 90 }, { tick: i * 480 + 400, status: 0x80, data1: 60 + t, data2: 64 });
    return { events };
  });
  return writeMidi({ format: 1, ppq: 480, tracks });
}

const root = tempFolder('bad-input');
const input = join(root.path, 'input');
const out = join(root.path, 'out');
let database: TestDatabase;
let summary: RunSummary;
let stderr = '';

beforeAll(async () => {
  mkdirSync(join(input, 'good'), { recursive: true });
  copyFileSync(example('c-major-scale.mid'), join(input, 'good', 'scale.mid'));
  copyFileSync(example('waltz-a-minor-multitrack.mid'), join(input, 'good', 'waltz.mid'));
  writeFileSync(join(input, 'empty.mid'), new Uint8Array(0));
  writeFileSync(join(input, 'html.mid'), '<!DOCTYPE html><html><body>404 Not Found</body></html>');
  writeFileSync(join(input, 'truncated.mid'), readFileSync(example('waltz-a-minor-multitrack.mid')).subarray(0, 10));
  // one byte over the default --max-file-size of 64 MiB, sparse: no 64 MiB written to disk
  writeFileSync(join(input, 'huge.mid'), 'MThd');
  truncateSync(join(input, 'huge.mid'), 64 * 1024 * 1024 + 1);
  execFileSync('mkfifo', [join(input, 'fifo.mid')]);
  symlinkSync(join(input, 'nowhere.mid'), join(input, 'dangling.mid'));
  symlinkSync('.', join(input, 'loop'));
  mkdirSync(join(input, 'sub'));
  symlinkSync('..', join(input, 'sub', 'back'));
  symlinkSync(join(input, 'good', 'scale.mid'), join(input, 'link.mid'));
  copyFileSync(example('drum-loop.mid'), join(input, 'line\nbreak.mid'));
  copyFileSync(example('c-major-scale.mid'), join(input, `${'long-'.repeat(49)}.mid`));
  copyFileSync(example('drum-loop.mid'), join(input, `sp ace 'quote" ü.mid`));
  writeFileSync(Buffer.concat([Buffer.from(`${input}/caf`), Buffer.from([0xe9]), Buffer.from('.mid')]), readFileSync(example('drum-loop.mid')));
  mkdirSync(join(input, 'dir.mid'));
  writeFileSync(join(input, 'dir.mid', 'inner.mid'), 'MThd\x00');
  writeFileSync(join(input, 'hostile-tracks.mid'), hostileTracks(['Conductor', '../../escape\nname', 'x'.repeat(300), Uint8Array.of(0xff, 0xfe, 0x00, 0x62, 0x61, 0x64), '/etc/passwd', '..']));
  writeFileSync(join(input, 'secret.mid'), readFileSync(example('c-major-scale.mid')).subarray(0, 50));
  chmodSync(join(input, 'secret.mid'), 0o000);
  // readable (and the output folder writable) by the user the CLI runs as
  for (const dir of [root.path, input, join(input, 'good'), join(input, 'sub'), join(input, 'dir.mid')]) chmodSync(dir, 0o755);
  mkdirSync(out, { mode: 0o777 });
  chmodSync(out, 0o777);

  database = await createTestDatabase('cli_bad_input');
  const result = await finished(spawnCli(['run', input, '--database-url', database.url, '--out', out, '--json', '--workers', '2'], { cwd: root.path, asNobody: true }));
  stderr = result.stderr;
  expect(result.code, result.stderr).toBe(0);
  summary = summaryFromStdout(result.stdout);
}, 120_000);

afterAll(async () => {
  await database?.drop();
  root.remove();
});

test('every bad case is a recorded result or error code; the good files are imported', () => {
  // 16 paths: 11 read (8 distinct contents, 3 duplicates: link, long name, odd characters), 5 unreadable
  expect(summary).toMatchObject({ status: 'done', filesSeen: 16, newFiles: 8, duplicates: 3 });
  expect(summary.counts.import).toMatchObject({ seen: 16, read: 11, unreadable: 5 });
  expect(summary.invalid).toEqual({
    MIDI_EMPTY: 1,
    MIDI_NOT_SMF: 1,
    MIDI_BAD_HEADER: 2,
    FILE_TOO_LARGE: 1,
    // the FIFO, the dangling link, the name that is not UTF-8, the file without read permission
    FILE_UNREADABLE: 4,
  });
  // no stack traces for users; the skipped paths are listed, quoted, one per line
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).toContain(`skipped ${JSON.stringify(join(input, 'fifo.mid'))}: FILE_UNREADABLE`);
});

test('odd paths are stored as they are', async () => {
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const paths = (await sql`select path from file_paths`).map((r) => r.path as string);
    expect(paths).toContain(join(input, 'line\nbreak.mid'));
    expect(paths).toContain(join(input, `sp ace 'quote" ü.mid`));
    expect(paths).toContain(join(input, `${'long-'.repeat(49)}.mid`));
    expect(paths).toContain(join(input, 'dir.mid', 'inner.mid'));
  } finally {
    await sql.end({ timeout: 5 });
  }
});

test('hostile track names: every child lands inside --out, named from the parent stem and track', () => {
  // the waltz (3 instrument tracks) and hostile-tracks.mid (5 tracks with notes)
  expect(summary.split).toEqual({ parents: 2, children: 8 });
  const files = readdirSync(out, { recursive: true }).map(String).filter((p) => p.endsWith('.mid'));
  const hostile = files.filter((f) => f.includes('/hostile-tracks-')).map((f) => f.replace(/-[0-9a-f]{10}-/, '-HASH-').slice(3)).sort();
  expect(hostile).toEqual([
    'hostile-tracks-HASH-t01-escape_name.mid',
    `hostile-tracks-HASH-t02-${'x'.repeat(40)}.mid`,
    expect.stringMatching(/^hostile-tracks-HASH-t03-[\p{L}]*bad\.mid$/u),
    'hostile-tracks-HASH-t04-etc_passwd.mid',
    'hostile-tracks-HASH-t05.mid',
  ]);
  // nothing written next to the input or the output folder
  expect(readdirSync(root.path).sort()).toEqual(['input', 'out']);
  expect(readdirSync(out).filter((f) => !/^[0-9a-f]{2}$/.test(f))).toEqual(['.partial']);
});
