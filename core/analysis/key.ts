// Key estimation (Krumhansl-Schmuckler method, C. L. Krumhansl, Cognitive Foundations of Musical Pitch,
// OUP 1990, ch. 4): a duration-weighted pitch-class histogram of the pitched notes is correlated (Pearson)
// with the 24 rotations of a key profile (key-profiles.ts); the best correlation names the key.
// Rules where the contract is silent:
// - null with fewer than MIN_PITCHED_NOTES pitched (non-drum) notes or fewer than MIN_PITCH_CLASSES distinct
//   pitch classes with positive weight: a correlation over so little says nothing about a key;
// - weight of a note: its duration in seconds, capped at MAX_NOTE_WEIGHT_SECONDS so that one stuck or
//   pedal note (never switched off, held to the end of the track) cannot outweigh the music (a robustness
//   rule: caps from 1 s to none score the same on the labelled set);
// - confidence = (r1 - r2) / (1 - r2), clamped to 0..1: the best key's lead over the runner-up as a share
//   of the runner-up's distance from a perfect fit (0 = a tie, 1 = a perfect fit ahead of an imperfect one);
// - alternates: the next ALTERNATES keys, best first, with their correlations as scores.
import type { MidiFile } from '../midi/types.ts';
import type { KeyCandidate, KeyEstimate, Mode } from './types.ts';
import { KEY_PROFILES, type KeyProfileName } from './key-profiles.ts';
import { MAX_NOTE_WEIGHT_SECONDS, noteFacts, type NoteFacts } from './note-facts.ts';
import { PITCH_CLASS_NAMES } from './pitch-class.ts';
import { round } from './round.ts';

export const MIN_PITCHED_NOTES = 8;
export const MIN_PITCH_CLASSES = 3;
export { MAX_NOTE_WEIGHT_SECONDS };
export const ALTERNATES = 4;
/**
 * Chosen by measured accuracy on the labelled corpus set (test/fixtures/key-labels.ts, `npx tsx
 * scripts/key-accuracy.ts`, 37 files): Albrecht-Shanahan 34/37 exact, MIREX 0.932; Temperley-Kostka-Payne
 * 32/37, 0.886; Krumhansl-Kessler 30/37, 0.862; Aarden-Essen 30/37, 0.843.
 */
export const DEFAULT_KEY_PROFILE: KeyProfileName = 'albrecht-shanahan';

export interface PitchClassHistogram {
  /** Index = pitch class (C = 0); seconds of sounding, each note capped at MAX_NOTE_WEIGHT_SECONDS. */
  weights: Float64Array;
  /** Pitched notes counted. */
  notes: number;
}

/**
 * @param drum per-note drum mask (drums.ts); drum notes are left out
 * @example pitchClassHistogram(file, drum).weights // Float64Array [2, 0, 1, 0, 1.5, ...]
 */
export function pitchClassHistogram(file: MidiFile, drum: Uint8Array): PitchClassHistogram {
  return histogramOf(noteFacts(file, drum, 0));
}

/** The histogram gathered by the analysis' shared pass over the notes. */
export function histogramOf(facts: NoteFacts): PitchClassHistogram {
  return { weights: facts.pitchClassWeights, notes: facts.pitchedNotes };
}

/**
 * Pearson correlation of the histogram with each key: index `tonic` for major keys, `12 + tonic` for minor.
 * All zeros when the histogram is flat (the correlation is undefined).
 */
export function keyCorrelations(weights: ArrayLike<number>, profileName: KeyProfileName): Float64Array {
  const out = new Float64Array(24);
  const h = centred(weights);
  const hNorm = norm(h);
  if (hNorm === 0) return out;
  const unit = unitProfiles(profileName);
  for (let mode = 0; mode < 2; mode++) {
    const p = unit[mode];
    for (let tonic = 0; tonic < 12; tonic++) {
      // Pitch class pc is degree (pc - tonic) mod 12 of the key; p holds the degrees twice, so no modulo.
      let dot = 0;
      for (let pc = 0; pc < 12; pc++) dot += h[pc] * p[pc - tonic + 12];
      out[mode * 12 + tonic] = dot / hNorm;
    }
  }
  return out;
}

const unitCache = new Map<KeyProfileName, [Float64Array, Float64Array]>();

/** A profile's major and minor weights centred and scaled to length 1, each written twice over (24 values). */
function unitProfiles(name: KeyProfileName): [Float64Array, Float64Array] {
  let unit = unitCache.get(name);
  if (!unit) {
    const scaled = (values: readonly number[]) => {
      const c = centred(values);
      const length = norm(c);
      const out = new Float64Array(24);
      for (let i = 0; i < 24; i++) out[i] = c[i % 12] / length;
      return out;
    };
    unit = [scaled(KEY_PROFILES[name].major), scaled(KEY_PROFILES[name].minor)];
    unitCache.set(name, unit);
  }
  return unit;
}

/**
 * The best key for a histogram, or null when it holds too little (see the rules above).
 * @example estimateKey(pitchClassHistogram(file, drum), 'krumhansl-kessler')
 * // { tonic: 'C', mode: 'major', confidence: 0.41, alternates: [{ tonic: 'A', mode: 'minor', score: 0.71 }, ...], profile: 'krumhansl-kessler' }
 */
export function estimateKey(histogram: PitchClassHistogram, profileName: KeyProfileName = DEFAULT_KEY_PROFILE): KeyEstimate | null {
  const { weights, notes } = histogram;
  let classes = 0;
  for (let pc = 0; pc < 12; pc++) if (weights[pc] > 0) classes++;
  if (notes < MIN_PITCHED_NOTES || classes < MIN_PITCH_CLASSES) return null;
  const r = keyCorrelations(weights, profileName);
  // Ranked best first; ties keep the lower index (major before minor, C first): deterministic.
  const ranked = topKeys(r, 1 + ALTERNATES);
  const best = ranked[0];
  const r1 = r[best];
  const r2 = r[ranked[1]];
  const confidence = r2 < 1 ? Math.min(1, Math.max(0, (r1 - r2) / (1 - r2))) : 0;
  // Objects written out in the JSON's field order (spreading a shared {tonic, mode} cost more than the rest).
  const alternates: KeyCandidate[] = [];
  for (let a = 1; a < ranked.length; a++) {
    const k = ranked[a];
    alternates.push({ tonic: PITCH_CLASS_NAMES[k % 12], mode: modeOf(k), score: round(r[k], 4) });
  }
  return { tonic: PITCH_CLASS_NAMES[best % 12], mode: modeOf(best), confidence: round(confidence, 4), alternates, profile: profileName };
}

function modeOf(index: number): Mode {
  return index < 12 ? 'major' : 'minor';
}

function centred(values: ArrayLike<number>): Float64Array {
  let mean = 0;
  for (let i = 0; i < 12; i++) mean += values[i];
  mean /= 12;
  const out = new Float64Array(12);
  for (let i = 0; i < 12; i++) out[i] = values[i] - mean;
  return out;
}

function norm(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/**
 * The indexes of the `count` highest values, best first; ties keep the lower index (major before minor,
 * C first), so the result is deterministic. A selection, not a sort: this runs once per file.
 */
function topKeys(r: Float64Array, count: number): number[] {
  const top: number[] = [];
  for (let k = 0; k < r.length; k++) {
    let at = top.length;
    while (at > 0 && r[top[at - 1]] < r[k]) at--;
    if (at < count) {
      top.splice(at, 0, k);
      if (top.length > count) top.pop();
    }
  }
  return top;
}
