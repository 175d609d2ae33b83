// The FileSource port over the local file system: the streaming, loop-safe walk (walk.ts) and a bounded
// reader whose buffers are never shared, so they can be transferred to a worker. Reads are synchronous
// while they are fast (files in the page cache or on an SSD: a seventh of the CPU, see read-file-sync.ts)
// and switch for good to the asynchronous reader (read-file.ts), which the pipeline runs several at once,
// when they turn slow (a spinning disk or a network share, where reads in parallel are what helps).
// Slow means every one of several reads in a row: on a loaded machine a single read is sometimes
// descheduled for a whole time slice, and an average over such spikes sent bench runs on page-cached
// files to the asynchronous reader (1.2 s of main-thread CPU on 2,000 files instead of 0.27 s).
import type { FileSource } from '../../core/pipeline/file-source.ts';
import { readFileBounded } from './read-file.ts';
import { readFileBoundedSync } from './read-file-sync.ts';
import { walkMidiFiles } from './walk.ts';

/** Synchronous reads slower than this, SLOW_READS_IN_A_ROW times running, mean a slow disk. */
const SLOW_READ_MS = 2;
const SLOW_READS_IN_A_ROW = 8;

/** Relative roots are taken from `cwd`; paths come out absolute. */
export function localFileSource(cwd: string, options: { now?: () => number } = {}): FileSource {
  const now = options.now ?? (() => performance.now());
  let synchronous = true;
  let slowInARow = 0;
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
        slowInARow = now() - started > SLOW_READ_MS ? slowInARow + 1 : 0;
        if (slowInARow >= SLOW_READS_IN_A_ROW) synchronous = false;
      }
    },
  };
}
