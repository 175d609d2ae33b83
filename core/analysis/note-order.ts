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
 * Formats 0 and 1 sort the integer end ticks (orderOfTicks), which orders the end seconds too, the tempo
 * map being monotonic; ticks past 2^32 merge-sort the seconds. Format 2 merge-sorts the seconds: each track
 * has its own tempo map, so ticks in order say nothing of the seconds.
 * @example notesByEnd(file) // Uint32Array [1, 0, 2]
 */
export function notesByEnd(file: MidiFile): Uint32Array {
  const { endTick, endSeconds, count } = file.notes;
  if (file.format === 2) return stableOrder(endSeconds, count);
  const order = orderOfTicks(endTick, count, endSeconds);
  if (order) return order;
  const index = new Uint32Array(count);
  for (let i = 0; i < count; i++) index[i] = i;
  return index;
}
