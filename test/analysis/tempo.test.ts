// Tempo summary: expected values follow from how each fixture is built (480 ppq, so 480 ticks = 1 quarter).
import { describe, expect, it } from 'vitest';
import { bpmOf } from '../../core/analysis/tempo.ts';
import { noteOff, noteOn, tempo, tempoMicros } from '../support/smf.ts';
import { analyze } from './helpers.ts';

describe('tempo', () => {
  it('is 120 BPM everywhere when the file has no tempo event', () => {
    const a = analyze({ tracks: [[noteOn(0, 0, 60), noteOff(960, 0, 60)]] });
    expect(a.tempo).toEqual({ initialBpm: 120, dominantBpm: 120, minBpm: 120, maxBpm: 120, changes: 0 });
  });

  it('weighs tempos by time: 120 BPM for 2 s then 60 BPM for 6 s is dominantly 60', () => {
    // 120 BPM: 4 quarters = 2 s; 60 BPM: 6 quarters = 6 s.
    const a = analyze({ tracks: [[tempo(0, 120), noteOn(0, 0, 60), tempo(4 * 480, 60), noteOff(6 * 480, 0, 60)]] });
    expect(a.durationSeconds).toBe(8);
    expect(a.tempo).toEqual({ initialBpm: 120, dominantBpm: 60, minBpm: 60, maxBpm: 120, changes: 1 });
  });

  it('reads the tempo map merged from all tracks (conductor track in format 1)', () => {
    const a = analyze({
      tracks: [
        [tempo(0, 100), tempo(480, 150), tempo(480, 100)],
        [noteOn(0, 0, 60), noteOff(8 * 480, 0, 60)],
      ],
    });
    // 1 quarter at 100 (0.6 s), 1 at 150 (0.4 s), 6 at 100 (3.6 s).
    expect(a.durationSeconds).toBeCloseTo(4.6, 9);
    expect(a.tempo).toEqual({ initialBpm: 100, dominantBpm: 100, minBpm: 100, maxBpm: 150, changes: 2 });
  });

  it('does not count repeats of the tempo in force as changes', () => {
    // 666,667 and 666,666 µs per quarter are both 90.000 BPM to three decimals, but different tempos.
    const a = analyze({ tracks: [[tempoMicros(0, 666_667), noteOn(0, 0, 60), tempoMicros(480, 666_666), noteOff(480, 0, 60)]] });
    expect(a.tempo.changes).toBe(1);
    expect(a.tempo.minBpm).toBe(90);
    const same = analyze({ tracks: [[tempo(0, 80), noteOn(0, 0, 60), tempo(480, 80), tempo(480, 80), noteOff(480, 0, 60)]] });
    expect(same.tempo.changes).toBe(0);
  });

  it('takes the tempo in force at the first note as the initial tempo', () => {
    // A tempo set 10 ticks in, before the first note at tick 480: that is the tempo the music starts at.
    const late = analyze({ tracks: [[tempo(10, 150), noteOn(470, 0, 60), noteOff(480, 0, 60)]] });
    expect(late.tempo.initialBpm).toBe(150);
    // The default 120 was in force for those 10 ticks: it counts for min/max and as a change.
    expect(late.tempo.minBpm).toBe(120);
    expect(late.tempo.changes).toBe(1);
    // A tempo event after the first note is a change, not the initial tempo.
    const after = analyze({ tracks: [[noteOn(0, 0, 60), tempo(480, 60), noteOff(480, 0, 60)]] });
    expect(after.tempo.initialBpm).toBe(120);
  });

  it('reports written tempo events of SMPTE-timed files, timed by the SMPTE rate', () => {
    // Division 0xE728: -25 fps, 40 ticks per frame = 1000 ticks per second.
    const a = analyze({ division: 0xe728, tracks: [[tempo(0, 100), noteOn(0, 0, 60), noteOff(2000, 0, 60)]] });
    expect(a.ppq).toBeNull();
    expect(a.smpte).toEqual({ fps: 25, ticksPerFrame: 40 });
    expect(a.durationSeconds).toBe(2);
    expect(a.tempo).toEqual({ initialBpm: 100, dominantBpm: 100, minBpm: 100, maxBpm: 100, changes: 0 });
  });

  it('converts microseconds per quarter to BPM', () => {
    expect(bpmOf(500_000)).toBe(120);
    expect(bpmOf(461_538)).toBe(130);
    expect(bpmOf(1_000_000)).toBe(60);
  });
});
