// Drum parts: channel 10 by default, moved by GS SysEx (USE FOR RHYTHM PART) and GM2 bank select.
import { describe, expect, it } from 'vitest';
import { sysexTarget } from '../../core/analysis/drums.ts';
import { bytesOf, controlChange, gsRhythmPart, notes, sysex } from '../support/smf.ts';
import { analyze } from './helpers.ts';

const beat = 480;

describe('drums', () => {
  it('counts notes on MIDI channel 10 (index 9) as drums', () => {
    const a = analyze({ tracks: [notes([{ at: 0, length: beat, pitch: 36, channel: 9 }, { at: 0, length: beat, pitch: 60, channel: 0 }])] });
    expect(a.noteCount).toBe(2);
    expect(a.drumNoteCount).toBe(1);
    expect(a.hasDrums).toBe(true);
  });

  it('has no drums without channel 10 or a drum switch', () => {
    const a = analyze({ tracks: [notes([{ at: 0, length: beat, pitch: 36, channel: 10 }])] });
    expect(a.drumNoteCount).toBe(0);
    expect(a.hasDrums).toBe(false);
  });

  it('follows GS SysEx switching channel 11 to a drum part, from the SysEx on', () => {
    // Part 11 is address nibble A; channel 11 is index 10. One note before the switch, two after.
    const a = analyze({
      tracks: [
        notes(
          [
            { at: 0, length: beat, pitch: 38, channel: 10 },
            { at: 2 * beat, length: beat, pitch: 38, channel: 10 },
            { at: 3 * beat, length: beat, pitch: 42, channel: 10 },
          ],
          [{ at: 2 * beat, bytes: bytesOf(gsRhythmPart(0, 0xa, 2)) }],
        ),
      ],
    });
    expect(a.drumNoteCount).toBe(2);
    expect(a.instruments).toEqual([
      { channel: 11, program: 0, name: 'Acoustic Grand Piano', family: 'Piano' },
      { channel: 11, program: 0, name: 'Standard Kit', family: 'Drums' },
    ]);
  });

  it('maps GS part nibbles to channels: 0 is part 10, 1-9 parts 1-9, A-F parts 11-16', () => {
    const payload = (nibble: number) => Uint8Array.from(bytesOf(gsRhythmPart(0, nibble, 1)).slice(2)); // after F0 and length
    expect(sysexTarget(payload(0), 0, 10)).toBe(9);
    expect(sysexTarget(payload(1), 0, 10)).toBe(0);
    expect(sysexTarget(payload(9), 0, 10)).toBe(8);
    expect(sysexTarget(payload(0xa), 0, 10)).toBe(10);
    expect(sysexTarget(payload(0xf), 0, 10)).toBe(15);
  });

  it('turns channel 10 melodic with GS rhythm part off, and back with a GS reset', () => {
    const gsReset = sysex(0, [0x41, 0x10, 0x42, 0x12, 0x40, 0x00, 0x7f, 0x00, 0x41, 0xf7]);
    const a = analyze({
      tracks: [
        notes(
          [
            { at: 0, length: beat, pitch: 60, channel: 9 },
            { at: beat, length: beat, pitch: 36, channel: 9 },
          ],
          [
            { at: 0, bytes: bytesOf(gsRhythmPart(0, 0, 0)) },
            { at: beat, bytes: bytesOf(gsReset) },
          ],
        ),
      ],
    });
    expect(a.drumNoteCount).toBe(1);
  });

  it('follows GM2 bank select: MSB 120 makes a channel drums, 121 makes channel 10 melodic', () => {
    const a = analyze({
      tracks: [
        notes(
          [
            { at: 0, length: beat, pitch: 40, channel: 2 }, // melodic
            { at: beat, length: beat, pitch: 40, channel: 2 }, // drums (MSB 120)
            { at: 2 * beat, length: beat, pitch: 40, channel: 2 }, // melodic again (MSB 0)
            { at: 0, length: beat, pitch: 36, channel: 9 }, // drums (default)
            { at: beat, length: beat, pitch: 60, channel: 9 }, // melodic (MSB 121)
            { at: 2 * beat, length: beat, pitch: 60, channel: 9 }, // still melodic: MSB 0 does not change channel 10
          ],
          [
            { at: beat, bytes: bytesOf(controlChange(0, 2, 0, 120)) },
            { at: beat, bytes: bytesOf(controlChange(0, 9, 0, 121)) },
            { at: 2 * beat, bytes: bytesOf(controlChange(0, 2, 0, 0)) },
            { at: 2 * beat, bytes: bytesOf(controlChange(0, 9, 0, 0)) },
          ],
        ),
      ],
    });
    expect(a.drumNoteCount).toBe(2);
  });

  it('applies switches in time order across tracks (format 1)', () => {
    const a = analyze({
      tracks: [
        [gsRhythmPart(beat, 0x1, 1)], // channel 1 becomes drums at beat 1, in another track than the notes
        notes([
          { at: 0, length: beat, pitch: 36, channel: 0 },
          { at: beat, length: beat, pitch: 36, channel: 0 },
        ]),
      ],
    });
    expect(a.drumNoteCount).toBe(1);
  });
});
