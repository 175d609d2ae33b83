// The terminal progress line: files, MB, rate, and with a known total a bar, a percentage and an ETA;
// redrawn at most every 100 ms, cleared at the end of a phase.
import { expect, test } from 'vitest';
import { formatProgress, terminalProgress } from '../../adapters/local/progress.ts';

test('without a total: counts and rates', () => {
  expect(formatProgress({ phase: 'import', files: 12_345, bytes: 270_100_000, total: null }, 10)).toBe('import   12,345 files  270.1 MB  1,235 files/s  27.0 MB/s');
});

test('with a total: bar, percentage and ETA at the current rate', () => {
  // 500 of 2,000 in 10 s: 50 files/s, 1,500 left -> 30 s
  expect(formatProgress({ phase: 'analyze', files: 500, bytes: 5_000_000, total: 2000 }, 10)).toBe(
    'analyze  [#####---------------]  25%  500/2,000 files  5.0 MB  50 files/s  0.5 MB/s  ETA 0:30',
  );
  expect(formatProgress({ phase: 'split', files: 10, bytes: 0, total: 10 }, 1)).toMatch(/\[#{20}\] 100%  10\/10 files .*files\/s  0\.0 MB\/s$/);
  // hours once past 60 minutes
  expect(formatProgress({ phase: 'import', files: 100, bytes: 0, total: 1_000_000 }, 100)).toMatch(/ETA 277:45:00$/);
});

test('redraws at most every 100 ms and clears the line at the end', () => {
  let now = 0;
  let written = '';
  const progress = terminalProgress((t) => (written += t), () => now);
  progress.update({ phase: 'import', files: 1, bytes: 0, total: null });
  now = 50;
  progress.update({ phase: 'import', files: 2, bytes: 0, total: null });
  now = 150;
  progress.update({ phase: 'import', files: 3, bytes: 0, total: null });
  progress.end();
  const draws = written.split('\r\x1b[K').filter(Boolean);
  expect(draws.map((d) => d.match(/(\d+) files/)![1])).toEqual(['1', '3']);
  expect(written.endsWith('\r\x1b[K')).toBe(true);
});
