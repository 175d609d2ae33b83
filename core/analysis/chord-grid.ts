// Chord segments on a tick grid without sorting the notes by end: the starts come from the notes sorted by
// start, and each pitched note's end goes into a linked list of the segment it falls in; one pass over the
// segments turns both into weights. Formats 0 and 1 with ppq timing (almost every file), where segments are
// ppq ticks and every weight is a whole number of ticks: integer sums below 2^53 are exact in any order, so
// the weights are the very values the sweep with the ends sorted (chord-sweep.ts) computes, and so are the
// chords. Memory is 4 bytes per segment and 8 per pitched note.
// Chords per corpus pass: 150 ms this way; linking the starts too, 161; a dense grid of 12 cells per segment
// 153, but its 12 bytes per cell came to 194 bytes per input byte of the fuzzer's sparse notes; a counting
// sort by segment 170; the sweep with the ends sorted 145, plus 100 for that sort.
import type { NoteTable } from '../midi/types.ts';
import { classifyChord } from './chord-templates.ts';
import type { Progression } from './chord-progression.ts';
import { PITCH_CLASS } from './pitch-class.ts';

/** Segments beyond this (per pitched note, plus a floor) make the grid sparse: chord-sweep.ts does better. */
const SEGMENTS_PER_NOTE = 4;
const MIN_SEGMENTS = 4096;
/**
 * Scratch arrays up to this many entries are kept for the next file (analysis is synchronous); larger
 * grids allocate and drop their own, so that no file leaves memory in proportion to its size behind
 * (found by npm run fuzz's analysis-retained measurement).
 */
const KEEP_ENTRIES = 1 << 16;

/** Typed arrays of at least `size` entries: the kept one when large enough, else a new one (kept if small). */
class Scratch<T extends Int32Array | Uint32Array> {
  private kept: T;
  constructor(private readonly make: (size: number) => T) {
    this.kept = make(1024);
  }

  get(size: number): T {
    if (size <= this.kept.length) return this.kept;
    const array = this.make(size);
    if (size <= KEEP_ENTRIES) this.kept = array;
    return array;
  }
}

/** Per segment, its last event (index into the event arrays), or -1: the head of a linked list. */
const headScratch = new Scratch((n) => new Int32Array(n));
/**
 * The ends of pitched notes, in table order: the previous end in the same segment (-1 for none), and the end
 * encoded as (segment end - end tick) << 4 | pitch class, below 2^20 (ppq < 2^15).
 */
const linkScratch = new Scratch((n) => new Int32Array(n));
const eventScratch = new Scratch((n) => new Int32Array(n));
/** The segment's weights per pitch class, and ppq times the count of sounding notes per pitch class. */
const weights = new Float64Array(12);
const soundingTicks = new Float64Array(12);

/**
 * Appends the chord of every `length`-tick segment to `out`, as chord-sweep.ts would; false (nothing
 * appended) when the grid would be too sparse.
 * @param byStart note indexes sorted by start (note-order.ts)
 * @param drum per-note drum mask: drum notes are left out
 */
export function gridSegments(notes: NoteTable, length: number, byStart: Uint32Array, drum: Uint8Array, out: Progression): boolean {
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
  const head = headScratch.get(segments);
  const link = linkScratch.get(pitched);
  const events = eventScratch.get(pitched);
  head.fill(-1, 0, segments);

  // Ends into their segments' lists. Segment of a tick: floor(tick / length), by a multiplication and a
  // correction (the product is within one of the quotient below 2^53), as exact as the division and cheaper.
  const inverse = 1 / length;
  let k = 0;
  for (let i = 0; i < count; i++) {
    if (drum[i]) continue;
    const e = endTick[i];
    const b = segmentOf(e, length, inverse);
    events[k] = (((b + 1) * length - e) << 4) | PITCH_CLASS[pitch[i]];
    link[k] = head[b];
    head[b] = k++;
  }

  soundingTicks.fill(0);
  let previous = -1;
  let next = 0; // in byStart
  while (next < count && drum[byStart[next]]) next++;
  for (let segment = 0; segment < segments; segment++) {
    const segmentEnd = (segment + 1) * length;
    let event = head[segment];
    if (event < 0 && !(next < count && startTick[byStart[next]] < segmentEnd)) continue;
    if (segment > previous + 1) {
      // Whole segments since the last one with an event: what sounds now sounded through all of them,
      // classified from the counts of sounding notes, as the sweep does.
      for (let pc = 0; pc < 12; pc++) weights[pc] = soundingTicks[pc] / length;
      out.add(classifyChord(weights));
    }
    previous = segment;
    // A start adds (segment end - start), an end takes (segment end - end) back; every note sounding when
    // the segment opens adds the whole length.
    for (let pc = 0; pc < 12; pc++) weights[pc] = soundingTicks[pc];
    for (; next < count; next++) {
      const i = byStart[next];
      if (drum[i]) continue;
      const t = startTick[i];
      if (t >= segmentEnd) break;
      const pc = PITCH_CLASS[pitch[i]];
      weights[pc] += segmentEnd - t;
      soundingTicks[pc] += length;
    }
    for (; event >= 0; event = link[event]) {
      const code = events[event];
      const pc = code & 15;
      weights[pc] -= code >> 4;
      soundingTicks[pc] -= length;
    }
    out.add(classifyChord(weights));
  }
  return true;
}

function segmentOf(tick: number, length: number, inverse: number): number {
  let segment = Math.floor(tick * inverse);
  if (segment * length > tick) segment--;
  else if ((segment + 1) * length <= tick) segment++;
  return segment;
}
