// The FileSink port over a local folder (split's `--out`): files are written to a temporary name and
// renamed into place, so a killed run leaves no half-written child under its real name, and no name,
// however hostile, resolves outside the folder.
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { PipelineError } from '../../core/errors.ts';
import type { FileSink } from '../../core/pipeline/file-sink.ts';

/** e.g. `localFileSink('/data/split').write('ab/x-ab12-t01.mid', bytes)` -> '/data/split/ab/x-ab12-t01.mid'. */
export function localFileSink(folder: string): FileSink {
  const root = resolve(folder);
  const made = new Set<string>();
  let sequence = 0;

  async function ensureFolder(path: string): Promise<void> {
    if (made.has(path)) return;
    await mkdir(path, { recursive: true });
    made.add(path);
  }

  return {
    async prepare() {
      const probe = join(root, `.write-test-${process.pid}`);
      try {
        await ensureFolder(root);
        await writeFile(probe, new Uint8Array(0));
        await unlink(probe);
      } catch (error) {
        throw unwritable(root, error);
      }
    },
    async write(relativePath, bytes) {
      const target = insideFolder(root, relativePath);
      const temporary = `${target}.${process.pid}.${++sequence}.tmp`;
      try {
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

function unwritable(root: string, error: unknown): PipelineError {
  const code = (error as { code?: string }).code ?? 'error';
  return new PipelineError('OUTPUT_UNWRITABLE', `cannot write to the output folder ${root}: ${code}`, error);
}
