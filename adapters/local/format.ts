// Human-readable one-file summaries for `inspect` without --json.
import type { Analysis } from '../../core/analysis/types.ts';
import type { ErrorInfo } from '../../core/errors.ts';

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, '0')}`;
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** e.g. "song.mid\n  format 1, 9 tracks, 480 ppq, 3:05.2, 120 BPM, 4/4, A minor (0.71), 2,345 notes, drums" */
export function formatAnalysis(path: string, a: Analysis): string {
  const division = a.ppq !== null ? `${a.ppq} ppq` : `SMPTE ${a.smpte?.fps} fps x ${a.smpte?.ticksPerFrame}`;
  const tempo = `${round(a.tempo.dominantBpm)} BPM${a.tempo.changes > 0 ? ` (${round(a.tempo.minBpm)}-${round(a.tempo.maxBpm)}, ${a.tempo.changes} changes)` : ''}`;
  const meter = a.timeSignature ? `${a.timeSignature.numerator}/${a.timeSignature.denominator}` : 'no meter';
  const key = a.key ? `${a.key.tonic} ${a.key.mode} (${a.key.confidence.toFixed(2)})` : 'no key';
  const facts = [`format ${a.format}`, `${a.trackCount} tracks`, division, clock(a.durationSeconds), tempo, meter, key, `${a.noteCount.toLocaleString('en')} notes`];
  if (a.hasDrums) facts.push('drums');
  const lines = [path, `  ${facts.join(', ')}`];
  const melodic = a.instruments.filter((i) => i.family !== 'Drums').map((i) => i.name);
  if (melodic.length > 0) lines.push(`  instruments: ${[...new Set(melodic)].join(', ')}`);
  if (a.chords.progression.length > 0) lines.push(`  chords: ${a.chords.progression.slice(0, 12).join(' ')}${a.chords.progression.length > 12 ? ' ...' : ''}`);
  if (a.warnings.length > 0) {
    const counts = new Map<string, number>();
    for (const w of a.warnings) counts.set(w.code, (counts.get(w.code) ?? 0) + 1);
    lines.push(`  warnings: ${[...counts].map(([code, n]) => (n > 1 ? `${code} x${n}` : code)).join(', ')}`);
  }
  return lines.join('\n');
}

export function formatError(path: string, error: ErrorInfo): string {
  return `${path}\n  ${error.code}: ${error.message}`;
}
