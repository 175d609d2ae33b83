// The library filters of the contract's `query` command (and of `GET /files`), and parsers for their text
// forms, shared by the CLI and the HTTP API: "120..128", "A minor", "3/4".
import type { Mode, PitchClassName } from '../analysis/types.ts';
import { PipelineError } from '../errors.ts';

export interface NumberRange {
  /** Inclusive bounds; either may be absent. */
  min?: number;
  max?: number;
}

export interface KeyFilter {
  tonic: PitchClassName;
  /** Absent: either mode. */
  mode?: Mode;
}

export interface LibraryFilters {
  /** The dominant tempo (`tempo.dominantBpm`). */
  bpm?: NumberRange;
  /** The estimated key (`key`), not the key-signature meta event. */
  key?: KeyFilter;
  /** The first time signature. */
  timeSignature?: { numerator: number; denominator: number };
  minDurationSeconds?: number;
  maxDurationSeconds?: number;
  /** A GM family ("piano", "strings") or program name ("Acoustic Grand Piano"), any case, whole name. */
  instrument?: string;
  /** true: files with drums only; false: files without. */
  drums?: boolean;
  /** A word or phrase found in track names, lyrics, markers, copyright or any path, any case. */
  text?: string;
}

/** e.g. `parseRange('120..128')` -> `{min: 120, max: 128}`; `'120'` -> `{min: 120, max: 120}`; `'..90'` -> `{max: 90}`. */
export function parseRange(text: string): NumberRange {
  const m = /^\s*(-?\d+(?:\.\d+)?)?\s*(\.\.)?\s*(-?\d+(?:\.\d+)?)?\s*$/.exec(text);
  const min = m?.[1] === undefined ? undefined : Number(m[1]);
  const max = m?.[3] === undefined ? undefined : Number(m[3]);
  if (!m || (min === undefined && max === undefined) || (min !== undefined && !Number.isFinite(min)) || (max !== undefined && !Number.isFinite(max)) || (!m[2] && max !== undefined)) {
    throw invalid(`range "${text}": expected MIN..MAX, MIN.., ..MAX or a single number`);
  }
  const range = m[2] ? { min, max } : { min, max: min };
  if (range.min !== undefined && range.max !== undefined && range.min > range.max) throw invalid(`range "${text}": min above max`);
  return Object.fromEntries(Object.entries(range).filter(([, v]) => v !== undefined)) as NumberRange;
}

const SHARPS: readonly PitchClassName[] = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const NATURALS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
// "m" alone is minor and "M" major, as in chord symbols; the words in any case.
const MODE_WORDS: Record<string, Mode> = { m: 'minor', M: 'major', min: 'minor', minor: 'minor', maj: 'major', major: 'major' };

/**
 * e.g. `parseKey('A minor')` -> `{tonic: 'A', mode: 'minor'}`; also "Am", "Bb major" (-> A#), "f#", "C maj".
 * Flats are spelled as the contract's sharps.
 */
export function parseKey(text: string): KeyFilter {
  const m = /^\s*([A-Ga-g])\s*([#♯b♭]?)\s*([A-Za-z]*)\s*$/.exec(text);
  const mode = m ? MODE_WORDS[m[3]!] ?? MODE_WORDS[m[3]!.toLowerCase()] : undefined;
  if (!m || (m[3] !== '' && mode === undefined)) {
    throw invalid(`key "${text}": expected a tonic and optional mode, e.g. "A minor", "F# major", "Bb"`);
  }
  const accidental = m[2] === '#' || m[2] === '♯' ? 1 : m[2] === 'b' || m[2] === '♭' ? -1 : 0;
  const tonic = SHARPS[(NATURALS[m[1]!.toUpperCase()]! + accidental + 12) % 12]!;
  return mode ? { tonic, mode } : { tonic };
}

/** e.g. `parseTimeSignature('3/4')` -> `{numerator: 3, denominator: 4}`. */
export function parseTimeSignature(text: string): { numerator: number; denominator: number } {
  const m = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text);
  if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) throw invalid(`time signature "${text}": expected N/D, e.g. 3/4`);
  return { numerator: Number(m[1]), denominator: Number(m[2]) };
}

function invalid(message: string): PipelineError {
  return new PipelineError('FILTER_INVALID', message);
}
