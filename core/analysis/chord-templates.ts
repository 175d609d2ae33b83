// Chord templates and names: the qualities the analysis recognises, as pitch-class sets above the root.
import { PITCH_CLASS_NAMES } from './pitch-class.ts';

export interface ChordQuality {
  /** Appended to the root's name: "" (C), "m" (Cm), "dim", "aug", "sus2", "sus4", "7", "maj7", "m7". */
  suffix: string;
  /** Semitones above the root. */
  intervals: readonly number[];
}

/** In preference order: on an exact tie of scores the earlier quality wins. */
export const CHORD_QUALITIES: readonly ChordQuality[] = [
  { suffix: '', intervals: [0, 4, 7] },
  { suffix: 'm', intervals: [0, 3, 7] },
  { suffix: '7', intervals: [0, 4, 7, 10] },
  { suffix: 'maj7', intervals: [0, 4, 7, 11] },
  { suffix: 'm7', intervals: [0, 3, 7, 10] },
  { suffix: 'dim', intervals: [0, 3, 6] },
  { suffix: 'aug', intervals: [0, 4, 8] },
  { suffix: 'sus4', intervals: [0, 5, 7] },
  { suffix: 'sus2', intervals: [0, 2, 7] },
];

/** Name of chord `index` = quality * 12 + root, e.g. `chordName(9 + 12)` = "Am", `chordName(7 + 24)` = "G7". */
export function chordName(index: number): string {
  return PITCH_CLASS_NAMES[index % 12] + CHORD_QUALITIES[Math.floor(index / 12)].suffix;
}

/** Minimum cosine similarity between a segment's pitch-class weights and the best template. */
export const MIN_CHORD_SCORE = 0.7;
/** A pitch class takes part in a segment when its weight is at least this share of the heaviest one. */
export const SIGNIFICANT_SHARE = 0.1;

/**
 * Best chord for 12 pitch-class weights: the template with the highest cosine similarity, considering only
 * roots that sound significantly; ties go to the heavier root, then to the earlier quality and lower root.
 * Returns -1 when fewer than 3 pitch classes are significant or no template reaches MIN_CHORD_SCORE.
 * @example classifyChord(Float64Array.of(1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0)) // 0, i.e. "C"
 */
export function classifyChord(weights: Float64Array): number {
  let max = 0;
  for (let pc = 0; pc < 12; pc++) if (weights[pc] > max) max = weights[pc];
  if (max <= 0) return -1;
  const floor = max * SIGNIFICANT_SHARE;
  let significant = 0;
  let sumSquares = 0;
  for (let pc = 0; pc < 12; pc++) {
    const w = weights[pc];
    if (w >= floor) significant++;
    sumSquares += w * w;
  }
  if (significant < 3) return -1;
  const norm = Math.sqrt(sumSquares);
  let best = -1;
  let bestScore = MIN_CHORD_SCORE - 1e-9;
  let bestRootWeight = 0;
  for (let root = 0; root < 12; root++) {
    const rootWeight = weights[root];
    if (rootWeight < floor) continue;
    for (let q = 0; q < CHORD_QUALITIES.length; q++) {
      const intervals = CHORD_QUALITIES[q].intervals;
      let dot = 0;
      for (let k = 0; k < intervals.length; k++) dot += weights[(root + intervals[k]) % 12];
      const score = dot / (norm * Math.sqrt(intervals.length));
      const index = q * 12 + root;
      if (score > bestScore + 1e-9) {
        best = index;
        bestScore = score;
        bestRootWeight = rootWeight;
      } else if (score > bestScore - 1e-9 && best >= 0) {
        // A tie (symmetric chords: C aug = E aug, Csus2 = Gsus4): the heavier root, then the smaller index.
        if (rootWeight > bestRootWeight || (rootWeight === bestRootWeight && index < best)) {
          best = index;
          bestRootWeight = rootWeight;
        }
      }
    }
  }
  return best;
}
