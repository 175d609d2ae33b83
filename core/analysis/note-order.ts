// The sorts of the analysis, done once per file and shared by every module that sweeps time: note indexes
// ordered by start and by end.
import { orderOfTicks, stableOrder } from '../midi/stable-order.ts';
import type { MidiFile } from '../midi/types.ts';

/**
 * Note indexes sorted by `start` (seconds), stable: equal starts keep table order (track, then note-on order).
 * The reader appends notes in note-on order within each track, so the table is a few already-sorted runs
 * (one per track), which stableOrder merges in O(n log runs): linear for format 0.
 * @example notesByStart(Float64Array.of(0, 1, 0.5), 3) // Uint32Array [0, 2, 1]
 */
export function notesByStart(start: Float64Array, count: number): Uint32Array {
  return stableOrder(start, count);
}

/**
 * Note indexes sorted by end time, stable. Sweeps need the ends in order as well as the starts (which notes
 * stop sounding when); sorting them once here replaced a heap in each sweep and costs less than either.
 * Formats 0 and 1 sort the integer end ticks (radixOrder), which orders the end seconds too, the tempo map
 * being monotonic; format 2 (one tempo map per track) and ticks past 2^32 fall back to a merge sort of the
 * seconds.
 * @example notesByEnd(file) // Uint32Array [1, 0, 2]
 */
export function notesByEnd(file: MidiFile): Uint32Array {
  const { endTick, endSeconds, count } = file.notes;
  // Format 2 (and ticks past 2^32) merge-sort the seconds: the same order as a comparison sort by (end,
  // index), without an array of boxed indexes and a comparator call per comparison.
  const order = orderOfTicks(endTick, count, endSeconds, file.format !== 2);
  if (order) return order;
  const index = new Uint32Array(count);
  for (let i = 0; i < count; i++) index[i] = i;
  return index;
}
