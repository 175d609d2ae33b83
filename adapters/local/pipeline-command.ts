// What `import`, `analyze`, `split` and `run` share: resolve options, open the database and the workers,
// run the phases (core/pipeline/run-pipeline.ts), print the summary, pick the exit code, close everything.
import { join, resolve } from 'node:path';
import process from 'node:process';
import { ANALYZER_VERSION } from '../../core/analysis/analyze.ts';
import { newRunId } from '../../core/db/runs.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import { silentProgress } from '../../core/pipeline/progress.ts';
import { runPipeline } from '../../core/pipeline/run-pipeline.ts';
import type { PipelineCommand, RunSummary } from '../../core/pipeline/summary.ts';
import { systemClock } from '../../core/pipeline/clock.ts';
import type { ParsedArgs } from './args.ts';
import { EXIT_FAILED, EXIT_OK } from './commands/command.ts';
import { redactUrl } from './db/pool-settings.ts';
import { localFileSink } from './file-sink.ts';
import { localFileSource } from './file-source.ts';
import { nodeHasher } from './hasher.ts';
import type { CliIo } from './io.ts';
import { localLeaseIdentity } from './lease-identity.ts';
import { DEFAULTS, resolveBulkOptions } from './options.ts';
import { terminalProgress } from './progress.ts';
import { openAnalyzer, openDatabase } from './session.ts';
import { formatSummary, type ProcessUsage, summaryJson } from './summary-format.ts';

/** Unreadable paths listed one by one on stderr before the rest are only counted. */
const LISTED_UNREADABLE = 20;

export interface PipelineCommandInput {
  command: PipelineCommand;
  roots?: string[];
  /** Import with analysis in the same pass. */
  analyze?: boolean;
  /** Split output folder as given (`--out`), relative to the working directory. */
  out?: string;
}

export async function runPipelineCommand(input: PipelineCommandInput, args: ParsedArgs, io: CliIo): Promise<number> {
  const options = resolveBulkOptions(args, io);
  const out = resolve(io.cwd, input.out ?? join(options.dataDir, DEFAULTS.splitFolder));
  let unreadable = 0;
  let missing = 0;
  const onUnreadable = (path: string, error: ErrorInfo) => {
    if (error.code === 'FILE_NOT_FOUND') missing++;
    if (options.quiet) return;
    if (unreadable++ < LISTED_UNREADABLE) io.err(`${progressClear(options.progress)}skipped ${JSON.stringify(path)}: ${error.code}: ${error.message}\n`);
  };

  const db = await openDatabase(options, io);
  let summary: RunSummary;
  const cpuBefore = process.cpuUsage();
  try {
    const analyzer = await openAnalyzer(options.workers);
    try {
      summary = await runPipeline(
        {
          db,
          source: localFileSource(io.cwd),
          sink: localFileSink(out),
          hasher: nodeHasher,
          analyzer,
          progress: options.progress ? terminalProgress(io.err) : silentProgress,
          clock: systemClock,
          lease: localLeaseIdentity(newRunId().slice(0, 8)),
          onUnreadable,
        },
        {
          command: input.command,
          roots: input.roots,
          analyze: input.analyze,
          // a second walk for the ETA, only when a progress bar shows it
          countAhead: options.progress,
          batchSize: options.batchSize,
          maxFileSize: options.maxFileSize,
          analyzerVersion: ANALYZER_VERSION,
          recordedOptions: recordedOptions(args, { roots: input.roots ?? [], out, workers: options.workers, batchSize: options.batchSize }),
          poolSettings: 'settings' in db ? { ...(db.settings as object) } : null,
        },
      );
    } finally {
      await analyzer.close();
    }
  } finally {
    await db.close();
  }

  // What this process (main thread and workers) used while the phases ran, for comparing runs on a busy
  // machine, where wall time says little.
  const cpu = process.cpuUsage(cpuBefore);
  const usage: ProcessUsage = { cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  if (unreadable > LISTED_UNREADABLE && !options.quiet) io.err(`... and ${unreadable - LISTED_UNREADABLE} more unreadable paths\n`);
  if (options.json) io.out(summaryJson(summary, usage));
  else if (!options.quiet || summary.status === 'failed') io.out(formatSummary(summary, usage));
  if (summary.status === 'failed') {
    io.err(`midi-pipeline ${input.command}: ${summary.error?.code}: ${summary.error?.message}\n`);
    return EXIT_FAILED;
  }
  // A path the user named that does not exist means the job could not be done as asked (as `inspect`).
  if (missing > 0 || (options.strict && summary.invalidFiles > 0)) return EXIT_FAILED;
  return EXIT_OK;
}

/** The options stored with the run: as given, but never a database password. */
function recordedOptions(args: ParsedArgs, resolved: Record<string, unknown>): Record<string, unknown> {
  const given = { ...args.options };
  if (typeof given['database-url'] === 'string') given['database-url'] = redactUrl(given['database-url']);
  return { ...given, ...resolved };
}

function progressClear(drawing: boolean): string {
  return drawing ? '\r\x1b[K' : '';
}
