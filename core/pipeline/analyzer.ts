// The Analyzer port: parsing and analysis off the main thread. The local adapter runs the jobs of jobs.ts
// in worker threads (adapters/local/analyzer.ts); inline-analyzer.ts runs them on the calling thread.
import type { FileOutcome } from '../db/write-files.ts';
import type { ErrorInfo } from '../errors.ts';

export interface AnalyzeTask {
  /** Ownership passes to the analyzer: the buffer may be transferred to another thread and is then empty here. */
  bytes: Uint8Array;
  sha256: string;
  maxBytes: number;
}

/** One per-track file made from a parent. */
export interface SplitChild {
  /** Index of the parent's track chunk. */
  trackIndex: number;
  /** The track's name as the child's analysis decoded it, for the file name; null when it has none. */
  trackName: string | null;
  sha256: string;
  bytes: Uint8Array;
  outcome: FileOutcome;
}

export type SplitOutcome =
  | { ok: true; children: SplitChild[] }
  /**
   * The parent could not be split: it no longer reads as MIDI (not retryable: same bytes, same answer),
   * or the worker running the job died (retryable: leave it for another run).
   */
  | { ok: false; error: ErrorInfo; retryable: boolean };

export interface Analyzer {
  /** How many jobs run at once; callers keep about this many times a few in flight. */
  readonly concurrency: number;
  /** Reads and analyses one file; never rejects for bad input (that is an outcome), only when closed. */
  analyze(task: AnalyzeTask): Promise<FileOutcome>;
  /** Splits one multi-track file into per-track files, each analysed. */
  split(task: AnalyzeTask): Promise<SplitOutcome>;
  close(): Promise<void>;
}
