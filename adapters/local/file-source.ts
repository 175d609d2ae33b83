// The FileSource port over the local file system: the streaming, loop-safe walk (walk.ts) and a bounded
// reader whose buffers are never shared, so they can be transferred to a worker. Reads are synchronous
// while they are fast (files in the page cache or on an SSD: a seventh of the CPU, see read-file-sync.ts)
// and switch for good to the asynchronous reader (read-file.ts), which the pipeline runs several at once,
// when they turn slow (a spinning disk or a network share, where reads in parallel are what helps).
import type { FileSource } from '../../core/pipeline/file-source.ts';
import { readFileBounded } from './read-file.ts';
import { readFileBoundedSync } from './read-file-sync.ts';
import { walkMidiFiles } from './walk.ts';

/** A synchronous read slower than this on average means a slow disk. */
const SLOW_READ_MS = 2;

/** Relative roots are taken from `cwd`; paths come out absolute. */
export function localFileSource(cwd: string, options: { now?: () => number } = {}): FileSource {
  const now = options.now ?? (() => performance.now());
  let synchronous = true;
  let averageMs = 0;
  return {
    walk: (roots) => walkMidiFiles([...roots], cwd),
    async count(roots) {
      let n = 0;
      for await (const _ of walkMidiFiles([...roots], cwd)) n++;
      return n;
    },
    async read(path, maxBytes) {
      if (!synchronous) return readFileBounded(path, maxBytes);
      const started = now();
      try {
        return readFileBoundedSync(path, maxBytes);
      } finally {
        // moving average over the last ~20 reads
        averageMs += (now() - started - averageMs) / 20;
        if (averageMs > SLOW_READ_MS) synchronous = false;
      }
    },
  };
}
