// The shared sorts against a plain comparison sort of the same keys.
import { describe, expect, it } from 'vitest';
import { notesByEnd, notesByStart } from '../../core/analysis/note-order.ts';
import { readMidi } from '../../core/midi/read.ts';
import type { MidiFile } from '../../core/midi/types.ts';
import { bytes, concat, EOT, header, track } from '../support/bytes.ts';

function random(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** Reference: indexes sorted by key, ties by index (stable). */
const reference = (keys: ArrayLike<number>) => Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);

/** A note table stub with just the fields the sorts read. */
function fileWith(endTick: number[], format: 0 | 1 | 2 = 1): MidiFile {
  const notes = { count: endTick.length, endTick: Float64Array.from(endTick), endSeconds: Float64Array.from(endTick, (t) => t / 960) };
  return { format, notes } as unknown as MidiFile;
}

describe('note order', () => {
  it('sorts starts stably from runs (tracks) of sorted starts', () => {
    const next = random(7);
    for (const runs of [1, 2, 3, 17]) {
      const starts: number[] = [];
      for (let r = 0; r < runs; r++) {
        let t = 0;
        for (let i = 0; i < 200; i++) starts.push((t += Math.floor(next() * 3)));
      }
      expect(Array.from(notesByStart(Float64Array.from(starts), starts.length))).toEqual(reference(starts));
    }
    expect(Array.from(notesByStart(new Float64Array(0), 0))).toEqual([]);
  });

  it('sorts ends stably, whatever their size and order', () => {
    const next = random(11);
    for (const [count, max] of [
      [10, 100], // insertion sort
      [1000, 1000], // one radix pass
      [5000, 3_000_000], // two passes
      [3000, 2 ** 31 + 12345], // three passes
      [500, 2 ** 40], // past 32 bits: comparison sort
    ]) {
      const ends = Array.from({ length: count }, () => Math.floor(next() * max));
      ends[3] = ends[7]; // ties
      expect(Array.from(notesByEnd(fileWith(ends))), `${count} up to ${max}`).toEqual(reference(ends));
    }
    const sorted = [1, 2, 2, 5];
    expect(Array.from(notesByEnd(fileWith(sorted)))).toEqual([0, 1, 2, 3]);
    expect(Array.from(notesByEnd(fileWith([9, 3, 5], 2)))).toEqual([1, 2, 0]);
  });

  it('orders format 2 ends by seconds, though their ticks ascend', () => {
    // Format 2, 96 ticks a quarter. Track 0 at 60 BPM: a note over ticks 0-100, ending at 100/96 s = 1.04 s.
    // Track 1 at 240 BPM: a note over ticks 0-200, ending at 200/96/4 s = 0.52 s. By tick the first ends
    // first; in time the second does. (Until this was fixed, ascending ticks returned table order.)
    const file = readMidi(
      concat(
        header(2, 2, 96),
        track(bytes('00 ff5103 0f4240 00 903c40 64 803c40', EOT)), //   1,000,000 µs a quarter; 100 ticks
        track(bytes('00 ff5103 03d090 00 903e40 8148 803e40', EOT)), // 250,000 µs a quarter; 200 ticks
      ),
    );
    expect(Array.from(file.notes.endTick)).toEqual([100, 200]);
    expect(file.notes.endSeconds[0]).toBeCloseTo(100 / 96, 9);
    expect(file.notes.endSeconds[1]).toBeCloseTo(200 / 96 / 4, 9);
    expect(Array.from(notesByEnd(file))).toEqual([1, 0]);
  });
});
