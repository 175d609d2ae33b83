// The analysis of one MIDI file: reads the bytes once and composes every module into the contract's
// analysis JSON (../shared/docs/contract.md, "Analysis JSON").
import { toErrorInfo, type ErrorInfo } from '../errors.ts';
import { readMidi } from '../midi/read.ts';
import type { MidiFile } from '../midi/types.ts';
import type { Analysis } from './types.ts';
import { chordsOf } from './chords.ts';
import { analysisContext } from './context.ts';
import { durationOf } from './duration.ts';
import { fingerprintOf } from './fingerprint.ts';
import { instrumentsOf } from './instruments.ts';
import { estimateKey, histogramOf } from './key.ts';
import { keySignatureOf } from './key-signature.ts';
import { timeSignatureOf } from './meter.ts';
import { noteFacts } from './note-facts.ts';
import { channelsUsed, notesPerSecond, pitchStats, velocityStats } from './notes-stats.ts';
import { polyphony } from './polyphony.ts';
import { round } from './round.ts';
import { tempoSummary } from './tempo.ts';
import { textOf } from './text.ts';
import { MAX_TRACKS_LISTED, tracksOf } from './tracks.ts';

/**
 * Bumped whenever any field's meaning or computation changes, so stored analyses get redone.
 * 2: the fingerprint's per-note hash (fingerprint.ts); every other field is unchanged.
 * 3: format 2 files whose notes' end ticks ascend while their end seconds do not (tracks with different
 *    tempos) had their notes by end in tick order, which the chord sweep and polyphony read as time
 *    order (note-order.ts); no corpus file changed.
 */
export const ANALYZER_VERSION = 3;

export interface AnalyzeOptions {
  /** Lowercase hex SHA-256 of `bytes` (computed by the caller, who usually needs it anyway). */
  sha256: string;
  /** Larger inputs are refused with FILE_TOO_LARGE (the reader's default otherwise). */
  maxBytes?: number;
}

/**
 * @throws PipelineError (MIDI_EMPTY, MIDI_NOT_SMF, MIDI_BAD_HEADER, MIDI_NO_TRACKS, FILE_TOO_LARGE) for input
 * that is not MIDI at all
 * @example analyzeMidi(bytes, { sha256 }).tempo.dominantBpm // 120
 */
export function analyzeMidi(bytes: Uint8Array, options: AnalyzeOptions): Analysis {
  const file = readMidi(bytes, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  return analyzeFile(file, options.sha256, bytes.length);
}

/**
 * The analysis of a file already read (e.g. by a caller that also splits it); `context` when the caller
 * needs the same note orders and drum mask for something else (the web page's piano roll).
 */
export function analyzeFile(file: MidiFile, sha256: string, sizeBytes: number, context = analysisContext(file)): Analysis {
  const { notes } = file;
  const { byStart, drum, rows } = context;
  const facts = noteFacts(file, drum, MAX_TRACKS_LISTED);
  const duration = durationOf(file);
  return {
    analyzerVersion: ANALYZER_VERSION,
    sha256,
    sizeBytes,
    container: file.container,
    format: file.format,
    trackCount: file.trackCount,
    ppq: file.ppq,
    smpte: file.smpte,
    durationSeconds: round(duration.seconds, 6),
    durationTicks: duration.ticks,
    notesEndSeconds: round(facts.notesEndSeconds, 6),
    noteCount: notes.count,
    drumNoteCount: facts.drumNotes,
    tempo: tempoSummary(file, notes.count > 0 ? byStart[0] : -1, duration.seconds),
    timeSignature: timeSignatureOf(file, rows.meta),
    key: estimateKey(histogramOf(facts)),
    keySignature: keySignatureOf(file, rows.meta),
    pitch: pitchStats(facts),
    velocity: velocityStats(facts),
    polyphony: polyphony(notes, byStart, context),
    notesPerSecond: notesPerSecond(notes.count, duration.seconds),
    channels: channelsUsed(facts),
    instruments: instrumentsOf(file, byStart, drum, facts, rows.programs),
    hasDrums: facts.drumNotes > 0,
    tracks: tracksOf(file, facts, rows.meta),
    text: textOf(file, rows.meta),
    chords: chordsOf(context),
    fingerprint: fingerprintOf(file),
    warnings: file.warnings,
  };
}

export type AnalyzeResult = { ok: true; analysis: Analysis } | { ok: false; error: ErrorInfo };

/** Lowercase hex SHA-256 with Web Crypto (every runtime core supports has `crypto.subtle`). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (let i = 0; i < digest.length; i++) hex += digest[i].toString(16).padStart(2, '0');
  return hex;
}

/**
 * Hashes and analyses; never throws: input that is not MIDI (and any unexpected failure, code INTERNAL)
 * becomes `{ ok: false, error: { code, message } }`.
 * @example await analyzeBytes(new Uint8Array()) // { ok: false, error: { code: 'MIDI_EMPTY', message: 'file is empty' } }
 */
export async function analyzeBytes(bytes: Uint8Array, options: { maxBytes?: number } = {}): Promise<AnalyzeResult> {
  try {
    const sha256 = await sha256Hex(bytes);
    return { ok: true, analysis: analyzeMidi(bytes, { sha256, ...options }) };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}
