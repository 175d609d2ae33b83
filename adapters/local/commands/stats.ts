// `stats`: library totals and the last runs with their throughput and pool statistics.
import { ANALYZER_VERSION } from '../../../core/analysis/analyze.ts';
import { libraryStats, type LibraryStats } from '../../../core/db/library-stats.ts';
import { listRuns, type RunRecord } from '../../../core/db/runs.ts';
import { intOption, usageError } from '../args.ts';
import { DATABASE_OPTIONS, resolveDatabaseOptions } from '../options.ts';
import { withDatabase } from '../session.ts';
import { EXIT_OK, type Command } from './command.ts';

const n = (x: number) => x.toLocaleString('en');

export const statsCommand: Command = {
  name: 'stats',
  usage: 'stats',
  summary: 'library totals and the last runs (--runs N) with their throughput and pool statistics',
  options: { ...DATABASE_OPTIONS, runs: 'string' },
  async run(args, io) {
    if (args.positionals.length > 0) throw usageError('stats takes no arguments');
    const options = resolveDatabaseOptions(args, io);
    const runCount = intOption(args.options, 'runs', 5, 0);
    const { library, runs } = await withDatabase(options, io, async (db) => ({
      library: await libraryStats(db, ANALYZER_VERSION),
      runs: runCount > 0 ? await listRuns(db, runCount) : [],
    }));
    if (options.json) io.out(JSON.stringify({ analyzerVersion: ANALYZER_VERSION, library, runs }));
    else io.out(formatStats(library, runs));
    return EXIT_OK;
  },
};

export function formatStats(s: LibraryStats, runs: RunRecord[]): string {
  const lines = [
    `library: ${n(s.files)} files (${(s.totalBytes / 1e6).toFixed(1)} MB) seen at ${n(s.paths)} paths`,
    `  analysis: ${n(s.analyzed)} analysed, ${n(s.failed)} failed, ${n(s.pending)} pending, ${n(s.outdated)} outdated (analyzer version ${ANALYZER_VERSION})`,
    `  split: ${n(s.splitChildren)} per-track files, ${n(s.splitLinks)} parent-track links`,
    `  music: ${(s.totalDurationSeconds / 3600).toFixed(1)} hours`,
  ];
  const codes = Object.entries(s.errorCodes).sort((a, b) => b[1] - a[1]);
  if (codes.length > 0) lines.push(`  failures: ${codes.map(([code, count]) => `${code} ${n(count)}`).join(', ')}`);
  if (runs.length > 0) lines.push('last runs:');
  for (const r of runs) {
    const seconds = r.finishedAt ? ((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1) : '?';
    const rate = r.filesPerSecond === null ? '' : `, ${n(Math.round(r.filesPerSecond))} files/s, ${((r.bytesPerSecond ?? 0) / 1e6).toFixed(1)} MB/s`;
    const pool = r.poolSettings ? `, pool ${String(r.poolSettings.preset)} (min ${String(r.poolSettings.min)}, max ${String(r.poolSettings.max)})` : '';
    const poolStats = r.poolStats ? `: ${n(r.poolStats.queries)} queries, ${r.poolStats.connectionsOpened} connections opened, ${r.poolStats.retries} retries` : '';
    lines.push(`  ${r.startedAt.toISOString()}  ${r.command} ${r.status} in ${seconds} s: ${n(r.filesProcessed)} files${rate}${pool}${poolStats}${r.error ? `; ${r.error.code}` : ''}`);
  }
  return lines.join('\n');
}
