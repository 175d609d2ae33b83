// The FileSink port over a local folder (split's `--out`): files are written under a temporary name in
// `.partial/` and renamed into place, so a killed run leaves no half-written child under its real name
// (what it leaves in `.partial/` is removed by the next run once its process is gone), and no name,
// however hostile, resolves outside the folder.
//
// Creating a file costs kernel CPU whichever thread does it: writing a 3 KB child and renaming it into
// place measured 0.8-1 ms of kernel CPU and ~2 ms of wall time on one machine of this kind (ext4, parallel
// writes barely overlapping), and at most 0.07 ms in the process on another (scripts/thread-cpu.ts over
// a 20,000-file `run`, see docs/performance.md). So the writes stay off the main thread, in the thread
// pool, through the callback API: 0.095 ms of main-thread CPU per child, against 0.12-0.17 ms for
// fs/promises (a FileHandle per file) and 0.75-0.87 ms for synchronous calls, which also hold the main
// thread for the whole write (on the slow machine a bench run's main thread spent 9 s of 25 s in open()).
import { rename as renameCallback, type Stats, writeFile as writeFileCallback } from 'node:fs';
import { lstat, mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, join, resolve, sep } from 'node:path';
import { PipelineError } from '../../core/errors.ts';
import type { FileSink } from '../../core/pipeline/file-sink.ts';
import { processExists } from './process-exists.ts';

const PARTIAL = '.partial';
const writeBytes = promisify(writeFileCallback);
const renameFile = promisify(renameCallback);

/** e.g. `localFileSink('/data/split').write('ab/x-ab12-t01.mid', bytes)` -> '/data/split/ab/x-ab12-t01.mid'. */
export function localFileSink(folder: string): FileSink {
  const root = resolve(folder);
  const partial = join(root, PARTIAL);
  const made = new Set<string>();
  let sequence = 0;

  async function ensureFolder(path: string): Promise<void> {
    if (made.has(path)) return;
    await mkdir(path, { recursive: true });
    refuseLink(path, await lstat(path));
    made.add(path);
  }

  return {
    async prepare() {
      const probe = join(partial, `${process.pid}-probe.tmp`);
      try {
        await ensureFolder(partial);
        await unlink(probe).catch(() => {}); // whatever is there, never opened (see writeFresh)
        await writeFile(probe, new Uint8Array(0), { flag: 'wx' });
        await unlink(probe);
        await removeAbandoned(partial);
      } catch (error) {
        throw unwritable(root, error);
      }
    },
    async write(relativePath, bytes) {
      const target = insideFolder(root, relativePath);
      const temporary = join(partial, `${process.pid}-${++sequence}.tmp`);
      try {
        await ensureFolder(partial);
        await ensureFolder(dirname(target));
        await writeFresh(temporary, bytes);
        await renameFile(temporary, target);
      } catch (error) {
        await unlink(temporary).catch(() => {});
        throw unwritable(root, error);
      }
      return target;
    },
  };
}

/** The absolute path of `relativePath` under `root`, refusing anything that is not plainly inside it. */
export function insideFolder(root: string, relativePath: string): string {
  const parts = relativePath.split('/');
  const bad = parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'));
  const target = resolve(root, ...parts);
  if (bad || !target.startsWith(root + sep)) {
    throw new PipelineError('OUTPUT_OUTSIDE', `refusing to write ${JSON.stringify(relativePath)}: not a plain path inside ${root}`);
  }
  return target;
}

/** Temporary files of writers that no longer run ("<pid>-<n>.tmp"); a live writer's are left alone. */
async function removeAbandoned(partial: string): Promise<void> {
  for (const name of await readdir(partial)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (Number.isSafeInteger(pid) && pid !== process.pid && !processExists(pid)) await unlink(join(partial, name)).catch(() => {});
  }
}

/**
 * Folders under the output folder must be real folders: a symbolic link planted in place of `.partial` or
 * of `ab` would carry the files to wherever it points. (The output folder itself may be a link: the user
 * named it.) Found by test/cli/out-traps.test.ts; the children went to the other folder.
 */
function refuseLink(path: string, info: Stats): void {
  if (info.isSymbolicLink() || !info.isDirectory()) {
    throw new PipelineError('OUTPUT_OUTSIDE', `refusing to write through ${path}: a symbolic link or not a folder inside the output folder`);
  }
}

/**
 * Writes a new file at `path`. 'wx' (O_CREAT | O_EXCL) never opens what is already there: a FIFO would
 * block a thread-pool thread for good, a symbolic link would be written through. Something left at the name (by a
 * dead writer that had this pid, or planted) is removed once (unlink does not follow links) and the write
 * tried again.
 */
async function writeFresh(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeBytes(path, bytes, { flag: 'wx' });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
    await unlink(path);
    await writeBytes(path, bytes, { flag: 'wx' });
  }
}

function unwritable(root: string, error: unknown): PipelineError {
  // Our own refusals keep their code and message.
  if (error instanceof PipelineError) return error;
  const code = (error as { code?: string }).code ?? 'error';
  return new PipelineError('OUTPUT_UNWRITABLE', `cannot write to the output folder ${root}: ${code}`, error);
}
