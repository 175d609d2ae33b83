// Duration: the latest event of any kind over the merged tempo map; notesEndSeconds: the last note's end.
import { describe, expect, it } from 'vitest';
import { meta, noteOff, noteOn, tempo } from '../support/smf.ts';
import { analyze } from './helpers.ts';

describe('duration', () => {
  it('counts trailing silence up to End-of-Track, while notesEndSeconds stops at the last note', () => {
    // Note for 1 quarter (0.5 s at 120 BPM), End-of-Track 3 quarters later.
    const a = analyze({ tracks: [[noteOn(0, 0, 60), noteOff(480, 0, 60)]], endOfTrack: false });
    expect(a.durationSeconds).toBe(0.5);
    const b = analyze({ tracks: [[noteOn(0, 0, 60), noteOff(480, 0, 60), meta(3 * 480, 0x2f, [])]], endOfTrack: false });
    expect(b.durationSeconds).toBe(2);
    expect(b.durationTicks).toBe(4 * 480);
    expect(b.notesEndSeconds).toBe(0.5);
  });

  it('takes the longest track of a format 1 file, timed by the conductor track', () => {
    const a = analyze({
      tracks: [
        [tempo(0, 60)],
        [noteOn(0, 0, 60), noteOff(480, 0, 60)],
        [noteOn(960, 1, 64), noteOff(480, 1, 64)], // ends at tick 1440 = 3 quarters at 60 BPM
      ],
    });
    expect(a.durationTicks).toBe(1440);
    expect(a.durationSeconds).toBe(3);
    expect(a.notesEndSeconds).toBe(3);
  });

  it('times each format 2 track with its own tempo and takes the longest', () => {
    const a = analyze({
      format: 2,
      tracks: [
        [tempo(0, 60), noteOn(0, 0, 60), noteOff(960, 0, 60)], // 2 quarters at 60 BPM: 2 s
        [tempo(0, 240), noteOn(0, 0, 60), noteOff(1920, 0, 60)], // 4 quarters at 240 BPM: 1 s
      ],
    });
    expect(a.durationSeconds).toBe(2);
    expect(a.durationTicks).toBe(960);
  });

  it('is 0 for a file with nothing but End-of-Track', () => {
    const a = analyze({ tracks: [[]] });
    expect(a.durationSeconds).toBe(0);
    expect(a.notesEndSeconds).toBe(0);
    expect(a.noteCount).toBe(0);
    expect(a.notesPerSecond).toBe(0);
  });
});
