// The one sort of the analysis: note indexes ordered by start time, shared by every module that sweeps time.

/**
 * Note indexes sorted by `start` (seconds), stable: equal starts keep table order (track, then note-on order).
 * The reader appends notes in note-on order within each track, so the table is a few already-sorted runs
 * (one per track); a natural merge sort merges them in O(n log runs): linear for format 0. The keys are
 * merged alongside the indexes so that comparisons read memory in sequence.
 * @example notesByStart(Float64Array.of(0, 1, 0.5), 3) // Uint32Array [0, 2, 1]
 */
export function notesByStart(start: Float64Array, count: number): Uint32Array {
  let index = new Uint32Array(count);
  for (let i = 0; i < count; i++) index[i] = i;
  // Run boundaries: wherever the start time goes backwards.
  let runs: number[] = [0];
  for (let i = 1; i < count; i++) if (start[i] < start[i - 1]) runs.push(i);
  runs.push(count);
  if (runs.length <= 2) return index;

  let key = start.slice(0, count);
  let keyOut = new Float64Array(count);
  let indexOut = new Uint32Array(count);
  while (runs.length > 2) {
    const merged: number[] = [0];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const lo = runs[r];
      const mid = runs[r + 1];
      const hi = r + 2 < runs.length ? runs[r + 2] : mid;
      mergeRuns(key, index, keyOut, indexOut, lo, mid, hi);
      merged.push(hi);
    }
    [key, keyOut] = [keyOut, key];
    [index, indexOut] = [indexOut, index];
    runs = merged;
  }
  return index;
}

/** Merges runs [lo, mid) and [mid, hi) into the output arrays, the left run first on ties (stable). */
function mergeRuns(key: Float64Array, index: Uint32Array, keyOut: Float64Array, indexOut: Uint32Array, lo: number, mid: number, hi: number): void {
  let i = lo;
  let j = mid;
  let k = lo;
  if (mid < hi) {
    let a = key[i];
    let b = key[j];
    for (;;) {
      if (b < a) {
        keyOut[k] = b;
        indexOut[k++] = index[j++];
        if (j === hi) break;
        b = key[j];
      } else {
        keyOut[k] = a;
        indexOut[k++] = index[i++];
        if (i === mid) break;
        a = key[i];
      }
    }
  }
  while (i < mid) {
    keyOut[k] = key[i];
    indexOut[k++] = index[i++];
  }
  while (j < hi) {
    keyOut[k] = key[j];
    indexOut[k++] = index[j++];
  }
}
