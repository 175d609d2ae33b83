// The end-of-run summary for people (stdout) and for scripts (one JSON line, the last on stdout).
import type { RunSummary } from '../../core/pipeline/summary.ts';

const n = (x: number) => x.toLocaleString('en');

/** What the process used: CPU seconds of all its threads during the phases, and its peak resident memory. */
export interface ProcessUsage {
  cpuSeconds: number;
  peakRssMb: number;
}

/**
 * e.g.
 * ```
 * run done in 12.3 s: 1,065 files seen, 1,020 new, 45 duplicates, 993 analysed, 72 invalid
 *   invalid: MIDI_NOT_SMF 40, MIDI_BAD_HEADER 20, ...
 *   split: 120 parents -> 480 children
 *   throughput: 86.6 files/s, 1.7 MB/s
 *   pool: 7 queries, 2 connections opened (peak 2), 0 lost, 0 reconnects, 0 retries, 14 ms waiting
 *   process: 30.1 CPU seconds, peak 480 MB resident
 * ```
 */
export function formatSummary(s: RunSummary, usage?: ProcessUsage): string {
  const head = `${s.command} ${s.status === 'done' ? 'done' : 'FAILED'} in ${s.seconds.toFixed(1)} s`;
  const facts: string[] = [];
  if (s.command === 'import' || s.command === 'run') facts.push(`${n(s.filesSeen)} files seen`, `${n(s.newFiles)} new`, `${n(s.duplicates)} duplicates`);
  if (s.command === 'analyze') facts.push(`${n(s.counts.analyze.claimed)} files claimed`);
  facts.push(`${n(s.analysed)} analysed`, `${n(s.invalidFiles)} invalid`);
  const lines = [`${head}: ${facts.join(', ')}`];
  const codes = Object.entries(s.invalid).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (codes.length > 0) lines.push(`  invalid: ${codes.map(([code, count]) => `${code} ${n(count)}`).join(', ')}`);
  if (s.command === 'split' || s.command === 'run') lines.push(`  split: ${n(s.split.parents)} parents -> ${n(s.split.children)} children`);
  lines.push(`  throughput: ${n(Math.round(s.filesPerSecond * 10) / 10)} files/s, ${s.megabytesPerSecond.toFixed(1)} MB/s`);
  const p = s.pool.stats;
  if (p) {
    lines.push(
      `  pool: ${n(p.queries)} queries, ${n(p.connectionsOpened)} connections opened (peak ${p.connectionsPeak}), ${p.connectionsLost} lost, ` +
        `${p.reconnects} reconnects, ${p.retries} retries, ${Math.round(p.waitMs)} ms waiting`,
    );
  }
  if (usage) lines.push(`  process: ${usage.cpuSeconds.toFixed(1)} CPU seconds, peak ${Math.round(usage.peakRssMb)} MB resident`);
  if (s.error) lines.push(`  error: ${s.error.code}: ${s.error.message}`);
  return lines.join('\n');
}

/** The --json line: the summary as it is (camelCase), counts per phase included, and `process` usage. */
export function summaryJson(s: RunSummary, usage?: ProcessUsage): string {
  return JSON.stringify(usage ? { ...s, process: usage } : s);
}
