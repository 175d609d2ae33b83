// Batched writes: records queue up and go to the database `batchSize` at a time in one round trip
// (writeFiles), up to `concurrency` batches in flight on separate connections, so the main thread keeps
// reading and hashing while PostgreSQL works. The queue is bounded: producers wait on `ready()` when the
// database falls behind. When connections keep dying under a batch (backends terminated every 200 ms while
// a 500-record statement takes a second), the batch goes out in halves, down to one record, so the run
// keeps making progress; it fails with DB_UNAVAILABLE when even one record cannot land, or when no
// connection opens within the acquire timeout (a smaller statement would not help).
import { isConnectionLoss } from '../db/db-errors.ts';
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
  /**
   * Called once per committed statement, with the records in the order written: once per batch, or once
   * per piece of a batch that had to be written in pieces. A content is reported `inserted` at most once
   * per batch.
   */
  onWritten?: (written: WrittenFile[], records: readonly FileRecord[]) => void;
}

// Two writers upserting overlapping rows can deadlock (40P01) or, under serializable isolation, fail to
// serialise (40001); PostgreSQL rolled the statement back, and writeFiles is an upsert, so send it again.
const TRANSIENT = new Set(['40P01', '40001']);
const MAX_TRANSIENT_RETRIES = 5;
// A statement larger than this that loses its connection LOSSES_BEFORE_HALVING times once sent is given up
// (DB_CONNECTION_LOST) and its records sent again in two halves; two, so that a single loss (a reply lost
// after the commit, one restart) costs a plain retry, not a smaller batch. A statement of MIN_PIECE records
// gets the driver's whole retry budget (the acquire timeout) and its DB_UNAVAILABLE ends the run.
const MIN_PIECE = 1;
const LOSSES_BEFORE_HALVING = 2;

export class WriteBatcher {
  private queue: FileRecord[] = [];
  /** Batches being written, each with the number of its first record (records are numbered from 1 as added). */
  private readonly writing = new Map<Promise<void>, number>();
  /** Records added so far, and records taken from the queue into batches (queue[0] is number dispatched + 1). */
  private added = 0;
  private dispatched = 0;
  private failed = false;
  private failure: unknown = null;
  private readonly waiters: (() => void)[] = [];
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  /**
   * Records per statement: batchSize until a statement had to be halved, then the size that last landed,
   * doubling back towards batchSize with each statement that lands.
   */
  private pieceSize: number;

  constructor(
    private readonly db: DbSession,
    private readonly options: WriteBatcherOptions,
  ) {
    this.batchSize = Math.max(1, options.batchSize);
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.maxQueued = options.maxQueued ?? this.batchSize * 4;
    this.pieceSize = this.batchSize;
  }

  /** Queues one record; a full batch starts a write when a writer is free. */
  add(record: FileRecord): void {
    if (this.failed) throw this.failure;
    this.queue.push(record);
    this.added++;
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

  /**
   * Writes every record added before this call, however few, and waits for them, not for records added
   * meanwhile: split marks a claim's parents done when its children are written, while later claims keep
   * adding (waiting for an empty queue held those marks back by up to 16 claims in a 50,000-file run).
   */
  async flush(): Promise<void> {
    const through = this.added;
    while (!this.failed && this.writtenThrough() < through) {
      // A record not yet written is queued (sent now, whatever the batch's size) or in a batch in flight:
      // either way `writing` is not empty below, so the race settles. Once ours are all sent, a partial
      // batch of records added since waits to fill, as it would without this flush.
      if (this.dispatched < through) this.kick(true);
      await Promise.race(this.writing.keys());
    }
    if (this.failed) throw this.failure;
  }

  /** Every record numbered up to this is written: batches complete out of order, so the oldest one open bounds it. */
  private writtenThrough(): number {
    let through = this.dispatched;
    for (const first of this.writing.values()) through = Math.min(through, first - 1);
    return through;
  }

  get queued(): number {
    return this.queue.length;
  }

  private kick(partial: boolean): void {
    while (!this.failed && this.writing.size < this.concurrency && this.queue.length > 0 && (partial || this.queue.length >= this.batchSize)) {
      const batch = this.queue.splice(0, this.batchSize);
      const first = this.dispatched + 1;
      this.dispatched += batch.length;
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
      this.writing.set(write, first);
    }
  }

  /** Writes a batch: in one statement, or in smaller pieces while statements keep losing their connection. */
  private async write(batch: FileRecord[]): Promise<void> {
    // One write id for every statement the batch becomes, so a piece sent again after a lost reply still
    // sees the rows an earlier, larger statement created as its own (WrittenFile.inserted, newFiles).
    const writeId = crypto.randomUUID();
    // Pieces of one write id all report its rows as inserted: the same content in two pieces counts once.
    const reported = new Set<string>();
    let rest = batch;
    while (rest.length > 0) {
      // Another write failed the run (flush() has returned): send no more pieces to a closing pool.
      if (this.failed) throw this.failure;
      const piece = rest.slice(0, this.pieceSize);
      let written: WrittenFile[];
      try {
        written = await this.writePiece(piece, writeId);
      } catch (error) {
        const lost = errorCode(error, '') === 'DB_CONNECTION_LOST' || isConnectionLoss(error);
        if (!lost || piece.length <= MIN_PIECE) throw error;
        // Upserts: records of the failed piece that did land are simply written again.
        this.pieceSize = Math.max(MIN_PIECE, Math.ceil(piece.length / 2));
        continue;
      }
      rest = rest.slice(piece.length);
      this.pieceSize = Math.min(this.batchSize, this.pieceSize * 2);
      if (piece.length < batch.length) {
        written = written.map((w) => {
          if (!w.inserted) return w;
          if (reported.has(w.sha256)) return { ...w, inserted: false };
          reported.add(w.sha256);
          return w;
        });
      }
      this.options.onWritten?.(written, piece);
    }
  }

  private async writePiece(piece: FileRecord[], writeId: string): Promise<WrittenFile[]> {
    // Past the smallest piece there is nothing left to fall back on: the driver's full retry budget.
    const options = piece.length > MIN_PIECE ? { writeId, maxLosses: LOSSES_BEFORE_HALVING } : { writeId };
    for (let attempt = 1; ; attempt++) {
      try {
        return await writeFiles(this.db, piece, options);
      } catch (error) {
        if (!TRANSIENT.has(errorCode(error, '')) || attempt >= MAX_TRANSIENT_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt * (1 + Math.random())));
      }
    }
  }
}
