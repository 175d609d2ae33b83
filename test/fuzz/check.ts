// One input through everything the fuzzer covers: read, analyse, split, read every child back; timed,
// measured and checked. Returns what happened; a `failure` is a defect (crash, broken invariant or bound).
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import { readMidi } from '../../core/midi/read.ts';
import type { MidiFile } from '../../core/midi/types.ts';
import { splitTracks, type SplitChild } from '../../core/split/split.ts';
import { JSON_MAX_CHARS, splitLimit, tableBytes, tableLimit, timeLimitMs } from './bounds.ts';
import { analysisProblems, fileProblems } from './invariants.ts';
import { jsonProblems } from './json-safe.ts';
import { splitProblems } from './split-check.ts';

/** The typed errors of the contract for input the reader cannot take. */
export const TYPED_CODES: ReadonlySet<string> = new Set(['MIDI_EMPTY', 'MIDI_NOT_SMF', 'MIDI_BAD_HEADER', 'MIDI_NO_TRACKS', 'FILE_TOO_LARGE']);

export type FailureKind = 'crash' | 'invariant' | 'time' | 'memory';

export interface Outcome {
  /** 'result' (read and analysed) or the typed error code. */
  outcome: string;
  /** Wall time in all, and of each stage (split includes reading every child back). */
  ms: number;
  readMs: number;
  analyzeMs: number;
  splitMs: number;
  tableBytes: number;
  jsonChars: number;
  splitBytes: number;
  children: number;
  /** What the parsed file retains, when measured (run.ts, with a probe). */
  retainedBytes?: number;
  /** 'split' when the children were written and checked, SPLIT_TOO_LARGE when split refused (its bound). */
  split?: string;
  failure?: { kind: FailureKind; stage: string; message: string };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n')}` : String(error);
}

export function checkInput(input: Uint8Array): Outcome {
  const started = performance.now();
  const result: Outcome = { outcome: '', ms: 0, readMs: 0, analyzeMs: 0, splitMs: 0, tableBytes: 0, jsonChars: 0, splitBytes: 0, children: 0 };
  const fail = (kind: FailureKind, stage: string, message: string): Outcome => {
    result.ms = performance.now() - started;
    result.failure = { kind, stage, message };
    return result;
  };
  let file: MidiFile;
  try {
    file = readMidi(input);
  } catch (error) {
    const code = codeOf(error);
    result.outcome = code ?? 'exception';
    if (code === undefined || !TYPED_CODES.has(code)) return fail('crash', 'read', describe(error));
    result.ms = performance.now() - started;
    return result;
  }
  result.outcome = 'result';
  result.readMs = performance.now() - started;
  const fileIssues = fileProblems(file, input.length);
  if (fileIssues.length > 0) return fail('invariant', 'read', fileIssues.join('; '));
  result.tableBytes = tableBytes(file);
  if (result.tableBytes > tableLimit(input.length)) return fail('memory', 'read', `tables of ${result.tableBytes} bytes for ${input.length} input bytes`);

  let json: string;
  const analysisStarted = performance.now();
  try {
    // The public entry (it reads the bytes again: the analysis gets exactly what a caller would).
    const analysis = analyzeMidi(input, { sha256: '0'.repeat(64) });
    const problems = [...jsonProblems(analysis), ...analysisProblems(analysis, file)];
    if (problems.length > 0) return fail('invariant', 'analyze', problems.join('; '));
    json = JSON.stringify(analysis);
  } catch (error) {
    return fail('crash', 'analyze', describe(error));
  }
  result.analyzeMs = performance.now() - analysisStarted;
  result.jsonChars = json.length;
  if (json.length > JSON_MAX_CHARS) return fail('memory', 'analyze', `analysis JSON of ${json.length} characters`);

  const splitStarted = performance.now();
  try {
    let children: SplitChild[];
    try {
      children = splitTracks(file);
    } catch (error) {
      if (codeOf(error) !== 'SPLIT_TOO_LARGE') throw error;
      result.split = 'SPLIT_TOO_LARGE';
      children = [];
    }
    result.split ??= 'split';
    result.children = children.length;
    for (const c of children) result.splitBytes += c.bytes.length;
    if (result.splitBytes > splitLimit(input.length)) return fail('memory', 'split', `children of ${result.splitBytes} bytes for ${input.length} input bytes`);
    const problems = splitProblems(file, children);
    if (problems.length > 0) return fail('invariant', 'split', problems.join('; '));
  } catch (error) {
    return fail('crash', 'split', describe(error));
  }
  result.splitMs = performance.now() - splitStarted;
  result.ms = performance.now() - started;
  if (result.ms > timeLimitMs(input.length)) return fail('time', 'all', `${result.ms.toFixed(1)} ms for ${input.length} bytes (limit ${timeLimitMs(input.length).toFixed(1)} ms)`);
  return result;
}
