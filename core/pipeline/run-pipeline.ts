// The orchestrator of the bulk commands: runs the phases a command asks for, keeps the leases of its
// claims alive, records the run in `runs` (at the start, and with its counts and throughput at the end),
// and returns the summary. `run` = import (with analysis) -> analyze (anything left pending) -> split ->
// analyze (children whose analysis failed for a retryable reason); it ends when no phase finds work.
import { releaseLeases } from '../db/claims.ts';
import { newRunId, type RunRecord, saveRun } from '../db/runs.ts';
import { toErrorInfo } from '../errors.ts';
import { runAnalyze } from './analyze-phase.ts';
import { type ImportOptions, runImport } from './import-phase.ts';
import { closeAbandonedRuns, recoverDeadLeases, startLeaseHeartbeat } from './leases.ts';
import { DEFAULT_LEASE_SECONDS, type PhaseDeps, type PhaseOptions } from './phase-deps.ts';
import { countsDocument, newRunCounts, type RunCounts } from './run-counts.ts';
import { runSplit } from './split-phase.ts';
import { type PipelineCommand, type RunSummary, summarize } from './summary.ts';

export interface PipelineOptions extends PhaseOptions {
  command: PipelineCommand;
  /** Folders and files to import (import and run). */
  roots?: readonly string[];
  /** Import with analysis in the same pass (default true). */
  analyze?: boolean;
  /** Count the files to import ahead, for the progress bar's ETA. */
  countAhead?: boolean;
  /** Recorded with the run as given, e.g. the command line options. */
  recordedOptions?: Record<string, unknown>;
  /** The pool configuration to record (postgres-js), or null. */
  poolSettings?: Record<string, unknown> | null;
}

/**
 * e.g. `await runPipeline(deps, {command: 'run', roots: ['./midi'], batchSize: 500, ...})` ->
 * `{status: 'done', filesSeen: 1065, newFiles: 1065, analysed: 993, invalid: {MIDI_NOT_SMF: 40, ...}, ...}`.
 * Never throws for a failed phase: the summary says `status: 'failed'` with the error.
 */
export async function runPipeline(deps: PhaseDeps, options: PipelineOptions): Promise<RunSummary> {
  const { db, clock, lease } = deps;
  const counts = newRunCounts();
  const runId = newRunId();
  const startedAt = clock.date();
  const started = clock.now();
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const phase = { ...options, leaseSeconds };
  const record = (status: RunRecord['status'], summary: RunSummary | null): RunRecord => ({
    id: runId,
    command: options.command,
    status,
    startedAt,
    finishedAt: summary ? clock.date() : null,
    // the owner lets a later run on this machine tell that this one died (closeAbandonedRuns)
    options: { ...options.recordedOptions, owner: lease.owner },
    counts: countsDocument(counts),
    filesProcessed: summary?.files ?? 0,
    bytesProcessed: summary?.bytes ?? 0,
    filesPerSecond: summary?.filesPerSecond ?? null,
    bytesPerSecond: summary ? summary.megabytesPerSecond * 1e6 : null,
    poolSettings: options.poolSettings ?? null,
    poolStats: summary?.pool.stats ?? null,
    error: summary?.error ?? null,
  });

  let error: unknown = null;
  let stopHeartbeat: (() => Promise<void>) | null = null;
  try {
    await closeAbandonedRuns(db, lease);
    await saveRun(db, record('running', null));
    const command = options.command;
    const timed = async (name: string, work: () => Promise<void>) => {
      const at = clock.now();
      try {
        await work();
      } finally {
        counts.seconds[name] = (counts.seconds[name] ?? 0) + (clock.now() - at) / 1000;
      }
    };
    if (command === 'import' || command === 'run') {
      const importOptions: ImportOptions = { ...phase, roots: options.roots ?? [], analyze: options.analyze ?? true, countAhead: options.countAhead };
      await timed('import', () => runImport(deps, importOptions, counts));
    }
    if (command !== 'import') {
      await recoverDeadLeases(db, lease);
      stopHeartbeat = startLeaseHeartbeat(db, lease.owner, leaseSeconds);
      if (command === 'analyze' || command === 'run') await timed('analyze', () => runAnalyze(deps, phase, counts));
      if (command === 'split' || command === 'run') await timed('split', () => runSplit(deps, phase, counts));
      if (command === 'run') await timed('analyze', () => runAnalyze(deps, phase, counts));
    }
  } catch (caught) {
    error = caught;
  } finally {
    deps.progress.end();
    await stopHeartbeat?.();
    // Give back what we still hold (unreadable split parents, claims of a failed phase), so another
    // process need not wait for the leases to expire.
    await releaseLeases(db, lease.owner).catch(() => 0);
  }

  const summary = summarize({
    runId,
    command: options.command,
    counts,
    seconds: (clock.now() - started) / 1000,
    error: error === null ? null : toErrorInfo(error),
    poolSettings: options.poolSettings ?? null,
    poolStats: db.stats?.() ?? null,
  });
  // The run row is bookkeeping: when the database is gone, the summary still reaches the user.
  await saveRun(db, record(summary.status, summary)).catch(() => {});
  return summary;
}

export type { RunCounts, RunSummary };
