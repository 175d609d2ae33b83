// The end-of-run summary: what the CLI prints (a table, or one JSON line with --json) and what the `runs`
// row stores, computed from the counts and the elapsed time.
import type { PoolStats } from '../db/port.ts';
import type { ErrorInfo } from '../errors.ts';
import type { RunCounts } from './run-counts.ts';

export type PipelineCommand = 'import' | 'analyze' | 'split' | 'run';

export interface RunSummary {
  runId: string;
  command: PipelineCommand;
  status: 'done' | 'failed';
  error: ErrorInfo | null;
  seconds: number;
  /** Paths the walk yielded; contents new to the library; paths whose content was already known. */
  filesSeen: number;
  newFiles: number;
  duplicates: number;
  /** Successful analyses in all phases (split children included), and failed ones. */
  analysed: number;
  failed: number;
  /** Error code -> count: MIDI_* per content analysed, FILE_* per path; `invalidFiles` is their sum. */
  invalid: Record<string, number>;
  invalidFiles: number;
  split: { parents: number; children: number };
  /**
   * The files and bytes the command was about, over `seconds`: the paths walked for import and run,
   * the files claimed for analyze, the parents for split.
   */
  files: number;
  bytes: number;
  filesPerSecond: number;
  megabytesPerSecond: number;
  pool: { settings: Record<string, unknown> | null; stats: PoolStats | null };
  counts: RunCounts;
}

export interface SummaryInput {
  runId: string;
  command: PipelineCommand;
  counts: RunCounts;
  seconds: number;
  error: ErrorInfo | null;
  poolSettings: Record<string, unknown> | null;
  poolStats: PoolStats | null;
}

/** e.g. 1,000 files of 20 MB in 2 s -> `{filesPerSecond: 500, megabytesPerSecond: 10, ...}` (MB = 10^6 bytes). */
export function summarize(input: SummaryInput): RunSummary {
  const { counts, command, seconds } = input;
  const [files, bytes] =
    command === 'analyze'
      ? [counts.analyze.claimed, counts.analyze.bytes]
      : command === 'split'
        ? [counts.split.parents + counts.split.failed + counts.split.unreadable, counts.split.bytes]
        : [counts.import.seen, counts.import.bytes];
  const rate = (n: number) => (seconds > 0 ? n / seconds : 0);
  const invalidFiles = Object.values(counts.invalid).reduce((a, b) => a + b, 0);
  return {
    runId: input.runId,
    command,
    status: input.error ? 'failed' : 'done',
    error: input.error,
    seconds,
    filesSeen: counts.import.seen,
    newFiles: counts.import.new,
    duplicates: counts.import.duplicates,
    analysed: counts.import.analysed + counts.analyze.analysed + counts.split.analysed,
    failed: counts.import.failed + counts.analyze.failed + counts.split.failed + (counts.split.children - counts.split.analysed),
    invalid: { ...counts.invalid },
    invalidFiles,
    split: { parents: counts.split.parents, children: counts.split.children },
    files,
    bytes,
    filesPerSecond: rate(files),
    megabytesPerSecond: rate(bytes) / 1e6,
    pool: { settings: input.poolSettings, stats: input.poolStats },
    counts,
  };
}
