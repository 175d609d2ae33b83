// Polyphony, where the contract is silent:
// - max: the most notes sounding at one instant; a note sounds over [start, end), so a note ending exactly
//   when another starts does not overlap it, and a zero-length note never sounds.
// - mean: time-weighted mean of the number of sounding notes over the time when at least one sounds
//   (total note seconds / length of the union of the notes' intervals): rests do not dilute it.
// One pass over the notes in start order, keeping the ends of the notes that sound in a small array and the
// soonest of them: music rarely holds more than a few dozen notes at once, so rescanning that array when a
// note has ended costs less than sorting every note by its end, which this pass used to need (corpus pass:
// polyphony 33 ms + sort by end 80-100 ms before, 58 ms now; keeping the array sorted instead took 77 ms,
// mostly shifting). Files that hold more than MAX_ACTIVE notes at once (stuck notes) are counted against
// all ends sorted instead.
import type { NoteTable } from '../midi/types.ts';
import { round } from './round.ts';

const MAX_ACTIVE = 64;
/** Ends of the notes sounding, in no order, in `active[0, size)`; reused (analysis is synchronous). */
const active = new Float64Array(MAX_ACTIVE);

/**
 * @param byStart note indexes sorted by start (note-order.ts)
 * @param order gives the notes sorted by end, asked for only when more than MAX_ACTIVE notes sound at once
 *   (the analysis context: one method, so the call site stays monomorphic across files)
 * @example polyphony(notes, byStart, { byEnd: () => byEnd }) // { max: 4, mean: 2.75 }
 */
export function polyphony(notes: NoteTable, byStart: Uint32Array, order: { byEnd(): Uint32Array }): { max: number; mean: number } {
  const n = notes.count;
  const start = notes.startSeconds;
  const end = notes.endSeconds;
  let size = 0;
  let soonest = Infinity;
  let max = 0;
  let noteSeconds = 0;
  let union = 0;
  let coveredTo = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = byStart[k];
    const s = start[i];
    const e = end[i];
    noteSeconds += e - s;
    if (e > coveredTo) {
      union += e - (s > coveredTo ? s : coveredTo);
      coveredTo = e;
    }
    // Notes ending at or before s have stopped; one ending at its start never sounds.
    if (soonest <= s) {
      let kept = 0;
      soonest = Infinity;
      for (let j = 0; j < size; j++) {
        const x = active[j];
        active[kept] = x;
        if (x > s) {
          kept++;
          if (x < soonest) soonest = x;
        }
      }
      size = kept;
    }
    if (e <= s) continue;
    if (size === MAX_ACTIVE) return polyphonyBySortedEnds(notes, byStart, order.byEnd());
    active[size++] = e;
    if (e < soonest) soonest = e;
    if (size > max) max = size;
  }
  return { max, mean: union > 0 ? round(noteSeconds / union, 3) : 0 };
}

/**
 * The same, with every end sorted: the count sounding just after a note starts at s is the starts so far
 * minus the ends at or before s. All starts at s are consecutive in byStart, and the count is exact after
 * the last of them, which is where a maximum is.
 */
function polyphonyBySortedEnds(notes: NoteTable, byStart: Uint32Array, byEnd: Uint32Array): { max: number; mean: number } {
  const n = notes.count;
  const start = notes.startSeconds;
  const end = notes.endSeconds;
  let j = 0;
  let sounding = 0;
  let max = 0;
  let noteSeconds = 0;
  let union = 0;
  let coveredTo = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = byStart[k];
    const s = start[i];
    const e = end[i];
    noteSeconds += e - s;
    if (e > coveredTo) {
      union += e - (s > coveredTo ? s : coveredTo);
      coveredTo = e;
    }
    while (j < n && end[byEnd[j]] <= s) {
      j++;
      sounding--;
    }
    if (++sounding > max) max = sounding;
  }
  return { max, mean: union > 0 ? round(noteSeconds / union, 3) : 0 };
}
