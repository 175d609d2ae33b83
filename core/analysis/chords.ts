// Chords by template matching (chord-templates.ts). Rules where the contract is silent:
// - segments: one per quarter note (ppq ticks) on the tick grid from tick 0, whatever the time signature
//   (a beat of 6/8 or 2/2 is not a quarter, but the quarter is what every file with ppq timing shares).
//   Files without one tick grid for all tracks (SMPTE division, format 2) use half-second segments;
// - a segment's pitch-class weights: how long each pitched (non-drum) note sounds inside the segment;
// - a segment gets the best template if it reaches the threshold of classifyChord, else no chord;
// - the progression lists chord names in time order with consecutive repeats collapsed; segments without a
//   chord are skipped, so C, (rest), C is one "C". `count` is the length of that whole collapsed progression
//   (the number of chord changes plus one); `progression` holds its first PROGRESSION_LIMIT names.
// Cost: one walk through the notes sorted by start and the notes sorted by end, a segment at a time;
// stretches where nothing starts or stops are classified once, however many segments they last.
import type { MidiFile } from '../midi/types.ts';
import { chordName, classifyChord } from './chord-templates.ts';

export const PROGRESSION_LIMIT = 64;
const SEGMENT_SECONDS = 0.5;

export interface ChordSummary {
  count: number;
  progression: string[];
}

/**
 * @param byStart, byEnd note indexes sorted by start and by end (note-order.ts)
 * @param drum per-note drum mask (drums.ts)
 * @example chordsOf(file, byStart, byEnd, drum) // { count: 5, progression: ['C', 'Am', 'F', 'G7', 'C'] }
 */
export function chordsOf(file: MidiFile, byStart: Uint32Array, byEnd: Uint32Array, drum: Uint8Array): ChordSummary {
  const { notes } = file;
  const byTicks = file.ppq !== null && file.format !== 2;
  const start = byTicks ? notes.startTick : notes.startSeconds;
  const end = byTicks ? notes.endTick : notes.endSeconds;
  const length = byTicks ? (file.ppq as number) : SEGMENT_SECONDS;
  const pitch = notes.pitch;
  const n = notes.count;
  const out = new Progression();
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
  return { count: out.count, progression: out.names };
}

/** The collapsed progression: consecutive repeats and unrecognised segments (-1) add nothing. */
class Progression {
  count = 0;
  names: string[] = [];
  private last = -1;

  add(chord: number): void {
    if (chord < 0 || chord === this.last) return;
    this.last = chord;
    this.count++;
    if (this.names.length < PROGRESSION_LIMIT) this.names.push(chordName(chord));
  }
}
