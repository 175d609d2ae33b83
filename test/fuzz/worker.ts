// The worker thread of `npm run fuzz`: runs inputs [from, to) of a seeded run and reports to the script,
// which watches it (scripts/fuzz.ts). The index of the input running is kept in shared memory, so when an
// input hangs or exhausts the heap the script knows which one, kills this thread and starts another after it.
import { parentPort, workerData } from 'node:worker_threads';
import { RETAINED_MIN_BYTES } from './bounds.ts';
import { corpusBases } from './corpus-bases.ts';
import { createBases } from './inputs.ts';
import { createProbe } from './retained.ts';
import { runFuzz } from './run.ts';

export interface WorkerData {
  seed: number;
  from: number;
  to: number;
  /** Inputs not to run again (they hung or crashed the previous worker). */
  skip: number[];
  maxGeneratedBytes: number;
  /** Int32Array over a SharedArrayBuffer: [0] = index of the input running. */
  current: SharedArrayBuffer;
  /** Inputs per stats message (the script merges them; a dead worker loses at most this many). */
  chunk: number;
}

export type WorkerMessage = { type: 'stats'; upTo: number; stats: ReturnType<typeof runFuzz> } | { type: 'done' };

const data = workerData as WorkerData;
const current = new Int32Array(data.current);
// A real GC before each heap sample and memory measurement, so they show what is retained, not garbage.
const probe = createProbe(RETAINED_MIN_BYTES);
const bases = createBases(corpusBases(), data.maxGeneratedBytes);
const skip = new Set(data.skip);
let from = data.from;
while (from < data.to) {
  const to = Math.min(data.to, from + data.chunk);
  // Skipped inputs split the chunk: run around them.
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && !skip.has(i)) continue;
    if (i > start) {
      const stats = runFuzz({ seed: data.seed, from: start, to: i, bases, onInput: (index) => Atomics.store(current, 0, index), heapEvery: 1000, gc: probe.gc, heapUsed: probe.used, probe });
      parentPort!.postMessage({ type: 'stats', upTo: i, stats } satisfies WorkerMessage);
    }
    start = i + 1;
  }
  from = to;
}
parentPort!.postMessage({ type: 'done' } satisfies WorkerMessage);
