// Chord segments on a tick grid, without sorting the notes: each pitched note adds its start and its end
// to the segment each falls in, and one pass over the segments then turns them into weights. Formats 0 and
// 1 with ppq timing (almost every file), where segments are ppq ticks and every weight is a whole number
// of ticks: integer sums below 2^53 are exact in any order, so the weights are the very values the sweep
// in start and end order (chord-sweep.ts) computes, and so are the chords.
import type { NoteTable } from '../midi/types.ts';
import { classifyDoubled } from './chord-templates.ts';
import type { Progression } from './chord-progression.ts';

/** Segments beyond this (per pitched note, plus a floor) make the grid sparse: chord-sweep.ts does better. */
const SEGMENTS_PER_NOTE = 4;
const MIN_SEGMENTS = 4096;

/**
 * Per segment and pitch class (index segment * 12 + pc), reused by every call (analysis is synchronous):
 * notes starting minus notes ending in the segment, and the sum of (segment end - start) over those starting
 * minus (segment end - end) over those ending. Cleared over the used range before each use.
 */
let delta = new Int32Array(0);
let partial = new Float64Array(0);
/** 1 for a segment in which some pitched note starts or ends. */
let touched = new Uint8Array(0);
/** Weights twice over (classifyDoubled's layout) and the running count of sounding notes per pitch class. */
const weights = new Float64Array(24);
const sounding = new Int32Array(12);
const PITCH_CLASS = Uint8Array.from({ length: 128 }, (_, p) => p % 12);

/**
 * Appends the chord of every `length`-tick segment to `out`, as chord-sweep.ts would; false (nothing
 * appended) when the grid would be too sparse to be worth allocating.
 * @param drum per-note drum mask: drum notes are left out
 */
export function gridSegments(notes: NoteTable, length: number, drum: Uint8Array, out: Progression): boolean {
  const { pitch, startTick, endTick, count } = notes;
  let lastEnd = -1;
  let pitched = 0;
  for (let i = 0; i < count; i++) {
    if (drum[i]) continue;
    pitched++;
    if (endTick[i] > lastEnd) lastEnd = endTick[i];
  }
  if (pitched === 0) return true;
  const segments = Math.floor(lastEnd / length) + 1;
  if (segments > SEGMENTS_PER_NOTE * pitched + MIN_SEGMENTS) return false;
  const cells = segments * 12;
  if (delta.length < cells) {
    delta = new Int32Array(cells);
    partial = new Float64Array(cells);
    touched = new Uint8Array(segments);
  } else {
    delta.fill(0, 0, cells);
    partial.fill(0, 0, cells);
    touched.fill(0, 0, segments);
  }

  // Segment of a tick: floor(tick / length), by a multiplication and a correction (the product is within
  // one of the quotient below 2^53), as exact as the division and cheaper.
  const inverse = 1 / length;
  for (let i = 0; i < count; i++) {
    if (drum[i]) continue;
    const pc = PITCH_CLASS[pitch[i]];
    const s = startTick[i];
    const e = endTick[i];
    let first = Math.floor(s * inverse);
    if (first * length > s) first--;
    else if ((first + 1) * length <= s) first++;
    let last = Math.floor(e * inverse);
    if (last * length > e) last--;
    else if ((last + 1) * length <= e) last++;
    const a = first * 12 + pc;
    delta[a]++;
    partial[a] += (first + 1) * length - s;
    touched[first] = 1;
    const b = last * 12 + pc;
    delta[b]--;
    partial[b] -= (last + 1) * length - e;
    touched[last] = 1;
  }

  sounding.fill(0);
  let previous = -1;
  for (let segment = 0; segment < segments; segment++) {
    if (!touched[segment]) continue;
    if (segment > previous + 1) {
      // Whole segments since the last one with an event: what sounds now sounded through all of them.
      for (let pc = 0; pc < 12; pc++) weights[pc + 12] = weights[pc] = sounding[pc];
      out.add(classifyDoubled(weights));
    }
    previous = segment;
    const base = segment * 12;
    for (let pc = 0; pc < 12; pc++) {
      weights[pc + 12] = weights[pc] = sounding[pc] * length + partial[base + pc];
      sounding[pc] += delta[base + pc];
    }
    out.add(classifyDoubled(weights));
  }
  return true;
}
