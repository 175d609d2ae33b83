// One input through everything the fuzzer covers: read, analyse, split, read every child back; timed,
// measured and checked. Returns what happened; a `failure` is a defect (crash, broken invariant or bound).
// The time bound is on CPU time (user + system, this process): on a shared machine wall time measures the
// neighbours as much as the input. Wall time is reported beside it.
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
  /** Wall time in all. */
  ms: number;
  /** CPU time in all (what the time bound is on), and of each stage; split includes reading children back. */
  cpuMs: number;
  readCpuMs: number;
  analyzeCpuMs: number;
  splitCpuMs: number;
  tableBytes: number;
  jsonChars: number;
  splitBytes: number;
  children: number;
  /** What the parsed file retains, when measured (run.ts, with a probe). */
  retainedBytes?: number;
  /** What the analysis leaves allocated after its result is dropped, when measured. */
  analysisRetainedBytes?: number;
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

/** CPU time of this process so far, in ms. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export function checkInput(input: Uint8Array): Outcome {
  const wallStart = performance.now();
  const cpuStart = cpuNow();
  const r: Outcome = { outcome: '', ms: 0, cpuMs: 0, readCpuMs: 0, analyzeCpuMs: 0, splitCpuMs: 0, tableBytes: 0, jsonChars: 0, splitBytes: 0, children: 0 };
  const done = (failure?: Outcome['failure']): Outcome => {
    r.ms = performance.now() - wallStart;
    r.cpuMs = cpuNow() - cpuStart;
    if (failure) r.failure = failure;
    return r;
  };
  const fail = (kind: FailureKind, stage: string, message: string) => done({ kind, stage, message });

  let file: MidiFile;
  try {
    file = readMidi(input);
  } catch (error) {
    const code = codeOf(error);
    r.outcome = code ?? 'exception';
    if (code === undefined || !TYPED_CODES.has(code)) return fail('crash', 'read', describe(error));
    r.readCpuMs = cpuNow() - cpuStart;
    return done();
  }
  r.outcome = 'result';
  r.readCpuMs = cpuNow() - cpuStart;
  const fileIssues = fileProblems(file, input.length);
  if (fileIssues.length > 0) return fail('invariant', 'read', fileIssues.join('; '));
  r.tableBytes = tableBytes(file);
  if (r.tableBytes > tableLimit(input.length)) return fail('memory', 'read', `tables of ${r.tableBytes} bytes for ${input.length} input bytes`);

  const analysisStart = cpuNow();
  let json: string;
  try {
    // The public entry (it reads the bytes again: the analysis gets exactly what a caller would).
    const analysis = analyzeMidi(input, { sha256: '0'.repeat(64) });
    const problems = [...jsonProblems(analysis), ...analysisProblems(analysis, file)];
    if (problems.length > 0) return fail('invariant', 'analyze', problems.join('; '));
    json = JSON.stringify(analysis);
  } catch (error) {
    return fail('crash', 'analyze', describe(error));
  }
  r.analyzeCpuMs = cpuNow() - analysisStart;
  r.jsonChars = json.length;
  if (json.length > JSON_MAX_CHARS) return fail('memory', 'analyze', `analysis JSON of ${json.length} characters`);

  const splitStart = cpuNow();
  try {
    let children: SplitChild[];
    try {
      children = splitTracks(file);
      r.split = 'split';
    } catch (error) {
      if (codeOf(error) !== 'SPLIT_TOO_LARGE') throw error;
      r.split = 'SPLIT_TOO_LARGE';
      children = [];
    }
    r.children = children.length;
    for (const c of children) r.splitBytes += c.bytes.length;
    if (r.splitBytes > splitLimit(input.length)) return fail('memory', 'split', `children of ${r.splitBytes} bytes for ${input.length} input bytes`);
    const problems = splitProblems(file, children);
    if (problems.length > 0) return fail('invariant', 'split', problems.join('; '));
  } catch (error) {
    return fail('crash', 'split', describe(error));
  }
  r.splitCpuMs = cpuNow() - splitStart;
  done();
  const limit = timeLimitMs(input.length);
  if (r.cpuMs > limit) return fail('time', 'all', `${r.cpuMs.toFixed(1)} ms of CPU (${r.ms.toFixed(1)} ms wall) for ${input.length} bytes (limit ${limit.toFixed(1)} ms)`);
  return r;
}
