// The FileSource port over the local file system: the streaming, loop-safe walk (walk.ts) and the bounded
// reader (read-file.ts), whose buffers are never shared, so they can be transferred to a worker.
import type { FileSource } from '../../core/pipeline/file-source.ts';
import { readFileBounded } from './read-file.ts';
import { walkMidiFiles } from './walk.ts';

/** Relative roots are taken from `cwd`; paths come out absolute. */
export function localFileSource(cwd: string): FileSource {
  return {
    walk: (roots) => walkMidiFiles([...roots], cwd),
    async count(roots) {
      let n = 0;
      for await (const _ of walkMidiFiles([...roots], cwd)) n++;
      return n;
    },
    read: (path, maxBytes) => readFileBounded(path, maxBytes),
  };
}
