// Instruments: (channel, program) pairs that sound, with GM names and families.
import { describe, expect, it } from 'vitest';
import { GM_FAMILIES, GM_PROGRAM_NAMES, drumKitName, programFamily, programName } from '../../core/analysis/gm.ts';
import { bytesOf, notes, programChange } from '../support/smf.ts';
import { analyze } from './helpers.ts';

const beat = 480;

describe('instruments', () => {
  it('defaults to program 0 (Acoustic Grand Piano)', () => {
    const a = analyze({ tracks: [notes([{ at: 0, length: beat, pitch: 60 }])] });
    expect(a.instruments).toEqual([{ channel: 1, program: 0, name: 'Acoustic Grand Piano', family: 'Piano' }]);
    expect(a.channels).toEqual([1]);
  });

  it('takes the program in force when each note starts, and lists only programs that sound', () => {
    const a = analyze({
      tracks: [
        notes(
          [
            { at: 0, length: beat, pitch: 60, channel: 0 },
            { at: 2 * beat, length: beat, pitch: 60, channel: 0 },
            { at: 0, length: beat, pitch: 40, channel: 1 },
          ],
          [
            { at: 0, bytes: bytesOf(programChange(0, 0, 40)) }, // violin for the first note
            { at: beat, bytes: bytesOf(programChange(0, 0, 73)) }, // two changes at one tick before the second note:
            { at: beat, bytes: bytesOf(programChange(0, 0, 74)) }, // the later one (recorder) wins
            { at: 0, bytes: bytesOf(programChange(0, 1, 33)) },
            { at: 0, bytes: bytesOf(programChange(0, 5, 10)) }, // channel 6 plays nothing
          ],
        ),
      ],
    });
    expect(a.instruments).toEqual([
      { channel: 1, program: 40, name: 'Violin', family: 'Strings' },
      { channel: 1, program: 74, name: 'Recorder', family: 'Pipe' },
      { channel: 2, program: 33, name: 'Electric Bass (finger)', family: 'Bass' },
    ]);
    expect(a.channels).toEqual([1, 2]);
  });

  it('gives notes before a channel\'s only program its default program 0', () => {
    const a = analyze({
      tracks: [
        notes(
          [
            { at: 0, length: beat, pitch: 60 },
            { at: 2 * beat, length: beat, pitch: 60 },
          ],
          [
            { at: beat, bytes: bytesOf(programChange(0, 0, 19)) },
            { at: 3 * beat, bytes: bytesOf(programChange(0, 0, 19)) }, // the same program again changes nothing
          ],
        ),
      ],
    });
    expect(a.instruments.map((i) => i.name)).toEqual(['Acoustic Grand Piano', 'Church Organ']);
    // Set before every note: only that program sounds.
    const b = analyze({ tracks: [notes([{ at: beat, length: beat, pitch: 60 }], [{ at: beat, bytes: bytesOf(programChange(0, 0, 19)) }])] });
    expect(b.instruments.map((i) => i.name)).toEqual(['Church Organ']);
  });

  it('lists drum channels with family Drums and the kit their program selects', () => {
    const a = analyze({
      tracks: [notes([{ at: 0, length: beat, pitch: 36, channel: 9 }], [{ at: 0, bytes: bytesOf(programChange(0, 9, 25)) }])],
    });
    expect(a.instruments).toEqual([{ channel: 10, program: 25, name: 'TR-808 Kit', family: 'Drums' }]);
  });

  it('has the 128 GM1 program names in 16 families of 8', () => {
    expect(GM_PROGRAM_NAMES).toHaveLength(128);
    expect(new Set(GM_PROGRAM_NAMES).size).toBe(128);
    expect(GM_FAMILIES).toHaveLength(16);
    expect(programName(0)).toBe('Acoustic Grand Piano');
    expect(programName(56)).toBe('Trumpet');
    expect(programName(127)).toBe('Gunshot');
    expect(programFamily(7)).toBe('Piano');
    expect(programFamily(8)).toBe('Chromatic Percussion');
    expect(programFamily(127)).toBe('Sound Effects');
    expect(drumKitName(0)).toBe('Standard Kit');
    expect(drumKitName(3)).toBe('Drum Kit');
  });
});
