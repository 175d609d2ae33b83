// Batched writes: records queue up and go to the database `batchSize` at a time in one round trip
// (writeFiles), up to `concurrency` batches in flight on separate connections, so the main thread keeps
// reading and hashing while PostgreSQL works. The queue is bounded: producers wait on `ready()` when the
// database falls behind.
import type { DbSession } from '../db/port.ts';
import { type FileRecord, type WrittenFile, writeFiles } from '../db/write-files.ts';
import { errorCode } from '../errors.ts';

export interface WriteBatcherOptions {
  batchSize: number;
  /**
   * Batches written at once. Default 2: one backend busy with a batch while the main thread builds the
   * next; measured on 2 cores, a single writer held an import to ~400 files/s (each 500-record batch took
   * 1.2 s with the analysis workers taking the CPU), the database's own ceiling rather than the analysis's.
   */
  concurrency?: number;
  /** Producers wait while more than this many records are queued. Default: 4 batches. */
  maxQueued?: number;
  /** Called once per committed batch, with the records in the order written. */
  onWritten?: (written: WrittenFile[], records: readonly FileRecord[]) => void;
}

// Two writers upserting overlapping rows can deadlock (40P01) or, under serializable isolation, fail to
// serialise (40001); PostgreSQL rolled the statement back, and writeFiles is an upsert, so send it again.
const TRANSIENT = new Set(['40P01', '40001']);
const MAX_TRANSIENT_RETRIES = 5;

export class WriteBatcher {
  private queue: FileRecord[] = [];
  private readonly writing = new Set<Promise<void>>();
  private failed = false;
  private failure: unknown = null;
  private readonly waiters: (() => void)[] = [];
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxQueued: number;

  constructor(
    private readonly db: DbSession,
    private readonly options: WriteBatcherOptions,
  ) {
    this.batchSize = Math.max(1, options.batchSize);
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.maxQueued = options.maxQueued ?? this.batchSize * 4;
  }

  /** Queues one record; a full batch starts a write when a writer is free. */
  add(record: FileRecord): void {
    if (this.failed) throw this.failure;
    this.queue.push(record);
    if (this.queue.length >= this.batchSize) this.kick(false);
  }

  /** Resolves when the queue has room; rejects once a write failed for good (DB_UNAVAILABLE, ...). */
  async ready(): Promise<void> {
    while (!this.failed && this.queue.length > this.maxQueued) {
      this.kick(false);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failed) throw this.failure;
  }

  /** Writes everything queued, however few, and waits for it. */
  async flush(): Promise<void> {
    while (!this.failed && (this.queue.length > 0 || this.writing.size > 0)) {
      this.kick(true);
      await Promise.race(this.writing);
    }
    if (this.failed) throw this.failure;
  }

  get queued(): number {
    return this.queue.length;
  }

  private kick(partial: boolean): void {
    while (!this.failed && this.writing.size < this.concurrency && this.queue.length > 0 && (partial || this.queue.length >= this.batchSize)) {
      const batch = this.queue.splice(0, this.batchSize);
      const write: Promise<void> = this.write(batch)
        .then(
          () => {
            this.writing.delete(write);
            // Keep going while full batches wait; a partial remainder waits for more records or flush().
            this.kick(false);
          },
          (error: unknown) => {
            this.writing.delete(write);
            if (!this.failed) {
              this.failed = true;
              this.failure = error;
            }
          },
        )
        .finally(() => {
          for (const wake of this.waiters.splice(0)) wake();
        });
      this.writing.add(write);
    }
  }

  private async write(batch: FileRecord[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const written = await writeFiles(this.db, batch);
        this.options.onWritten?.(written, batch);
        return;
      } catch (error) {
        if (!TRANSIENT.has(errorCode(error, '')) || attempt >= MAX_TRANSIENT_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt * (1 + Math.random())));
      }
    }
  }
}
