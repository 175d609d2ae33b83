// The FileSink port over a local folder (split's `--out`): files are written under a temporary name in
// `.partial/` and renamed into place, so a killed run leaves no half-written child under its real name
// (what it leaves in `.partial/` is removed by the next run once its process is gone), and no name,
// however hostile, resolves outside the folder. Writes are synchronous: a child is a few KB going to the
// page cache, and fs/promises' four trips through the thread pool (open, write, close, rename) cost the
// main thread about 0.25 ms of CPU per child, against about 0.04 ms for the same system calls made
// directly (measured on 6,426 children of a bench run: 1.6 s of the main thread's 9 s).
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { PipelineError } from '../../core/errors.ts';
import type { FileSink } from '../../core/pipeline/file-sink.ts';
import { processExists } from './process-exists.ts';

const PARTIAL = '.partial';

/** e.g. `localFileSink('/data/split').write('ab/x-ab12-t01.mid', bytes)` -> '/data/split/ab/x-ab12-t01.mid'. */
export function localFileSink(folder: string): FileSink {
  const root = resolve(folder);
  const partial = join(root, PARTIAL);
  const made = new Set<string>();
  let sequence = 0;

  async function ensureFolder(path: string): Promise<void> {
    if (made.has(path)) return;
    await mkdir(path, { recursive: true });
    made.add(path);
  }

  function ensureFolderSync(path: string): void {
    if (made.has(path)) return;
    mkdirSync(path, { recursive: true });
    made.add(path);
  }

  return {
    async prepare() {
      const probe = join(partial, `${process.pid}-probe.tmp`);
      try {
        await ensureFolder(partial);
        await writeFile(probe, new Uint8Array(0));
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
        ensureFolderSync(partial);
        ensureFolderSync(dirname(target));
        writeFileSync(temporary, bytes);
        renameSync(temporary, target);
      } catch (error) {
        try {
          unlinkSync(temporary);
        } catch {
          // never written, or already gone
        }
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

function unwritable(root: string, error: unknown): PipelineError {
  const code = (error as { code?: string }).code ?? 'error';
  return new PipelineError('OUTPUT_UNWRITABLE', `cannot write to the output folder ${root}: ${code}`, error);
}
