// Chords by template matching (chord-templates.ts). Rules where the contract is silent:
// - segments: one per quarter note (ppq ticks) on the tick grid from tick 0, whatever the time signature
//   (a beat of 6/8 or 2/2 is not a quarter, but the quarter is what every file with ppq timing shares).
//   Files without one tick grid for all tracks (SMPTE division, format 2) use half-second segments;
// - a segment's pitch-class weights: how long each pitched (non-drum) note sounds inside the segment;
// - a segment gets the best template if it reaches the threshold of classifyChord, else no chord;
// - the progression lists chord names in time order with consecutive repeats collapsed; segments without a
//   chord are skipped, so C, (rest), C is one "C". `count` is the length of that whole collapsed progression
//   (the number of chord changes plus one); `progression` holds its first PROGRESSION_LIMIT names.
// Two ways to the same weights: on the tick grid, the ends of the notes go into lists per segment
// (chord-grid.ts); segments in seconds, and grids too sparse to allocate, sweep the notes in start and end
// order (chord-sweep.ts). The grid costs about what the sweep did (chords 145-150 ms per corpus pass, 60 of
// them classifying 201,125 segments) but needs no sort by end, which cost another 80-100 ms.
import type { AnalysisContext } from './context.ts';
import { gridSegments } from './chord-grid.ts';
import { Progression, PROGRESSION_LIMIT } from './chord-progression.ts';
import { sweepSegments } from './chord-sweep.ts';

export { PROGRESSION_LIMIT };
const SEGMENT_SECONDS = 0.5;

export interface ChordSummary {
  count: number;
  progression: string[];
}

/** @example chordsOf(context) // { count: 5, progression: ['C', 'Am', 'F', 'G7', 'C'] } */
export function chordsOf(context: AnalysisContext): ChordSummary {
  const { file, drum } = context;
  const { notes } = file;
  const out = new Progression();
  const onGrid = file.ppq !== null && file.format !== 2;
  if (!onGrid) {
    sweepSegments(notes.startSeconds, notes.endSeconds, SEGMENT_SECONDS, notes.pitch, context.byStart, context.byEnd(), drum, out);
  } else if (!gridSegments(notes, file.ppq as number, context.byStart, drum, out)) {
    sweepSegments(notes.startTick, notes.endTick, file.ppq as number, notes.pitch, context.byStart, context.byEnd(), drum, out);
  }
  return { count: out.count, progression: out.names };
}
