// The import phase: walk -> read -> hash -> skip contents already known -> analyse the rest -> write in
// batches. One read, one hash and one parse per new file; a content seen again (in the library, or
// earlier in this run) only gets its path recorded.
import { knownContents } from '../db/known-files.ts';
import { toErrorInfo } from '../errors.ts';
import { Budget } from './budget.ts';
import { FirstFailure } from './first-failure.ts';
import { mapConcurrent } from './map-concurrent.ts';
import { DEFAULT_MAX_BYTES_IN_FLIGHT, DEFAULT_READ_CONCURRENCY, FILES_IN_FLIGHT_PER_WORKER, type PhaseDeps, type PhaseOptions } from './phase-deps.ts';
import { RecentSet } from './recent-set.ts';
import { countInvalid, type RunCounts } from './run-counts.ts';
import { WriteBatcher } from './write-batcher.ts';

export interface ImportOptions extends PhaseOptions {
  roots: readonly string[];
  /** false: register files and paths only (`import --no-analyze`); `analyze` does the rest later. */
  analyze: boolean;
  /** Count the files ahead with `source.count` (a second walk, reading nothing) so progress gets a total. */
  countAhead?: boolean;
}

interface ReadFile {
  path: string;
  bytes: Uint8Array;
  sha256: string;
}

// Contents this run has handled, remembered so duplicates inside one run skip the lookup; 2^17 hashes is
// about 20 MB and far more than are ever in flight between a lookup and the write that follows it.
const RECENT_CONTENTS = 1 << 17;
// A lookup batch holds the bytes of its files until they are sent on: bound them as well as the count.
const MAX_LOOKUP_BYTES = 32 * 1024 * 1024;

/** Imports the files under `options.roots`, adding to `counts` as it goes (so a failed run still reports). */
export async function runImport(deps: PhaseDeps, options: ImportOptions, counts: RunCounts): Promise<void> {
  const { db, source, hasher, analyzer, progress } = deps;
  const c = counts.import;
  // Contents this run looked up and did not find: new if its write creates them, else another runner
  // stored them in between (concurrent runs over the same files), and the path is a duplicate after all.
  const unknown = new Set<string>();
  const writer = new WriteBatcher(db, {
    batchSize: options.batchSize,
    onWritten: (written) => {
      for (const w of written) {
        if (w.inserted) c.new++;
        else if (unknown.has(w.sha256)) c.duplicates++;
        unknown.delete(w.sha256);
      }
    },
  });
  const budget = new Budget(analyzer.concurrency * FILES_IN_FLIGHT_PER_WORKER, options.maxBytesInFlight ?? DEFAULT_MAX_BYTES_IN_FLIGHT);
  const recent = new RecentSet(RECENT_CONTENTS);
  const pending = new Set<Promise<void>>();
  const failure = new FirstFailure();

  let total: number | null = null;
  if (options.countAhead && source.count) {
    // The count only feeds the progress bar: a failure to count costs the ETA, nothing else.
    source.count(options.roots).then(
      (n) => void (total = n),
      () => {},
    );
  }
  const report = () => progress.update({ phase: 'import', files: c.seen, bytes: c.bytes, total: total === null ? null : Math.max(total, c.seen) });

  async function dispatch(batch: ReadFile[]): Promise<void> {
    if (batch.length === 0) return;
    const ask = [...new Set(batch.filter((f) => !recent.has(f.sha256)).map((f) => f.sha256))];
    const known = await knownContents(db, ask, options.analyzerVersion);
    for (const file of batch) {
      failure.throwIfFailed();
      const seenBefore = recent.has(file.sha256) || known.has(file.sha256);
      const analyse = options.analyze && !recent.has(file.sha256) && known.get(file.sha256) !== true;
      recent.add(file.sha256);
      if (seenBefore) c.duplicates++;
      else unknown.add(file.sha256);
      if (!analyse) {
        writer.add({ sha256: file.sha256, sizeBytes: file.bytes.length, path: file.path });
        await writer.ready();
        continue;
      }
      const size = file.bytes.length;
      await budget.acquire(size);
      const job = analyzer
        .analyze({ bytes: file.bytes, sha256: file.sha256, maxBytes: options.maxFileSize })
        .then((outcome) => {
          if (outcome.ok) {
            c.analysed++;
          } else {
            c.failed++;
            countInvalid(counts, outcome.error.code);
          }
          writer.add({ sha256: file.sha256, sizeBytes: size, path: file.path, outcome });
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

  const reads = mapConcurrent(source.walk(options.roots), options.readConcurrency ?? DEFAULT_READ_CONCURRENCY, async (entry) => {
    if (entry.error) return { path: entry.path, error: entry.error };
    try {
      return { path: entry.path, bytes: await source.read(entry.path, options.maxFileSize) };
    } catch (error) {
      return { path: entry.path, error: toErrorInfo(error, 'FILE_UNREADABLE') };
    }
  });

  let batch: ReadFile[] = [];
  let batchBytes = 0;
  // One batch is handed out (looked up, then fed to the analyzer as the budget allows) while the next is
  // read and hashed: the reads never wait for the analyzer's backlog, so the workers never wait for reads.
  let dispatching: Promise<void> = Promise.resolve();
  for await (const item of reads) {
    failure.throwIfFailed();
    c.seen++;
    if (item.error || !item.bytes) {
      const error = item.error ?? { code: 'FILE_UNREADABLE', message: 'unreadable' };
      c.unreadable++;
      countInvalid(counts, error.code);
      deps.onUnreadable?.(item.path, error);
      report();
      continue;
    }
    c.read++;
    c.bytes += item.bytes.length;
    batch.push({ path: item.path, bytes: item.bytes, sha256: hasher.sha256(item.bytes) });
    batchBytes += item.bytes.length;
    if (batch.length >= options.batchSize || batchBytes >= MAX_LOOKUP_BYTES) {
      const full = batch;
      batch = [];
      batchBytes = 0;
      // Lookups stay in order: a content's first sighting is in `recent` before the next batch asks.
      await dispatching;
      dispatching = dispatch(full).catch((error: unknown) => failure.record(error));
    }
    report();
  }
  await dispatching;
  await dispatch(batch);
  while (pending.size > 0) await Promise.all(pending);
  failure.throwIfFailed();
  await writer.flush();
  report();
}
