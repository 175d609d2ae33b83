// The work one analysis job does, wherever it runs (a worker thread, or inline): bytes in, the outcome
// the database stores out. Pure functions over core, so every runtime shares them.
import { analyzeMidi, ANALYZER_VERSION } from '../analysis/analyze.ts';
import type { AnalysisOutcome, FailedOutcome } from '../db/write-files.ts';
import { toErrorInfo } from '../errors.ts';
import { readMidi } from '../midi/read.ts';
import { splitTracks } from '../split/split.ts';
import type { AnalyzeTask, SplitChild, SplitOutcome } from './analyzer.ts';
import type { Hasher } from './hasher.ts';

// Codes that say the bytes are not MIDI: asking again gives the same answer until the analyzer version
// changes (which makes every file due again anyway).
const PERMANENT = new Set(['MIDI_EMPTY', 'MIDI_NOT_SMF', 'MIDI_BAD_HEADER', 'MIDI_NO_TRACKS', 'FILE_TOO_LARGE']);

/** A failed outcome, e.g. `failedOutcome({code: 'FILE_UNREADABLE', message: 'gone'})` -> retryable. */
export function failedOutcome(error: { code: string; message: string }, retryable = !PERMANENT.has(error.code)): FailedOutcome {
  return { ok: false, analyzerVersion: ANALYZER_VERSION, error: { code: error.code, message: error.message }, retryable };
}

/**
 * e.g. `analyzeJob({bytes, sha256, maxBytes})` -> `{ok: true, analysis}` or `{ok: false, error: {code:
 * 'MIDI_NOT_SMF', ...}, retryable: false}`. An exception from the analyzer itself (a bug, not bad input)
 * is recorded as ANALYSIS_CRASHED and not retried: the same bytes would crash the same code again; a
 * fixed analyzer comes with a new ANALYZER_VERSION, which makes the file due again.
 */
export function analyzeJob(task: AnalyzeTask): AnalysisOutcome {
  try {
    return { ok: true, analysis: analyzeMidi(task.bytes, { sha256: task.sha256, maxBytes: task.maxBytes }) };
  } catch (error) {
    const info = toErrorInfo(error, 'ANALYSIS_CRASHED');
    if (PERMANENT.has(info.code)) return failedOutcome(info, false);
    return failedOutcome({ code: 'ANALYSIS_CRASHED', message: `${info.code === 'ANALYSIS_CRASHED' ? '' : `${info.code}: `}${info.message}` }, false);
  }
}

/**
 * Splits a parent into one file per track with notes (core/split/split.ts) and analyses each child, so a
 * child is written to the library in the same pass that made it.
 */
export function splitJob(task: AnalyzeTask, hasher: Hasher): SplitOutcome {
  let children;
  try {
    children = splitTracks(readMidi(task.bytes, { maxBytes: task.maxBytes }));
  } catch (error) {
    return { ok: false, error: toErrorInfo(error, 'SPLIT_CRASHED'), retryable: false };
  }
  return {
    ok: true,
    children: children.map((child): SplitChild => {
      const sha256 = hasher.sha256(child.bytes);
      const outcome = analyzeJob({ bytes: child.bytes, sha256, maxBytes: task.maxBytes });
      const trackName = outcome.ok ? (outcome.analysis.tracks[0]?.name ?? null) : null;
      return { trackIndex: child.trackIndex, trackName, sha256, bytes: child.bytes, outcome };
    }),
  };
}
