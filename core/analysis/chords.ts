// Chords by template matching (chord-templates.ts). Rules where the contract is silent:
// - segments: one per quarter note (ppq ticks) on the tick grid from tick 0, whatever the time signature
//   (a beat of 6/8 or 2/2 is not a quarter, but the quarter is what every file with ppq timing shares).
//   Files without one tick grid for all tracks (SMPTE division, format 2) use half-second segments;
// - a segment's pitch-class weights: how long each pitched (non-drum) note sounds inside the segment;
// - a segment gets the best template if it reaches the threshold of classifyChord, else no chord;
// - the progression lists chord names in time order with consecutive repeats collapsed; segments without a
//   chord are skipped, so C, (rest), C is one "C". `count` is the length of that whole collapsed progression
//   (the number of chord changes plus one); `progression` holds its first PROGRESSION_LIMIT names.
// Cost: one sweep over the notes in start order with a heap of sounding notes' ends; weights are brought up
// to date per pitch class only when that class starts or stops sounding, and stretches where nothing starts
// or stops are classified once, however many segments they last.
import type { MidiFile } from '../midi/types.ts';
import { chordName, classifyChord } from './chord-templates.ts';
import { EndHeap } from './end-heap.ts';

export const PROGRESSION_LIMIT = 64;
const SEGMENT_SECONDS = 0.5;

export interface ChordSummary {
  count: number;
  progression: string[];
}

/** @example chordsOf(file, order, drum) // { count: 5, progression: ['C', 'Am', 'F', 'G7', 'C'] } */
export function chordsOf(file: MidiFile, order: Uint32Array, drum: Uint8Array): ChordSummary {
  const { notes } = file;
  const byTicks = file.ppq !== null && file.format !== 2;
  const start = byTicks ? notes.startTick : notes.startSeconds;
  const end = byTicks ? notes.endTick : notes.endSeconds;
  const length = byTicks ? (file.ppq as number) : SEGMENT_SECONDS;
  const pitch = notes.pitch;
  const n = notes.count;
  const out = new Progression();
  const heap = new EndHeap(64);
  const sounding = new Int32Array(12);
  const since = new Float64Array(12); // when each class's weight was last brought up to date
  const weights = new Float64Array(12);
  let segment = 0;
  let segmentEnd = length;
  let k = 0;
  for (;;) {
    while (k < n && drum[order[k]]) k++;
    const nextStart = k < n ? start[order[k]] : Infinity;
    const isEnd = heap.size > 0 && heap.minEnd() <= nextStart;
    if (!isEnd && k >= n) break;
    const t = isEnd ? heap.minEnd() : nextStart;
    if (t >= segmentEnd) {
      // Close the current segment, then any whole segments up to the one holding t.
      for (let pc = 0; pc < 12; pc++) weights[pc] += sounding[pc] * (segmentEnd - since[pc]);
      out.add(classifyChord(weights));
      weights.fill(0);
      segment++;
      const target = Math.floor(t / length);
      if (target > segment) {
        for (let pc = 0; pc < 12; pc++) weights[pc] = sounding[pc];
        out.add(classifyChord(weights));
        weights.fill(0);
        segment = target;
      }
      segmentEnd = (segment + 1) * length;
      since.fill(segment * length);
    }
    let pc: number;
    let step: number;
    if (isEnd) {
      pc = heap.popTag();
      step = -1;
    } else {
      const i = order[k++];
      pc = pitch[i] % 12;
      heap.push(end[i], pc);
      step = 1;
    }
    weights[pc] += sounding[pc] * (t - since[pc]);
    since[pc] = t;
    sounding[pc] += step;
  }
  for (let pc = 0; pc < 12; pc++) weights[pc] += sounding[pc] * (segmentEnd - since[pc]);
  out.add(classifyChord(weights));
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
