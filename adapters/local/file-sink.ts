// The FileSink port over a local folder (split's `--out`): files are written under a temporary name in
// `.partial/` and renamed into place, so a killed run leaves no half-written child under its real name
// (what it leaves in `.partial/` is removed by the next run once its process is gone), and no name,
// however hostile, resolves outside the folder.
import { mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
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
        await ensureFolder(partial);
        await ensureFolder(dirname(target));
        await writeFile(temporary, bytes);
        await rename(temporary, target);
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

function unwritable(root: string, error: unknown): PipelineError {
  const code = (error as { code?: string }).code ?? 'error';
  return new PipelineError('OUTPUT_UNWRITABLE', `cannot write to the output folder ${root}: ${code}`, error);
}
