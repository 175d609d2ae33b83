// Hand-built analyses for the database suites: every value written out, so expectations come from these
// rows and not from the code under test.
import type { Analysis, Instrument, Mode, PitchClassName } from '../../core/analysis/types.ts';

/** A fake but well-formed SHA-256: 64 hex digits derived from `n`, e.g. `sha(1)` = "000...001". */
export function sha(n: number): string {
  return n.toString(16).padStart(64, '0');
}

export const PIANO: Instrument = { channel: 1, program: 0, name: 'Acoustic Grand Piano', family: 'Piano' };
export const STRINGS: Instrument = { channel: 2, program: 48, name: 'String Ensemble 1', family: 'Ensemble' };
export const BASS: Instrument = { channel: 3, program: 33, name: 'Electric Bass (finger)', family: 'Bass' };

export interface AnalysisSpec {
  n: number;
  version?: number;
  bpm?: number;
  key?: [PitchClassName, Mode] | null;
  meter?: [number, number] | null;
  duration?: number;
  noteCount?: number;
  hasDrums?: boolean;
  instruments?: Instrument[];
  trackNames?: string[];
  lyrics?: string[];
  markers?: string[];
  copyright?: string | null;
  tracks?: { name: string | null; noteCount: number }[];
  sizeBytes?: number;
}

export function makeAnalysis(spec: AnalysisSpec): Analysis {
  const key = spec.key === undefined ? (['C', 'major'] as const) : spec.key;
  const meter = spec.meter === undefined ? ([4, 4] as const) : spec.meter;
  const tracks = spec.tracks ?? [{ name: 'Piano', noteCount: spec.noteCount ?? 100 }];
  return {
    analyzerVersion: spec.version ?? 1,
    sha256: sha(spec.n),
    sizeBytes: spec.sizeBytes ?? 1000 + spec.n,
    container: 'smf',
    format: tracks.length > 1 ? 1 : 0,
    trackCount: tracks.length,
    ppq: 480,
    smpte: null,
    durationSeconds: spec.duration ?? 60,
    durationTicks: 57600,
    notesEndSeconds: (spec.duration ?? 60) - 0.5,
    noteCount: spec.noteCount ?? 100,
    drumNoteCount: spec.hasDrums ? 10 : 0,
    tempo: { initialBpm: spec.bpm ?? 120, dominantBpm: spec.bpm ?? 120, minBpm: spec.bpm ?? 120, maxBpm: spec.bpm ?? 120, changes: 0 },
    timeSignature: meter ? { numerator: meter[0], denominator: meter[1], changes: 0 } : null,
    key: key ? { tonic: key[0], mode: key[1], confidence: 0.75, alternates: [{ tonic: 'G', mode: 'major', score: 0.5 }], profile: 'test' } : null,
    keySignature: null,
    pitch: { min: 48, max: 72, unique: 12 },
    velocity: { min: 40, max: 110, mean: 80.25 },
    polyphony: { max: 4, mean: 1.5 },
    notesPerSecond: 1.6666666666666667,
    channels: [1],
    instruments: spec.instruments ?? [PIANO],
    hasDrums: spec.hasDrums ?? false,
    tracks: tracks.map((t, index) => ({ index, name: t.name, noteCount: t.noteCount, channels: [1] })),
    text: {
      trackNames: spec.trackNames ?? tracks.map((t) => t.name).filter((n): n is string => n !== null),
      copyright: spec.copyright ?? null,
      markers: spec.markers ?? [],
      lyrics: spec.lyrics ?? [],
    },
    chords: { count: 2, progression: ['C', 'G'] },
    fingerprint: 'f'.repeat(16),
    warnings: [],
  };
}
