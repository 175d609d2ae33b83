// The Progress port on a terminal: one line on stderr, redrawn at most every 100 ms, with files, MB, rate
// and, once the total is known, a bar and an ETA. Used only when stderr is a TTY and not --no-progress.
import type { Progress, ProgressSnapshot } from '../../core/pipeline/progress.ts';

const REDRAW_MS = 100;
const BAR_WIDTH = 20;

/** e.g. `import  12,345 files  270.1 MB  4,321 files/s  94.5 MB/s` or `analyze [#####-----]  50%  500/1,000 files ... ETA 0:12`. */
export function formatProgress(s: ProgressSnapshot, elapsedSeconds: number): string {
  const rate = elapsedSeconds > 0 ? s.files / elapsedSeconds : 0;
  const mbRate = elapsedSeconds > 0 ? s.bytes / 1e6 / elapsedSeconds : 0;
  const parts = [s.phase.padEnd(7)];
  if (s.total !== null && s.total > 0) {
    const fraction = Math.min(1, s.files / s.total);
    const filled = Math.round(fraction * BAR_WIDTH);
    parts.push(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`);
    parts.push(`${s.files.toLocaleString('en')}/${s.total.toLocaleString('en')} files`);
  } else {
    parts.push(`${s.files.toLocaleString('en')} files`);
  }
  parts.push(`${(s.bytes / 1e6).toFixed(1)} MB`, `${Math.round(rate).toLocaleString('en')} files/s`, `${mbRate.toFixed(1)} MB/s`);
  if (s.total !== null && s.total > s.files && rate > 0) parts.push(`ETA ${clock((s.total - s.files) / rate)}`);
  return parts.join('  ');
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Draws on `write` (stderr); each phase's rate counts from that phase's first report. */
export function terminalProgress(write: (text: string) => void, now: () => number = () => performance.now()): Progress {
  let phase = '';
  let phaseStart = 0;
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(s) {
      const t = now();
      if (s.phase !== phase) {
        phase = s.phase;
        phaseStart = t;
      }
      if (t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      drawn = true;
      write(`\r\x1b[K${formatProgress(s, (t - phaseStart) / 1000)}`);
    },
    end() {
      if (drawn) write('\r\x1b[K');
      drawn = false;
      phase = '';
    },
  };
}
