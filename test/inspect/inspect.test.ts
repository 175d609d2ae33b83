// `midi-pipeline inspect`: the contract's JSON lines, error codes and exit codes, on hand-built files whose
// facts are obvious (one quarter note at the default 120 BPM lasts 0.5 s), in process and as real
// processes under Node and Deno (which must print the same lines).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../adapters/local/cli.ts';
import { memoryIo } from '../../adapters/local/io.ts';
import { EOT, concat, header, track } from '../support/bytes.ts';
import { projectRoot } from '../support/mido.ts';

// C4 for one quarter note (96 ticks at 96 ppq), then End-of-Track: 1 note, 0.5 s at the default tempo.
const ONE_NOTE = concat(header(0, 1, 96), track('00 903c64 60 803c40' + EOT));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mp-inspect-'));
  mkdirSync(join(dir, 'tree', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'tree', 'one-note.mid'), ONE_NOTE);
  writeFileSync(join(dir, 'tree', 'deeper', 'copy.MID'), ONE_NOTE);
  writeFileSync(join(dir, 'tree', 'page.mid'), '<html>not midi</html>');
  writeFileSync(join(dir, 'tree', 'empty.mid'), '');
  writeFileSync(join(dir, 'tree', 'notes.txt'), 'not walked: no MIDI extension');
  symlinkSync(join(dir, 'tree'), join(dir, 'tree', 'deeper', 'loop'));
  spawnSync('mkfifo', [join(dir, 'tree', 'pipe.mid')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inspect(...args: string[]) {
  const io = memoryIo({}, dir);
  const code = await run(['inspect', ...args], io);
  return { code, lines: io.lines, errors: io.errors };
}

const byName = (lines: string[]) =>
  Object.fromEntries(lines.map((l) => JSON.parse(l)).map((r) => [r.path.slice(dir.length + 1), r]));

describe('inspect --json', () => {
  it('prints one line per MIDI-named file of a tree, with the analysis or the error code', async () => {
    const { code, lines } = await inspect('--json', 'tree');
    expect(code).toBe(0);
    const results = byName(lines);
    // The symlink loop leads back into tree/: each real directory is walked once.
    expect(Object.keys(results).sort()).toEqual(['tree/deeper/copy.MID', 'tree/empty.mid', 'tree/one-note.mid', 'tree/page.mid', 'tree/pipe.mid']);
    const one = results['tree/one-note.mid'];
    expect(one.ok).toBe(true);
    expect(one.analysis.noteCount).toBe(1);
    expect(one.analysis.durationSeconds).toBeCloseTo(0.5, 9);
    expect(one.analysis.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(results['tree/deeper/copy.MID'].analysis.sha256).toBe(one.analysis.sha256);
    expect(results['tree/page.mid']).toMatchObject({ ok: false, error: { code: 'MIDI_NOT_SMF' } });
    expect(results['tree/empty.mid']).toMatchObject({ ok: false, error: { code: 'MIDI_EMPTY' } });
    expect(results['tree/pipe.mid']).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
  });

  it('refuses files over --max-file-size without reading them', async () => {
    const { lines } = await inspect('--json', '--max-file-size', '10', 'tree/one-note.mid');
    expect(JSON.parse(lines[0])).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
  });

  it('adds the @tonejs/midi notes with --notes tone', async () => {
    const { lines } = await inspect('--json', '--notes', 'tone', 'tree/one-note.mid');
    const notes = JSON.parse(lines[0]).notes.tracks[0].notes;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ midi: 60, ticks: 0, durationTicks: 96 });
  });

  it('reads an explicitly named file whatever its extension', async () => {
    const { lines } = await inspect('--json', 'tree/notes.txt');
    expect(JSON.parse(lines[0])).toMatchObject({ ok: false, error: { code: 'MIDI_NOT_SMF' } });
  });
});

describe('inspect exit codes', () => {
  it('exits 0 when files are invalid, 1 with --strict', async () => {
    expect((await inspect('--json', 'tree/page.mid')).code).toBe(0);
    expect((await inspect('--json', '--strict', 'tree/page.mid')).code).toBe(1);
  });

  it('exits 1 when a named path does not exist, after reporting the others', async () => {
    const { code, lines } = await inspect('--json', 'missing.mid', 'tree/one-note.mid');
    expect(code).toBe(1);
    expect(lines.map((l) => JSON.parse(l).ok)).toEqual([false, true]);
    expect(JSON.parse(lines[0]).error.code).toBe('FILE_NOT_FOUND');
  });

  it.each([
    [[], 'no path'],
    [['--frobnicate', 'tree'], 'an unknown option'],
    [['--notes', 'midi-file', 'tree'], 'an unknown note model'],
    [['--max-file-size', 'lots', 'tree'], 'a size that is not one'],
  ])('exits 2 on usage errors: %j (%s)', async (args) => {
    const { code, errors, lines } = await inspect(...args);
    expect(code).toBe(2);
    expect(errors).toMatch(/^midi-pipeline inspect: /);
    expect(errors).not.toMatch(/\n\s+at /); // no stack trace
    expect(lines).toEqual([]);
  });
});

describe('inspect as a process', () => {
  const files = ['tree/one-note.mid', 'tree/page.mid', 'tree/empty.mid'];

  it('prints the same lines under Node and Deno', () => {
    // From the project root, as a user runs `deno task cli`; absolute paths so both print the same.
    const absolute = files.map((f) => join(dir, f));
    const fromNode = spawnSync(process.execPath, ['bin/midi-pipeline.js', 'inspect', '--json', ...absolute], { cwd: projectRoot, encoding: 'utf8' });
    expect(fromNode.status, fromNode.stderr).toBe(0);
    const fromDeno = spawnSync(join(projectRoot, 'node_modules', '.bin', 'deno'), ['task', 'cli', 'inspect', '--json', ...absolute], { cwd: projectRoot, encoding: 'utf8' });
    expect(fromDeno.status, fromDeno.stderr).toBe(0);
    expect(fromNode.stdout.trim().split('\n')).toHaveLength(3);
    expect(fromDeno.stdout).toBe(fromNode.stdout);
  });

  it('prints a readable summary without --json', () => {
    const out = spawnSync(process.execPath, [join(projectRoot, 'bin', 'midi-pipeline.js'), 'inspect', 'tree/one-note.mid', 'tree/page.mid'], { cwd: dir, encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('1 notes');
    expect(out.stdout).toContain('MIDI_NOT_SMF');
    expect(out.stderr).toContain('2 files, 1 analysed, 1 invalid');
  });
});

describe('unreadable files', () => {
  it('report FILE_UNREADABLE for a file without read permission', () => {
    // As root, permissions do not bind; run the CLI as "nobody" then (setpriv, util-linux).
    const open = mkdtempSync(join(tmpdir(), 'mp-perm-'));
    chmodSync(open, 0o755);
    const path = join(open, 'secret.mid');
    writeFileSync(path, ONE_NOTE);
    chmodSync(path, 0o600);
    const asRoot = process.getuid?.() === 0;
    const command = asRoot ? 'setpriv' : process.execPath;
    const args = [...(asRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : []), 'bin/midi-pipeline.js', 'inspect', '--json', path];
    if (!asRoot) chmodSync(path, 0o000);
    const out = spawnSync(command, args, { cwd: projectRoot, encoding: 'utf8' });
    rmSync(open, { recursive: true, force: true });
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE', message: 'cannot read: permission denied' } });
  });
});
