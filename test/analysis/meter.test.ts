// Time signature and key signature meta events.
import { describe, expect, it } from 'vitest';
import { keySignatureTonic } from '../../core/analysis/key-signature.ts';
import { keySignature, meta, noteOff, noteOn, timeSignature } from '../support/smf.ts';
import { analyze } from './helpers.ts';

const note = [noteOn(0, 0, 60), noteOff(480, 0, 60)];

describe('time signature', () => {
  it('is the first time signature, with the number of later changes', () => {
    const a = analyze({ tracks: [[timeSignature(0, 3, 2), ...note, timeSignature(0, 3, 2), timeSignature(480, 6, 3), timeSignature(480, 3, 2)]] });
    expect(a.timeSignature).toEqual({ numerator: 3, denominator: 4, changes: 2 });
  });

  it('is null without a time-signature event', () => {
    expect(analyze({ tracks: [note] }).timeSignature).toBeNull();
  });

  it('orders events by time across tracks', () => {
    const a = analyze({ tracks: [[timeSignature(960, 2, 2)], [timeSignature(0, 5, 3), ...note]] });
    expect(a.timeSignature).toEqual({ numerator: 5, denominator: 8, changes: 1 });
  });

  it('skips corrupt events (numerator 0, denominator past 2^6, too short)', () => {
    const a = analyze({ tracks: [[timeSignature(0, 0, 2), timeSignature(0, 4, 40), meta(0, 0x58, [7]), timeSignature(0, 7, 3), ...note]] });
    expect(a.timeSignature).toEqual({ numerator: 7, denominator: 8, changes: 0 });
  });
});

describe('key signature', () => {
  it('names the tonic with sharps, from sharps/flats and mode', () => {
    expect(analyze({ tracks: [[keySignature(0, 2, 0), ...note]] }).keySignature).toEqual({ tonic: 'D', mode: 'major' });
    expect(analyze({ tracks: [[keySignature(0, -3, 1), ...note]] }).keySignature).toEqual({ tonic: 'C', mode: 'minor' });
    expect(analyze({ tracks: [[keySignature(0, -2, 0), ...note]] }).keySignature).toEqual({ tonic: 'A#', mode: 'major' }); // B-flat major
  });

  it('covers the whole circle of fifths', () => {
    // sf -7..7 major: Cb Gb Db Ab Eb Bb F C G D A E B F# C#, spelled with sharps.
    const majors = ['B', 'F#', 'C#', 'G#', 'D#', 'A#', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#'];
    const minors = ['G#', 'D#', 'A#', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F#', 'C#', 'G#', 'D#', 'A#'];
    for (let sf = -7; sf <= 7; sf++) {
      expect(keySignatureTonic(sf, 0)).toEqual({ tonic: majors[sf + 7], mode: 'major' });
      expect(keySignatureTonic(sf, 1)).toEqual({ tonic: minors[sf + 7], mode: 'minor' });
    }
  });

  it('skips invalid key signatures and is null without a valid one', () => {
    expect(analyze({ tracks: [[keySignature(0, 9, 0), keySignature(0, 1, 0), ...note]] }).keySignature).toEqual({ tonic: 'G', mode: 'major' });
    expect(analyze({ tracks: [[keySignature(0, 0, 2), ...note]] }).keySignature).toBeNull();
    expect(analyze({ tracks: [note] }).keySignature).toBeNull();
  });
});
