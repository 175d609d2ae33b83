// The analyze phase: claim files whose analysis is missing, retryable-failed or older than the analyzer
// (FOR UPDATE SKIP LOCKED leases, so several processes share the work), read each back from a path that
// still holds its content, analyse, and write the outcomes in batches (which also ends the leases).
import { claimAnalysis, type ClaimedFile, releaseLeases } from '../db/claims.ts';
import { Budget } from './budget.ts';
import { FirstFailure } from './first-failure.ts';
import { failedOutcome } from './jobs.ts';
import { mapConcurrent } from './map-concurrent.ts';
import { DEFAULT_LEASE_SECONDS, DEFAULT_MAX_BYTES_IN_FLIGHT, DEFAULT_READ_CONCURRENCY, FILES_IN_FLIGHT_PER_WORKER, type PhaseDeps, type PhaseOptions } from './phase-deps.ts';
import { readClaimed } from './read-claimed.ts';
import { countInvalid, type RunCounts } from './run-counts.ts';
import { WriteBatcher } from './write-batcher.ts';

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** Analyses everything due until a claim comes back empty, adding to `counts`. */
export async function runAnalyze(deps: PhaseDeps, options: PhaseOptions, counts: RunCounts): Promise<void> {
  const { db, source, hasher, analyzer, progress, lease } = deps;
  const c = counts.analyze;
  const writer = new WriteBatcher(db, { batchSize: options.batchSize });
  const budget = new Budget(analyzer.concurrency * FILES_IN_FLIGHT_PER_WORKER, options.maxBytesInFlight ?? DEFAULT_MAX_BYTES_IN_FLIGHT);
  const pending = new Set<Promise<void>>();
  const failure = new FirstFailure();
  let done = 0;
  const report = () => progress.update({ phase: 'analyze', files: done, bytes: c.bytes, total: c.claimed });

  const finish = (file: ClaimedFile, outcome: Parameters<WriteBatcher['add']>[0]['outcome']) => {
    done++;
    writer.add({ sha256: file.sha256, sizeBytes: file.sizeBytes, outcome });
    report();
  };

  /** Waits for every job handed out and writes their outcomes (which ends their leases). */
  const drain = async () => {
    while (pending.size > 0) await Promise.all(pending);
    failure.throwIfFailed();
    await writer.flush();
  };

  for (;;) {
    // The next claim goes out as soon as this one is handed to the analyzer (the budget bounds how far
    // ahead that is), so the workers never wait for a claim round trip.
    const claimed = await claimAnalysis(db, {
      owner: lease.owner,
      analyzerVersion: options.analyzerVersion,
      limit: options.batchSize,
      leaseSeconds: options.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    });
    if (claimed.length === 0) {
      // Everything handed to us answered, a lease of ours left means a claim committed with its reply
      // lost (the retried claim skipped those rows as leased): give them back and claim again.
      await drain();
      if ((await releaseLeases(db, lease.owner, { splits: false })) > 0) continue;
      break;
    }
    c.claimed += claimed.length;
    const reads = mapConcurrent(each(claimed), options.readConcurrency ?? DEFAULT_READ_CONCURRENCY, (file) => readClaimed(source, hasher, file, options.maxFileSize));
    for await (const read of reads) {
      failure.throwIfFailed();
      if ('error' in read) {
        c.unreadable++;
        c.failed++;
        countInvalid(counts, read.error.code);
        finish(read.file, failedOutcome(read.error, true));
        await writer.ready();
        continue;
      }
      const size = read.bytes.length;
      c.bytes += size;
      await budget.acquire(size);
      const job = analyzer
        .analyze({ bytes: read.bytes, sha256: read.file.sha256, maxBytes: options.maxFileSize })
        .then((outcome) => {
          if (outcome.ok) {
            c.analysed++;
          } else {
            c.failed++;
            countInvalid(counts, outcome.error.code);
          }
          finish(read.file, outcome);
        })
        .catch((error: unknown) => failure.record(error))
        .finally(() => {
          budget.release(size);
          pending.delete(job);
        });
      pending.add(job);
      await writer.ready();
    }
  }
  await drain();
}
