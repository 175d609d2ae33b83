// Chord segments by sweeping the notes in start order and in end order, a segment at a time: the general
// path, for segments in seconds (format 2, SMPTE division) and for tick grids too sparse for chord-grid.ts.
// Stretches where nothing starts or stops are classified once, however many segments they last.
import { classifyChord } from './chord-templates.ts';
import type { Progression } from './chord-progression.ts';

/**
 * Appends the chord of every segment of `length` (from time 0) to `out`.
 * @param byStart, byEnd note indexes sorted by start and by end (note-order.ts)
 * @param drum per-note drum mask: drum notes are left out
 */
export function sweepSegments(start: Float64Array, end: Float64Array, length: number, pitch: Uint8Array, byStart: Uint32Array, byEnd: Uint32Array, drum: Uint8Array, out: Progression): void {
  const n = byStart.length;
  // weights[pc]: time class pc sounds in the current segment, kept as "sounding until the segment's end": a
  // start at t adds segmentEnd - t, an end at t takes segmentEnd - t back, and a segment opens with every
  // sounding note's full length. The sums do not depend on the order of events within a segment, so each
  // segment takes its starts, then its ends, with no per-event merging.
  const sounding = new Int32Array(12);
  const weights = new Float64Array(12);
  let k = 0; // next in byStart
  let j = 0; // next in byEnd
  let previous = -1; // the last segment classified
  for (;;) {
    while (k < n && drum[byStart[k]]) k++;
    while (j < n && drum[byEnd[j]]) j++;
    if (j >= n) break; // every pitched note has ended (so has started)
    // The next segment with an event in it.
    const next = k < n && start[byStart[k]] < end[byEnd[j]] ? start[byStart[k]] : end[byEnd[j]];
    const segment = Math.floor(next / length);
    if (segment > previous + 1) {
      // Whole segments since the last one: what sounds now sounded through all of them, one chord.
      for (let pc = 0; pc < 12; pc++) weights[pc] = sounding[pc];
      out.add(classifyChord(weights));
    }
    previous = segment;
    const segmentEnd = (segment + 1) * length;
    // Past 2^53 ticks (only corrupt files get there) the next segment boundary is not representable:
    // stop rather than loop forever on an event that no segment can hold.
    if (!(segmentEnd > next)) break;
    for (let pc = 0; pc < 12; pc++) weights[pc] = sounding[pc] * length;
    for (; k < n; k++) {
      const i = byStart[k];
      const t = start[i];
      if (t >= segmentEnd) break;
      if (drum[i]) continue;
      const pc = pitch[i] % 12;
      sounding[pc]++;
      weights[pc] += segmentEnd - t;
    }
    for (; j < n; j++) {
      const i = byEnd[j];
      const t = end[i];
      if (t >= segmentEnd) break;
      if (drum[i]) continue;
      const pc = pitch[i] % 12;
      sounding[pc]--;
      weights[pc] -= segmentEnd - t;
    }
    out.add(classifyChord(weights));
  }
}
