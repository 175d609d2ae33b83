// Pitch, velocity, polyphony and density statistics.
import { describe, expect, it } from 'vitest';
import { notes } from '../support/smf.ts';
import { analyze } from './helpers.ts';
import { notesByEnd, notesByStart } from '../../core/analysis/note-order.ts';
import { polyphony } from '../../core/analysis/polyphony.ts';
import type { MidiFile, NoteTable } from '../../core/midi/types.ts';

const beat = 480; // 0.5 s at the default 120 BPM

describe('note statistics', () => {
  it('reports pitch range, distinct pitches and velocities', () => {
    const a = analyze({
      tracks: [
        notes([
          { at: 0, length: beat, pitch: 60, velocity: 40 },
          { at: beat, length: beat, pitch: 72, velocity: 100 },
          { at: 2 * beat, length: beat, pitch: 60, velocity: 70 },
          { at: 3 * beat, length: beat, pitch: 36, velocity: 90, channel: 9 },
        ]),
      ],
    });
    expect(a.noteCount).toBe(4);
    expect(a.pitch).toEqual({ min: 36, max: 72, unique: 3 });
    expect(a.velocity).toEqual({ min: 40, max: 100, mean: 75 });
    expect(a.notesPerSecond).toBe(2); // 4 notes in 2 s
  });

  it('is null for pitch and velocity without notes', () => {
    const a = analyze({ tracks: [[]] });
    expect(a.pitch).toBeNull();
    expect(a.velocity).toBeNull();
    expect(a.polyphony).toEqual({ max: 0, mean: 0 });
    expect(a.channels).toEqual([]);
  });

  it('measures polyphony: the most notes at once, and the time-weighted mean while anything sounds', () => {
    // Beat 0: C-E-G (3 notes); beat 1: C alone; beats 2-3: silence; beat 4: C-E (2 notes).
    const a = analyze({
      tracks: [
        notes([
          { at: 0, length: beat, pitch: 64 },
          { at: 0, length: beat, pitch: 67 },
          { at: 0, length: 2 * beat, pitch: 60 },
          { at: 4 * beat, length: beat, pitch: 60 },
          { at: 4 * beat, length: beat, pitch: 64 },
        ]),
      ],
    });
    expect(a.polyphony.max).toBe(3);
    // Note time 0.5 + 0.5 + 1 + 0.5 + 0.5 = 3 s; something sounds during [0, 1) and [2, 2.5): 1.5 s.
    expect(a.polyphony.mean).toBe(2);
  });

  it('does not count a note ending exactly when the next starts as overlapping', () => {
    const a = analyze({
      tracks: [
        notes([
          { at: 0, length: beat, pitch: 60 },
          { at: beat, length: beat, pitch: 62 },
          { at: 2 * beat, length: beat, pitch: 64 },
        ]),
      ],
    });
    expect(a.polyphony).toEqual({ max: 1, mean: 1 });
  });

  it('counts overlap across tracks', () => {
    const a = analyze({
      tracks: [notes([{ at: 0, length: 4 * beat, pitch: 48 }]), notes([{ at: beat, length: beat, pitch: 60, channel: 1 }])],
    });
    expect(a.polyphony.max).toBe(2);
    expect(a.channels).toEqual([1, 2]);
  });

  it('counts more notes at once than the active-note array holds (stuck notes)', () => {
    const list = Array.from({ length: 100 }, (_, i) => ({ at: i, length: 100 * beat, pitch: 20 + i }));
    expect(analyze({ tracks: [notes(list)] }).polyphony.max).toBe(100);
  });

  it('agrees with counting at every start on random notes', () => {
    let seed = 3;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 200; round++) {
      const count = Math.floor(next() * (round % 10 === 0 ? 400 : 40));
      const start = Float64Array.from({ length: count }, () => Math.floor(next() * 30) / 4);
      const end = start.map((s) => s + (next() < 0.2 ? 0 : Math.floor(next() * 12) / 4));
      const table = { count, startSeconds: start, endSeconds: end } as unknown as NoteTable;
      const byStart = notesByStart(start, count);
      const byEnd = () => notesByEnd({ format: 2, notes: { count, endTick: end, endSeconds: end } } as unknown as MidiFile);
      // Brute force: at each start instant, the notes with start <= t < end.
      let max = 0;
      for (const t of start) {
        let sounding = 0;
        for (let i = 0; i < count; i++) if (start[i] <= t && t < end[i]) sounding++;
        max = Math.max(max, sounding);
      }
      expect(polyphony(table, byStart, { byEnd }).max, `round ${round}`).toBe(max);
    }
  });
});
