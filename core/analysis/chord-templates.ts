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

/** The weights twice over, so that root + interval needs no modulo. */
const doubled = new Float64Array(24);
/** Template values (dot product / sqrt(size)) of the current root, in CHORD_QUALITIES order. */
const values = new Float64Array(CHORD_QUALITIES.length);
const INV_SQRT3 = 1 / Math.sqrt(3);

/**
 * Best chord for 12 pitch-class weights: the template with the highest cosine similarity, considering only
 * roots that sound significantly; ties go to the heavier root, then to the earlier quality and lower root.
 * Returns -1 when fewer than 3 pitch classes are significant or no template reaches MIN_CHORD_SCORE.
 * @example classifyChord(Float64Array.of(1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0)) // 0, i.e. "C"
 */
export function classifyChord(weights: Float64Array): number {
  // The weights twice over, so that root + interval needs no modulo; the copy finds the heaviest too.
  let max = 0;
  for (let pc = 0; pc < 12; pc++) {
    const x = weights[pc];
    doubled[pc] = x;
    doubled[pc + 12] = x;
    if (x > max) max = x;
  }
  return max > 0 ? bestTemplate(doubled, max) : -1;
}

/**
 * classifyChord on the weights written twice over (24 values) whose largest is `max` (> 0). The dot
 * products are written out per quality (in CHORD_QUALITIES order; a test checks each template against the
 * table): this runs once per beat of every file (201,125 times per corpus pass), and loops over interval
 * lists cost 5x more.
 */
function bestTemplate(w: Float64Array, max: number): number {
  const floor = max * SIGNIFICANT_SHARE;
  let roots = 0; // bit pc set when pitch class pc is significant
  let sumSquares = 0;
  for (let pc = 0; pc < 12; pc++) {
    const x = w[pc];
    if (x >= floor) roots |= 1 << pc;
    sumSquares += x * x;
  }
  let rest = roots & (roots - 1);
  rest &= rest - 1;
  if (rest === 0) return -1; // fewer than 3 significant
  const norm = Math.sqrt(sumSquares);
  // Cosine similarity = dot / (sqrt(template size) * norm); the norm is common to all templates, so
  // compare dot / sqrt(size) and divide by the norm once at the end.
  const tie = norm * 1e-9;
  let best = -1;
  let bestValue = -1;
  let bestRootWeight = 0;
  // The significant roots from their bits, lowest first (the tie rules below depend on that order); a
  // test-and-skip over all 12 mispredicted often.
  for (let bits = roots; bits !== 0; bits &= bits - 1) {
    const root = 31 - Math.clz32(bits & -bits);
    const r = w[root];
    const m2 = w[root + 2];
    const m3 = w[root + 3];
    const M3 = w[root + 4];
    const p4 = w[root + 5];
    const d5 = w[root + 6];
    const p5 = w[root + 7];
    const a5 = w[root + 8];
    const m7 = w[root + 10];
    const M7 = w[root + 11];
    const major = (r + M3 + p5) * INV_SQRT3;
    const minor = (r + m3 + p5) * INV_SQRT3;
    const dominant7 = (r + M3 + p5 + m7) * 0.5;
    const major7 = (r + M3 + p5 + M7) * 0.5;
    const minor7 = (r + m3 + p5 + m7) * 0.5;
    const diminished = (r + m3 + d5) * INV_SQRT3;
    const augmented = (r + M3 + a5) * INV_SQRT3;
    const sus4 = (r + p4 + p5) * INV_SQRT3;
    const sus2 = (r + m2 + p5) * INV_SQRT3;
    // Both updates below need a value above bestValue - tie: a root none of whose templates gets there
    // changes nothing (most roots, once a good chord is found), so skip it without the ordered scan.
    if (Math.max(major, minor, dominant7, major7, minor7, diminished, augmented, sus4, sus2) <= bestValue - tie) continue;
    values[0] = major;
    values[1] = minor;
    values[2] = dominant7;
    values[3] = major7;
    values[4] = minor7;
    values[5] = diminished;
    values[6] = augmented;
    values[7] = sus4;
    values[8] = sus2;
    for (let q = 0; q < 9; q++) {
      const value = values[q];
      if (value > bestValue + tie) {
        best = q * 12 + root;
        bestValue = value;
        bestRootWeight = r;
      } else if (value > bestValue - tie && (r > bestRootWeight || (r === bestRootWeight && q * 12 + root < best))) {
        // A tie (symmetric chords: C aug = E aug, Csus2 = Gsus4): the heavier root, then the smaller index.
        best = q * 12 + root;
        bestRootWeight = r;
      }
    }
  }
  return bestValue / norm >= MIN_CHORD_SCORE ? best : -1;
}
