// Counting a run: outcomes by typed error code, the slowest input, the largest tables/JSON/children
// relative to the input, and failures (each with what regenerates it: seed and index).
import { timeLimitMs } from './bounds.ts';
import type { FailureKind, Outcome } from './check.ts';
import type { FuzzInput } from './inputs.ts';

export interface FailureRecord {
  seed: number;
  index: number;
  kind: FailureKind;
  stage: string;
  message: string;
  base: string;
  ops: string[];
  bytes: number;
  hex?: string;
}

export interface Extreme {
  index: number;
  value: number;
  bytes: number;
  base: string;
  ops: string[];
}

export interface RunStats {
  inputs: number;
  inputBytes: number;
  outcomes: Record<string, number>;
  /** Of the inputs that read: split and checked, or refused with SPLIT_TOO_LARGE. */
  splits: Record<string, number>;
  byOperator: Record<string, number>;
  failures: FailureRecord[];
  failureCount: number;
  /** Time over the bound on the first try but within it on a rerun (a busy machine, not the input). */
  retimed: number;
  /** Longest wall time, and longest CPU time. */
  slowest: Extreme | null;
  slowestCpu: Extreme | null;
  /** Highest CPU ms / limit. */
  worstTimeShare: Extreme | null;
  /** Highest CPU ms per MiB of input in each stage, among inputs of at least 256 KiB (below, constants and JIT warm-up dominate). */
  worstReadPerMb: Extreme | null;
  worstAnalyzePerMb: Extreme | null;
  worstSplitPerMb: Extreme | null;
  worstTotalPerMb: Extreme | null;
  /** Highest table bytes / input bytes among inputs of at least 4 KiB (below, the constant dominates). */
  worstTableRatio: Extreme | null;
  worstSplitRatio: Extreme | null;
  /** Highest retained bytes / input bytes, where measured. */
  worstRetainedRatio: Extreme | null;
  worstAnalysisRetainedRatio: Extreme | null;
  largestJson: Extreme | null;
  /** Heap used (after a GC when available) sampled during the run, in bytes. */
  heapSamples: number[];
}

export function emptyStats(): RunStats {
  return { inputs: 0, inputBytes: 0, outcomes: {}, splits: {}, byOperator: {}, failures: [], failureCount: 0, retimed: 0, slowest: null, slowestCpu: null, worstTimeShare: null, worstReadPerMb: null, worstAnalyzePerMb: null, worstSplitPerMb: null, worstTotalPerMb: null, worstTableRatio: null, worstSplitRatio: null, worstRetainedRatio: null, worstAnalysisRetainedRatio: null, largestJson: null, heapSamples: [] };
}

/** Failures kept in full; beyond this only counted. */
const KEEP_FAILURES = 50;

function higher(current: Extreme | null, input: FuzzInput, value: number): Extreme | null {
  if (current !== null && current.value >= value) return current;
  return { index: input.index, value, bytes: input.bytes.length, base: input.base, ops: input.ops };
}

export function record(stats: RunStats, seed: number, input: FuzzInput, o: Outcome): void {
  stats.inputs++;
  stats.inputBytes += input.bytes.length;
  stats.outcomes[o.outcome] = (stats.outcomes[o.outcome] ?? 0) + 1;
  if (o.split) stats.splits[o.split] = (stats.splits[o.split] ?? 0) + 1;
  for (const op of input.ops) stats.byOperator[op] = (stats.byOperator[op] ?? 0) + 1;
  const n = input.bytes.length;
  stats.slowest = higher(stats.slowest, input, o.ms);
  stats.slowestCpu = higher(stats.slowestCpu, input, o.cpuMs);
  stats.worstTimeShare = higher(stats.worstTimeShare, input, o.cpuMs / timeLimitMs(n));
  if (n >= 256 * 1024) {
    const mb = n / (1024 * 1024);
    stats.worstReadPerMb = higher(stats.worstReadPerMb, input, o.readCpuMs / mb);
    stats.worstAnalyzePerMb = higher(stats.worstAnalyzePerMb, input, o.analyzeCpuMs / mb);
    stats.worstSplitPerMb = higher(stats.worstSplitPerMb, input, o.splitCpuMs / mb);
    stats.worstTotalPerMb = higher(stats.worstTotalPerMb, input, o.cpuMs / mb);
  }
  if (n >= 4096) {
    stats.worstTableRatio = higher(stats.worstTableRatio, input, o.tableBytes / n);
    stats.worstSplitRatio = higher(stats.worstSplitRatio, input, o.splitBytes / n);
  }
  if (o.retainedBytes !== undefined) stats.worstRetainedRatio = higher(stats.worstRetainedRatio, input, o.retainedBytes / n);
  if (o.analysisRetainedBytes !== undefined) stats.worstAnalysisRetainedRatio = higher(stats.worstAnalysisRetainedRatio, input, o.analysisRetainedBytes / n);
  stats.largestJson = higher(stats.largestJson, input, o.jsonChars);
  if (o.failure) {
    stats.failureCount++;
    if (stats.failures.length < KEEP_FAILURES) {
      stats.failures.push({ seed, index: input.index, ...o.failure, base: input.base, ops: input.ops, bytes: n });
    }
  }
}

/** Merges `b` into `a` (the script's worker restarts after a crash and reports in parts). */
export function merge(a: RunStats, b: RunStats): RunStats {
  const pick = (x: Extreme | null, y: Extreme | null) => (x === null ? y : y === null || x.value >= y.value ? x : y);
  const sum = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    inputs: a.inputs + b.inputs,
    inputBytes: a.inputBytes + b.inputBytes,
    outcomes: sum(a.outcomes, b.outcomes),
    splits: sum(a.splits, b.splits),
    byOperator: sum(a.byOperator, b.byOperator),
    failures: [...a.failures, ...b.failures].slice(0, KEEP_FAILURES),
    failureCount: a.failureCount + b.failureCount,
    retimed: a.retimed + b.retimed,
    slowest: pick(a.slowest, b.slowest),
    slowestCpu: pick(a.slowestCpu, b.slowestCpu),
    worstTimeShare: pick(a.worstTimeShare, b.worstTimeShare),
    worstReadPerMb: pick(a.worstReadPerMb, b.worstReadPerMb),
    worstAnalyzePerMb: pick(a.worstAnalyzePerMb, b.worstAnalyzePerMb),
    worstSplitPerMb: pick(a.worstSplitPerMb, b.worstSplitPerMb),
    worstTotalPerMb: pick(a.worstTotalPerMb, b.worstTotalPerMb),
    worstTableRatio: pick(a.worstTableRatio, b.worstTableRatio),
    worstSplitRatio: pick(a.worstSplitRatio, b.worstSplitRatio),
    worstRetainedRatio: pick(a.worstRetainedRatio, b.worstRetainedRatio),
    worstAnalysisRetainedRatio: pick(a.worstAnalysisRetainedRatio, b.worstAnalysisRetainedRatio),
    largestJson: pick(a.largestJson, b.largestJson),
    heapSamples: [...a.heapSamples, ...b.heapSamples],
  };
}
