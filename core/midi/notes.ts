// Queries on the note table that more than one module needs.
import type { NoteTable } from './types.ts';

/**
 * The rows of `track` in the note table: notes are grouped by track in ascending order, so this is two
 * binary searches, e.g. `[120, 245)` for the second of two tracks with 120 and 125 notes.
 */
export function noteRange(notes: NoteTable, track: number): [start: number, end: number] {
  return [lowerBound(notes.track, notes.count, track), lowerBound(notes.track, notes.count, track + 1)];
}

function lowerBound(values: Uint32Array, count: number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
