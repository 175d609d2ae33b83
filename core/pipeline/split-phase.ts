// The split phase: claim analysed multi-track files not split yet, read each back, make one file per
// track with notes (in the analyzer, which also analyses each child), write the children under the output
// folder, register them with their parent and track, and only then mark the parent split. Killed at any
// point, a rerun claims the parent again and rewrites the same names with the same bytes.
import { claimSplits, completeSplits, releaseUnseenSplitClaims } from '../db/claims.ts';
import { PipelineError } from '../errors.ts';
import { Budget } from './budget.ts';
import { FirstFailure } from './first-failure.ts';
import { mapConcurrent } from './map-concurrent.ts';
import { DEFAULT_LEASE_SECONDS, DEFAULT_MAX_BYTES_IN_FLIGHT, DEFAULT_READ_CONCURRENCY, FILES_IN_FLIGHT_PER_WORKER, type PhaseDeps, type PhaseOptions } from './phase-deps.ts';
import { readClaimed } from './read-claimed.ts';
import { countInvalid, type RunCounts } from './run-counts.ts';
import { childFileName } from './split-names.ts';
import { WriteBatcher } from './write-batcher.ts';

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** Splits everything due until a claim comes back empty, adding to `counts`. */
export async function runSplit(deps: PhaseDeps, options: PhaseOptions, counts: RunCounts): Promise<void> {
  const { db, source, hasher, analyzer, progress, lease } = deps;
  const sink = deps.sink;
  if (!sink) throw new PipelineError('INTERNAL', 'the split phase needs a FileSink');
  await sink.prepare();
  const c = counts.split;
  const writer = new WriteBatcher(db, { batchSize: options.batchSize });
  const budget = new Budget(analyzer.concurrency * FILES_IN_FLIGHT_PER_WORKER, options.maxBytesInFlight ?? DEFAULT_MAX_BYTES_IN_FLIGHT);
  let total = 0;
  const report = () => progress.update({ phase: 'split', files: c.parents + c.failed, bytes: c.bytes, total });

  const failure = new FirstFailure();
  // The previous claim's tail (its last jobs, the write of its children, marking its parents split) runs
  // while this claim's parents are read and sent, so the workers do not wait at every claim boundary.
  let finishing: Promise<void> = Promise.resolve();
  // Parents left leased to us on purpose (unreadable now), released when the run ends.
  const keptLeased = new Set<number>();
  for (;;) {
    failure.throwIfFailed();
    const parents = await claimSplits(db, { owner: lease.owner, limit: options.batchSize, leaseSeconds: options.leaseSeconds ?? DEFAULT_LEASE_SECONDS });
    if (parents.length === 0) {
      // With our claims finished, a lease on a parent we were never handed is a claim committed with its
      // reply lost (the retried claim skipped those rows as leased): give those back and claim again.
      await finishing;
      if ((await releaseUnseenSplitClaims(db, lease.owner, keptLeased)) > 0) continue;
      break;
    }
    total += parents.length;
    const completed: number[] = [];
    const jobs: Promise<void>[] = [];
    const reads = mapConcurrent(each(parents), options.readConcurrency ?? DEFAULT_READ_CONCURRENCY, (file) => readClaimed(source, hasher, file, options.maxFileSize));
    for await (const read of reads) {
      if ('error' in read) {
        // Left leased to us until the run ends, then released: a later run tries again.
        c.unreadable++;
        keptLeased.add(read.file.fileId);
        deps.onUnreadable?.(read.file.paths[0] ?? read.file.sha256, read.error);
        continue;
      }
      const size = read.bytes.length;
      const parentPath = read.path;
      const parent = read.file;
      c.bytes += size;
      // The parent's share of the budget is held until its children are on disk, not only until they are
      // made: whenever the disk falls behind, children waiting for their turn to be written would otherwise
      // pile up without bound, claim after claim (50,000-file runs' processes grew from ~500 MB to as much
      // as 1,137 MB late in the split phase, mostly main-thread heap and buffers).
      await budget.acquire(size);
      const job = analyzer
        .split({ bytes: read.bytes, sha256: parent.sha256, maxBytes: options.maxFileSize })
        .then(async (outcome) => {
          if (!outcome.ok && outcome.retryable) {
            // The worker died under it: leave the parent leased to us; it is released when the run ends.
            c.unreadable++;
            keptLeased.add(parent.fileId);
            deps.onUnreadable?.(parentPath, outcome.error);
            return;
          }
          if (!outcome.ok) {
            // The bytes were analysed as MIDI before; a reader that now refuses them is a different
            // reader. Mark the parent done so it is not claimed forever, and count it.
            c.failed++;
            countInvalid(counts, outcome.error.code);
          } else {
            for (const child of outcome.children) {
              const path = await sink.write(childFileName(parentPath, parent.sha256, child.trackIndex, child.trackName), child.bytes);
              writer.add({ sha256: child.sha256, sizeBytes: child.bytes.length, path, origin: { parentId: parent.fileId, trackIndex: child.trackIndex }, outcome: child.outcome });
              c.children++;
              if (child.outcome.ok) c.analysed++;
              else countInvalid(counts, child.outcome.error.code);
            }
            c.parents++;
          }
          completed.push(parent.fileId);
          report();
        })
        .finally(() => budget.release(size));
      // Observed now (Node ends the process on a rejection nobody handles), awaited with its claim below.
      job.catch(() => {});
      jobs.push(job);
      await writer.ready();
    }
    const previous = finishing;
    finishing = (async () => {
      await previous;
      // Children first, then the parents that made them: a parent is never marked split with a child unwritten.
      await Promise.all(jobs);
      await writer.flush();
      await completeSplits(db, completed);
    })();
    finishing.catch((error: unknown) => failure.record(error));
  }
  await finishing;
}
