// The analysis JSON of ../shared/docs/contract.md: one object per file, identical from the CLI, HTTP and
// the database. Fields may be added; none may be renamed.
import type { MidiWarning, SmpteDivision } from '../midi/types.ts';

export type PitchClassName = 'C' | 'C#' | 'D' | 'D#' | 'E' | 'F' | 'F#' | 'G' | 'G#' | 'A' | 'A#' | 'B';
export type Mode = 'major' | 'minor';

export interface TempoSummary {
  /** The tempo in force when the first note starts (tick 0 without notes); 120 when no tempo event precedes it. */
  initialBpm: number;
  /** The tempo that covers the most time, weighted over [0, durationSeconds]. */
  dominantBpm: number;
  /** Lowest and highest tempo in force at some point (the 120 default too, when time passes before the first tempo event). */
  minBpm: number;
  maxBpm: number;
  /** How many tempo events set a tempo different from the one in force (the default 120 included). See core/analysis/tempo.ts. */
  changes: number;
}

export interface TimeSignatureSummary {
  numerator: number;
  denominator: number;
  /** How many later time-signature events change the meter. */
  changes: number;
}

export interface KeyCandidate {
  tonic: PitchClassName;
  mode: Mode;
  score: number;
}

export interface KeyEstimate {
  tonic: PitchClassName;
  mode: Mode;
  /** 0..1: how far the best key stands above the runner-up (see core/analysis/key.ts). */
  confidence: number;
  /** The next best keys, best first. */
  alternates: KeyCandidate[];
  /** Which key profile produced it. */
  profile: string;
}

export interface KeySignature {
  tonic: PitchClassName;
  mode: Mode;
}

export interface Instrument {
  /** 1-16 */
  channel: number;
  /** 0-127 */
  program: number;
  name: string;
  family: string;
}

/** One per track, for the first 1024 tracks (core/analysis/tracks.ts); `Analysis.trackCount` has the real number. */
export interface TrackSummary {
  index: number;
  name: string | null;
  noteCount: number;
  /** 1-16 */
  channels: number[];
}

export interface TextSummary {
  trackNames: string[];
  copyright: string | null;
  markers: string[];
  lyrics: string[];
}

export interface Analysis {
  analyzerVersion: number;
  sha256: string;
  sizeBytes: number;
  container: 'smf' | 'rmid';
  format: 0 | 1 | 2;
  trackCount: number;
  ppq: number | null;
  smpte: SmpteDivision | null;
  durationSeconds: number;
  durationTicks: number;
  notesEndSeconds: number;
  noteCount: number;
  drumNoteCount: number;
  tempo: TempoSummary;
  timeSignature: TimeSignatureSummary | null;
  key: KeyEstimate | null;
  keySignature: KeySignature | null;
  pitch: { min: number; max: number; unique: number } | null;
  velocity: { min: number; max: number; mean: number } | null;
  polyphony: { max: number; mean: number };
  notesPerSecond: number;
  channels: number[];
  instruments: Instrument[];
  hasDrums: boolean;
  tracks: TrackSummary[];
  text: TextSummary;
  chords: { count: number; progression: string[] };
  fingerprint: string;
  warnings: MidiWarning[];
}
