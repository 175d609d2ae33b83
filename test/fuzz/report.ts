// The text `npm run fuzz` prints at the end: the figures docs/reliability.md quotes.
import { ANALYSIS_RETAINED_BYTES_BASE, ANALYSIS_RETAINED_BYTES_PER_INPUT_BYTE, JSON_MAX_CHARS, MB, RETAINED_BYTES_BASE, RETAINED_BYTES_PER_INPUT_BYTE, RETAINED_MIN_BYTES, SPLIT_BYTES_BASE, SPLIT_BYTES_PER_INPUT_BYTE, TABLE_BYTES_BASE, TABLE_BYTES_PER_INPUT_BYTE, TIME_BASE_MS, TIME_PER_MB_MS } from './bounds.ts';
import type { Extreme, RunStats } from './stats.ts';

export interface ReportInput {
  command: string;
  /** The commit fuzzed (and any uncommitted changes to core/). */
  version: string;
  seed: number;
  stats: RunStats;
  seconds: number;
  peakRssMb: number;
  corpusFiles: number;
}

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(' | ');
}

function where(e: Extreme | null): string {
  if (e === null) return '(none)';
  return `input ${e.index}, ${e.bytes} bytes, ${e.base}${e.ops.length > 0 ? ` + ${e.ops.join(',')}` : ''}`;
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);

export function formatReport({ command, version, seed, stats: s, seconds, peakRssMb, corpusFiles }: ReportInput): string {
  const heap = s.heapSamples;
  const lines = [
    `$ ${command}`,
    `code: ${version}; node ${process.version}`,
    `inputs: ${s.inputs} in ${seconds.toFixed(1)} s (${(s.inputs / seconds).toFixed(0)} inputs/s, ${mb(s.inputBytes)} MiB, ${mb(s.inputBytes / seconds)} MiB/s); seed ${seed}; ${corpusFiles} corpus files as bases`,
    `outcomes: ${counts(s.outcomes)}`,
    `split of the inputs that read: ${counts(s.splits)}`,
    `mutations applied: ${counts(s.byOperator)}`,
    `slowest input: ${s.slowest?.value.toFixed(1)} ms wall (${where(s.slowest)}); most CPU: ${s.slowestCpu?.value.toFixed(1)} ms (${where(s.slowestCpu)})`,
    `time bound (CPU): ${TIME_BASE_MS} ms + ${TIME_PER_MB_MS} ms per MiB for read, analysis, split, every child read back and the checks; highest share of it: ${s.worstTimeShare?.value.toFixed(3)} (${where(s.worstTimeShare)}); over it on a first try but not on a rerun: ${s.retimed}`,
    `worst CPU ms per MiB (inputs >= 256 KiB): read ${s.worstReadPerMb?.value.toFixed(0)}, analysis ${s.worstAnalyzePerMb?.value.toFixed(0)}, split + read-back ${s.worstSplitPerMb?.value.toFixed(0)}, all ${s.worstTotalPerMb?.value.toFixed(0)} (${where(s.worstTotalPerMb)})`,
    `tables bound: ${TABLE_BYTES_PER_INPUT_BYTE} B per input byte + ${TABLE_BYTES_BASE / 1024} KiB; worst ${s.worstTableRatio?.value.toFixed(1)} B per byte (${where(s.worstTableRatio)})`,
    `retained by a parsed file (inputs >= ${RETAINED_MIN_BYTES / 1024} KiB, measured with GC): bound ${RETAINED_BYTES_PER_INPUT_BYTE} B per input byte + ${RETAINED_BYTES_BASE / MB} MiB; worst ${s.worstRetainedRatio?.value.toFixed(1)} B per byte (${where(s.worstRetainedRatio)})`,
    `left allocated by the analysis (module scratch; same inputs, same method): bound ${ANALYSIS_RETAINED_BYTES_PER_INPUT_BYTE} B per input byte + ${ANALYSIS_RETAINED_BYTES_BASE / MB} MiB; worst ${s.worstAnalysisRetainedRatio?.value.toFixed(1)} B per byte (${where(s.worstAnalysisRetainedRatio)})`,
    `analysis JSON bound: ${JSON_MAX_CHARS / MB} MiB; largest ${s.largestJson?.value} characters (${where(s.largestJson)})`,
    `split bound: ${SPLIT_BYTES_PER_INPUT_BYTE} B per input byte + ${SPLIT_BYTES_BASE / 1024} KiB; worst ${s.worstSplitRatio?.value.toFixed(1)} B per byte (${where(s.worstSplitRatio)})`,
    `heap after GC (every 1000 inputs, ${heap.length} samples): first ${mb(heap[0] ?? 0)} MiB, max ${mb(Math.max(0, ...heap))} MiB, last ${mb(heap[heap.length - 1] ?? 0)} MiB`,
    `peak RSS (process): ${peakRssMb.toFixed(0)} MiB`,
    `failures: ${s.failureCount}`,
  ];
  for (const f of s.failures) {
    lines.push(`  ${f.kind} in ${f.stage}: ${f.message.split('\n')[0]}\n    input ${f.index} (${f.bytes} bytes, ${f.base} + ${f.ops.join(',')}): npm run fuzz -- --seed ${f.seed} --only ${f.index}`);
  }
  return lines.join('\n');
}
