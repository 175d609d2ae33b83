// The typed, indexed columns of the `analyses` table, derived from an Analysis in one pure function, so the
// query filters (library-query.ts) and the stored JSON never disagree.
import type { Analysis } from '../analysis/types.ts';
import { storableText } from './values.ts';

export interface AnalysisColumns {
  analyzerVersion: number;
  bpm: number;
  initialBpm: number;
  keyTonic: string | null;
  keyMode: string | null;
  keyConfidence: number | null;
  meterNumerator: number | null;
  meterDenominator: number | null;
  durationSeconds: number;
  noteCount: number;
  noteTrackCount: number;
  hasDrums: boolean;
  instrumentFamilies: string[];
  instrumentNames: string[];
  searchText: string;
}

/**
 * e.g. an analysis at 120 BPM in A minor, 3/4, with a piano -> `{bpm: 120, keyTonic: 'A', keyMode: 'minor',
 * meterNumerator: 3, meterDenominator: 4, instrumentFamilies: ['piano'], ...}`.
 */
export function toAnalysisColumns(analysis: Analysis): AnalysisColumns {
  return {
    analyzerVersion: analysis.analyzerVersion,
    bpm: analysis.tempo.dominantBpm,
    initialBpm: analysis.tempo.initialBpm,
    keyTonic: analysis.key?.tonic ?? null,
    keyMode: analysis.key?.mode ?? null,
    keyConfidence: analysis.key?.confidence ?? null,
    meterNumerator: analysis.timeSignature?.numerator ?? null,
    meterDenominator: analysis.timeSignature?.denominator ?? null,
    durationSeconds: analysis.durationSeconds,
    noteCount: analysis.noteCount,
    noteTrackCount: analysis.tracks.filter((t) => t.noteCount > 0).length,
    hasDrums: analysis.hasDrums,
    instrumentFamilies: distinctLower(analysis.instruments.map((i) => i.family)),
    instrumentNames: distinctLower(analysis.instruments.map((i) => i.name)),
    searchText: searchText(analysis),
  };
}

/**
 * The text the `text` filter searches (besides paths): track names, copyright, markers and lyrics, one per
 * line. Lyrics are joined without separators because karaoke files split words into syllables that carry
 * their own spaces ("Hel", "lo ", "world"), so a word stays findable.
 */
export function searchText(analysis: Analysis): string {
  const t = analysis.text;
  const parts = [...t.trackNames, t.copyright ?? '', ...t.markers, t.lyrics.join('')];
  return storableText(parts.filter((p) => p.length > 0).join('\n'));
}

function distinctLower(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0).map((v) => v.toLowerCase()))].sort();
}
