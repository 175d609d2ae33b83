// A stable sort of indexes by numeric keys, for tables whose keys come in a few already-sorted runs (notes
// in note-on order per track): a natural merge sort, O(n log runs), linear when the keys are sorted.
/**
 * Merge buffers that do not leave stableOrder (the keys, and the index buffer the last pass does not
 * write), reused while small: analysis is synchronous. Larger files allocate their own, so that no file
 * leaves memory in proportion to its size behind.
 */
const KEEP_ENTRIES = 1 << 16;
let keyScratch: Float64Array[] = [new Float64Array(1024), new Float64Array(1024)];
let indexScratch = new Uint32Array(1024);

/**
 * Indexes 0..count-1 sorted by `keys[i]`, stable: equal keys keep index order. The runs where the keys
 * already ascend are merged pairwise, O(n log runs). The keys are merged alongside the indexes so that
 * comparisons read memory in sequence; the first pass reads `keys` itself, and only the returned array is
 * allocated per call (the analysis's sort by start: 57-63 -> 33-38 ms per corpus pass).
 * @example stableOrder(Float64Array.of(0, 1, 0.5), 3) // Uint32Array [0, 2, 1]
 */
export function stableOrder(keys: Float64Array, count: number): Uint32Array {
  const result = new Uint32Array(count);
  // Run boundaries: wherever the keys go backwards.
  let runs: number[] = [0];
  for (let i = 1; i < count; i++) if (keys[i] < keys[i - 1]) runs.push(i);
  runs.push(count);
  if (runs.length <= 2) {
    for (let i = 0; i < count; i++) result[i] = i;
    return result;
  }
  // Each pass halves the runs; the buffers alternate so that the last pass writes `result`.
  const passes = Math.ceil(Math.log2(runs.length - 1));
  const small = count <= KEEP_ENTRIES;
  if (small && keyScratch[0].length < count) {
    const size = Math.min(KEEP_ENTRIES, Math.max(count, 2 * keyScratch[0].length));
    keyScratch = [new Float64Array(size), new Float64Array(size)];
    indexScratch = new Uint32Array(size);
  }
  const keyBuffers = small ? keyScratch : [new Float64Array(count), new Float64Array(count)];
  const other = small ? indexScratch : new Uint32Array(count);
  let index = passes % 2 === 0 ? result : other;
  let indexOut = passes % 2 === 0 ? other : result;
  for (let i = 0; i < count; i++) index[i] = i;
  let key: Float64Array = keys;
  let keyOut = keyBuffers[0];
  while (runs.length > 2) {
    const merged: number[] = [0];
    for (let r = 0; r + 1 < runs.length; r += 2) {
      const lo = runs[r];
      const mid = runs[r + 1];
      const hi = r + 2 < runs.length ? runs[r + 2] : mid;
      mergeRuns(key, index, keyOut, indexOut, lo, mid, hi);
      merged.push(hi);
    }
    const written = keyOut;
    keyOut = key === keys ? keyBuffers[1] : key;
    key = written;
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

/**
 * Indexes 0..count-1 sorted stably by `ticks` (whole numbers), or null when they already ascend: a radix sort
 * below 2^32 (radixOrder), else a merge sort of `mergeKeys` (stableOrder), which must order as the ticks do
 * (by default the ticks themselves).
 */
export function orderOfTicks(ticks: Float64Array, count: number, mergeKeys: Float64Array = ticks): Uint32Array | null {
  let max = 0;
  let sorted = true;
  for (let i = 0; i < count; i++) {
    const t = ticks[i];
    if (t > max) max = t;
    else if (t < max) sorted = false;
  }
  if (sorted) return null;
  return max < 2 ** 32 ? radixOrder(ticks, count, max) : stableOrder(mergeKeys, count);
}

/** Counting buckets of the radix sort: at most 2^11, so a pass's prefix sums stay cheap next to its n. */
const MAX_RADIX_BITS = 11;
const counts = new Uint32Array(1 << MAX_RADIX_BITS);
/** Below this many notes an insertion sort beats the radix passes' fixed cost. */
const SMALL = 48;

/**
 * Indexes 0..count-1 sorted by `keys[i]`, stable, for whole numbers from 0 to `max` < 2^32 (ticks): an LSD
 * radix sort, up to 11 bits a pass with the bits split evenly between passes (two passes below 4 million),
 * keys travelling with their indexes so that every pass reads both in sequence; the first pass reads the
 * keys and the identity order directly. Below SMALL keys, an insertion sort.
 * @example radixOrder(Float64Array.of(5, 2, 5, 0), 4, 5) // Uint32Array [3, 1, 0, 2]
 */
export function radixOrder(keys: Float64Array, count: number, max: number): Uint32Array {
  if (count < SMALL) return insertionSorted(keys, count);
  const bits = Math.ceil(Math.log2(max + 1));
  const passes = Math.ceil(bits / MAX_RADIX_BITS);
  const digitBits = Math.ceil(bits / passes);
  const radix = 1 << digitBits;
  const digit = radix - 1;
  let key = new Uint32Array(count);
  let index = new Uint32Array(count);
  let keyOut = new Uint32Array(count);
  let indexOut = new Uint32Array(count);
  for (let pass = 0; pass < passes; pass++) {
    const shift = pass * digitBits;
    counts.fill(0, 0, radix);
    const first = pass === 0;
    if (first) for (let i = 0; i < count; i++) counts[keys[i] & digit]++;
    else for (let k = 0; k < count; k++) counts[(key[k] >>> shift) & digit]++;
    let sum = 0;
    for (let d = 0; d < radix; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    if (first) {
      for (let i = 0; i < count; i++) {
        const v = keys[i];
        const at = counts[v & digit]++;
        keyOut[at] = v;
        indexOut[at] = i;
      }
    } else {
      for (let k = 0; k < count; k++) {
        const v = key[k];
        const at = counts[(v >>> shift) & digit]++;
        keyOut[at] = v;
        indexOut[at] = index[k];
      }
    }
    [key, keyOut] = [keyOut, key];
    [index, indexOut] = [indexOut, index];
  }
  return index;
}

/** Indexes 0..count-1 stably sorted by `keys` (for small counts). */
function insertionSorted(keys: Float64Array, count: number): Uint32Array {
  const index = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const k = keys[i];
    let at = i;
    while (at > 0 && keys[index[at - 1]] > k) {
      index[at] = index[at - 1];
      at--;
    }
    index[at] = i;
  }
  return index;
}
