// The note-content fingerprint: equal for files that differ only in what is not note content.
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_RESOLUTION } from '../../core/analysis/fingerprint.ts';
import { fmix32, hashBlock, noteLane1, noteLane2 } from '../../core/analysis/note-hash.ts';
import { controlChange, keySignature, notes, programChange, tempo, timeSignature, trackName, type NoteSpec } from '../support/smf.ts';
import { analyze } from './helpers.ts';

const tune: NoteSpec[] = [
  { at: 0, length: 480, pitch: 60 },
  { at: 480, length: 240, pitch: 64 },
  { at: 720, length: 240, pitch: 67, channel: 1 },
  { at: 960, length: 960, pitch: 72 },
];

const scaled = (list: NoteSpec[], factor: number) => list.map((n) => ({ ...n, at: n.at * factor, length: n.length * factor }));
const fingerprint = (tracks: Parameters<typeof analyze>[0]['tracks'], ppq = 480) => analyze({ ppq, tracks }).fingerprint;

describe('fingerprint', () => {
  it('is 32 lowercase hex digits', () => {
    expect(fingerprint([notes(tune)])).toMatch(/^[0-9a-f]{32}$/);
  });

  it('ignores names, text, tempo, meter, key, programs, controllers and velocities', () => {
    const plain = fingerprint([notes(tune)]);
    const dressed = fingerprint([
      [trackName(0, 'Lead'), tempo(0, 75), timeSignature(0, 3, 2), keySignature(0, 1, 0), programChange(0, 0, 40), controlChange(0, 0, 7, 90), ...notes(tune.map((n) => ({ ...n, velocity: 33 })))],
    ]);
    expect(dressed).toBe(plain);
  });

  it('ignores the track layout (format 0 versus one track per channel)', () => {
    const merged = fingerprint([notes(tune)]);
    const split = fingerprint([[tempo(0, 100)], notes(tune.filter((n) => !n.channel)), notes(tune.filter((n) => n.channel))]);
    expect(split).toBe(merged);
  });

  it('ignores the resolution: the same music at 96 and 960 ppq', () => {
    expect(fingerprint([notes(scaled(tune, 0.2))], 96)).toBe(fingerprint([notes(tune)], 480));
    expect(fingerprint([notes(scaled(tune, 2))], 960)).toBe(fingerprint([notes(tune)], 480));
  });

  it('changes with pitch, channel, start or duration', () => {
    const base = fingerprint([notes(tune)]);
    const variants = [
      tune.map((n, i) => (i === 1 ? { ...n, pitch: 65 } : n)),
      tune.map((n, i) => (i === 1 ? { ...n, channel: 2 } : n)),
      tune.map((n, i) => (i === 1 ? { ...n, at: n.at + 1 } : n)),
      tune.map((n, i) => (i === 1 ? { ...n, length: n.length + 1 } : n)),
      tune.slice(1),
      [...tune, tune[0]], // a doubled note counts twice
    ];
    const prints = variants.map((list) => fingerprint([notes(list)]));
    for (const print of prints) expect(print).not.toBe(base);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('does not depend on which of two swapped voices plays which start time', () => {
    // (60 at 0, 64 at 480) versus (60 at 480, 64 at 0): same pitches and starts, different notes.
    const a = fingerprint([notes([{ at: 0, length: 480, pitch: 60 }, { at: 480, length: 480, pitch: 64 }])]);
    const b = fingerprint([notes([{ at: 480, length: 480, pitch: 60 }, { at: 0, length: 480, pitch: 64 }])]);
    expect(a).not.toBe(b);
  });

  it('is the documented construction: per-note lane sums, then one MurmurHash3 round', () => {
    // Two notes: pitch 60, channel 0, start 0, 1 quarter = 960 units; pitch 64, channel 1, start 960, 480 units.
    const seed = 0x6d696469; // "midi", for ppq files
    const words: [number, number, number, number][] = [
      [60, 0, FINGERPRINT_RESOLUTION, 0],
      [64 | (1 << 7), FINGERPRINT_RESOLUTION, FINGERPRINT_RESOLUTION / 2, 0],
    ];
    let sum1 = 0;
    let sum2 = 0;
    for (const w of words) {
      sum1 = (sum1 + noteLane1(...w)) | 0;
      sum2 = (sum2 + noteLane2(...w)) | 0;
    }
    const lanes = new Uint32Array(4);
    hashBlock(sum1, sum2, 2, 0, fmix32(2 ^ seed), lanes);
    const expected = Array.from(lanes, (x) => x.toString(16).padStart(8, '0')).join('');
    const list = [
      { at: 0, length: 480, pitch: 60 },
      { at: 480, length: 240, pitch: 64, channel: 1 },
    ];
    expect(fingerprint([notes(list)])).toBe(expected);
  });

  it('mixes every word of a note into both lanes', () => {
    // Each step of a lane is a bijection of its state, so a change of any one word changes both lanes.
    const base = [60, 960, 480, 0] as const;
    for (let word = 0; word < 4; word++) {
      for (const bit of [0, 7, 19, 31]) {
        const changed = [...base] as [number, number, number, number];
        changed[word] ^= 2 ** bit;
        expect(noteLane1(...changed), `word ${word} bit ${bit}`).not.toBe(noteLane1(...base));
        expect(noteLane2(...changed), `word ${word} bit ${bit}`).not.toBe(noteLane2(...base));
      }
    }
  });

  it('is the same for ppq that divide 960 and ppq that do not', () => {
    // 480 takes the whole-factor path, 384 and 1000 the division; the times are equal.
    expect(fingerprint([notes(scaled(tune, 0.8))], 384)).toBe(fingerprint([notes(tune)], 480));
    expect(fingerprint([notes(tune.map((n) => ({ ...n, at: (n.at * 25) / 12, length: (n.length * 25) / 12 })))], 1000)).toBe(fingerprint([notes(tune)], 480));
  });

  it('hashes like MurmurHash3_x86_128 (vectors from the Python mmh3 5.3.0 package)', () => {
    // mmh3.hash128(struct.pack('<4I', 1, 2, 3, 4), 0, x64arch=False), lanes low to high.
    const lanes = new Uint32Array(4);
    hashBlock(1, 2, 3, 4, 0, lanes);
    expect(Array.from(lanes, (x) => x.toString(16))).toEqual(['37d6ee17', '3d4a429d', '3dbb9c17', '5b64b81d']);
    hashBlock(0xdeadbeef, 0, 0xffffffff, 7, 0x6d696469, lanes);
    expect(Array.from(lanes, (x) => x.toString(16))).toEqual(['1ef5be90', 'b908c289', 'e86aaa42', 'cbbdfc3b']);
  });
});
