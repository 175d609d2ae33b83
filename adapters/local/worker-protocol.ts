// The messages between the main thread and the analysis workers (analyzer.ts <-> analysis-worker.ts).
// Jobs travel in small batches, one message per batch, with their byte buffers transferred, not copied.
import type { FileOutcome } from '../../core/db/write-files.ts';
import type { SplitOutcome } from '../../core/pipeline/analyzer.ts';

export type JobKind = 'analyze' | 'split';

export interface JobMessage {
  id: number;
  kind: JobKind;
  bytes: Uint8Array;
  sha256: string;
  maxBytes: number;
}

export type ToWorker = { type: 'jobs'; jobs: JobMessage[] };

export type JobResult = { id: number; kind: 'analyze'; outcome: FileOutcome } | { id: number; kind: 'split'; outcome: SplitOutcome };

export type FromWorker = { type: 'ready' } | { type: 'results'; results: JobResult[] };
