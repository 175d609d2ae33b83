// What the phases need from the outside, as ports, and the tuning every phase shares.
import type { Db } from '../db/port.ts';
import type { ErrorInfo } from '../errors.ts';
import type { Analyzer } from './analyzer.ts';
import type { Clock } from './clock.ts';
import type { FileSink } from './file-sink.ts';
import type { FileSource } from './file-source.ts';
import type { Hasher } from './hasher.ts';
import type { LeaseIdentity } from './lease-identity.ts';
import type { Progress } from './progress.ts';

export interface PhaseDeps {
  db: Db;
  source: FileSource;
  hasher: Hasher;
  analyzer: Analyzer;
  progress: Progress;
  clock: Clock;
  lease: LeaseIdentity;
  /** Where split writes children; only the split phase needs it. */
  sink?: FileSink;
  /** Told about every path that could not be read or walked (the CLI lists them on stderr). */
  onUnreadable?: (path: string, error: ErrorInfo) => void;
}

export interface PhaseOptions {
  /** Records per database write, claims per claim. */
  batchSize: number;
  /** Files over this size are not read (FILE_TOO_LARGE). */
  maxFileSize: number;
  analyzerVersion: number;
  /** How long a claim holds without renewal. Default 120 s (renewed every 40 s while the run lives). */
  leaseSeconds?: number;
  /** Files read at once. Default 8: enough to hide disk latency, few enough to bound memory. */
  readConcurrency?: number;
  /** Bytes handed to the analyzer and not yet answered. Default 64 MiB (one larger file always fits). */
  maxBytesInFlight?: number;
}

export const DEFAULT_LEASE_SECONDS = 120;
export const DEFAULT_READ_CONCURRENCY = 8;
export const DEFAULT_MAX_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/**
 * Files handed to the analyzer and not yet answered, per unit of its concurrency: deep enough that a worker
 * has work queued through the main thread's longest pauses (building a 500-record write takes ~170 ms, about
 * 70 small files of analysis); the byte bound keeps the memory this costs flat.
 */
export const FILES_IN_FLIGHT_PER_WORKER = 256;
