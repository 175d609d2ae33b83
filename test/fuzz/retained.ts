// Memory a parsed file keeps alive (and what the analysis keeps after it), measured rather than estimated: everything reachable from it, JS
// objects included (a format-2 file's per-track tempo maps are objects, not just typed arrays). A full GC
// before and after reading, with the file still referenced, leaves exactly what it retains (plus any
// scratch the reader keeps for the next file, which is fair to count). Needs a real `gc`, so only the
// worker of `npm run fuzz` (which exposes one) measures it, and only for inputs large enough that the
// cost of two collections is small beside theirs.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import { readMidi } from '../../core/midi/read.ts';

export interface MemoryProbe {
  gc: () => void;
  /** Heap in use plus memory held outside it (typed-array stores), in bytes. */
  used: () => number;
  /** Inputs below this many bytes are not measured. */
  minBytes: number;
}

/** A probe with V8's real `gc` (exposed at run time) for inputs of at least `minBytes`. */
export function createProbe(minBytes: number): MemoryProbe {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const used = () => {
    const h = getHeapStatistics();
    return h.used_heap_size + h.external_memory;
  };
  return { gc, used, minBytes };
}

/** Bytes retained by the file read from `input`, or null when it is too small to measure or does not read. */
export function retainedByRead(input: Uint8Array, probe: MemoryProbe): number | null {
  if (input.length < probe.minBytes) return null;
  settle(probe);
  const before = probe.used();
  let file;
  try {
    file = readMidi(input);
  } catch {
    return null;
  }
  settle(probe);
  const retained = probe.used() - before;
  // Touch the file after the measurement, so it cannot be collected before it.
  return file.trackCount > 0 ? Math.max(0, retained) : 0;
}

/**
 * Bytes the analysis leaves behind once its result is dropped: scratch that modules keep for the next file
 * (sized by the largest file so far, so the input that grows it is charged with it). Null when too small.
 */
export function retainedByAnalysis(input: Uint8Array, probe: MemoryProbe): number | null {
  if (input.length < probe.minBytes) return null;
  settle(probe);
  const before = probe.used();
  try {
    analyzeMidi(input, { sha256: '0'.repeat(64) });
  } catch {
    return null;
  }
  settle(probe);
  return Math.max(0, probe.used() - before);
}

/**
 * Two full collections: V8 frees typed-array stores on a background sweeper after a GC, and the next GC
 * waits for it, so only after the second does the external memory count stop including dead stores.
 */
function settle(probe: MemoryProbe): void {
  probe.gc();
  probe.gc();
}
