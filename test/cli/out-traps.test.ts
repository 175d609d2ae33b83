// Traps planted in split's output folder (issue 7, "no write outside the output folder"): symbolic links
// in place of `.partial/` or of the two-hex-digit subfolders would carry the children to another folder,
// and a FIFO or a link at the temporary name the writer uses next would block it or write through the
// link. The run must refuse (exit 1, saying why) or write around them, and the other folder stays empty.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localFileSink } from '../../adapters/local/file-sink.ts';
import { finished, spawnCli, tempFolder } from '../pipeline/helpers.ts';
import { projectRoot } from '../support/mido.ts';

const example = (name: string) => join(projectRoot, 'examples', name);

describe('an output folder with traps planted in it', () => {
  const root = tempFolder('fs-out-traps');
  const input = join(root.path, 'input');
  const elsewhere = join(root.path, 'elsewhere');
  afterAll(() => root.remove());

  beforeAll(() => {
    mkdirSync(input);
    mkdirSync(elsewhere);
    copyFileSync(example('waltz-a-minor-multitrack.mid'), join(input, 'waltz.mid'));
    execFileSync('chmod', ['-R', 'a+rX', input]);
    for (const dir of [root.path, elsewhere]) chmodSync(dir, 0o777);
  });

  /** `run` of the three-track waltz into `out`, as `nobody` when the suite runs as root. */
  async function splitInto(out: string): Promise<{ code: number | null; stderr: string }> {
    const data = join(root.path, `data-${readdirSync(root.path).length}`);
    mkdirSync(data);
    for (const dir of [data, out]) chmodSync(dir, 0o777);
    return finished(spawnCli(['run', input, '--data-dir', data, '--out', out, '--json', '--workers', '1'], { cwd: root.path, asNobody: true }));
  }

  test('.partial a symbolic link to another folder: exit 1, nothing written there', async () => {
    const out = join(root.path, 'out-partial');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, '.partial'));
    const { code, stderr } = await splitInto(out);
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  test('every two-hex-digit subfolder a symbolic link to another folder: exit 1, nothing written there', async () => {
    const out = join(root.path, 'out-shards');
    mkdirSync(out);
    for (let i = 0; i < 256; i++) symlinkSync(elsewhere, join(out, i.toString(16).padStart(2, '0')));
    const { code, stderr } = await splitInto(out);
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  test('a FIFO and a symbolic link at the temporary names the writer uses next: replaced, never opened', async () => {
    const out = join(root.path, 'out-sink');
    const sink = localFileSink(out);
    await sink.prepare();
    // The sink names its temporary files <pid>-<n>.tmp; the next two are planted. Opening the FIFO for
    // writing would block this thread for good; writing through the link would create elsewhere/stolen.mid.
    execFileSync('mkfifo', [join(out, '.partial', `${process.pid}-1.tmp`)]);
    symlinkSync(join(elsewhere, 'stolen.mid'), join(out, '.partial', `${process.pid}-2.tmp`));
    const bytes = readFileSync(example('drum-loop.mid'));
    const first = await sink.write('ab/first.mid', bytes);
    const second = await sink.write('ab/second.mid', bytes);
    expect(readFileSync(first)).toEqual(bytes);
    expect(readFileSync(second)).toEqual(bytes);
    expect(readdirSync(elsewhere)).toEqual([]);
    // The planted names were the ones used (and moved into place), not left aside.
    expect(existsSync(join(out, '.partial', `${process.pid}-1.tmp`))).toBe(false);
    expect(existsSync(join(out, '.partial', `${process.pid}-2.tmp`))).toBe(false);
  });
});
