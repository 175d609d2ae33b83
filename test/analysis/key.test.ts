// Key estimation: fixtures whose key is obvious by construction (scales and cadences).
import { describe, expect, it } from 'vitest';
import { KEY_PROFILES, KEY_PROFILE_NAMES } from '../../core/analysis/key-profiles.ts';
import { MIN_PITCHED_NOTES, estimateKey, keyCorrelations, type PitchClassHistogram } from '../../core/analysis/key.ts';
import { notes, type NoteSpec } from '../support/smf.ts';
import { analyze } from './helpers.ts';

const beat = 480;

/** Notes one after another, each `length` ticks long. */
function melody(pitches: number[], length = beat, channel = 0): NoteSpec[] {
  return pitches.map((pitch, i) => ({ at: i * length, length, pitch, channel }));
}

/** C major: the scale up, then a I-IV-V-I cadence with the tonic held. */
const C_MAJOR = [60, 62, 64, 65, 67, 69, 71, 72, 67, 65, 64, 62, 60, 64, 67, 72, 65, 69, 72, 67, 71, 74, 60, 64, 67, 72];
/** A harmonic minor: scale with G#, then i-iv-V-i. */
const A_MINOR = [57, 59, 60, 62, 64, 65, 68, 69, 64, 60, 57, 62, 65, 69, 64, 68, 71, 57, 60, 64, 69];

describe('key', () => {
  it('finds C major in a C major scale and cadence', () => {
    const key = analyze({ tracks: [notes(melody(C_MAJOR))] }).key;
    expect(key).toMatchObject({ tonic: 'C', mode: 'major' });
    expect(key!.confidence).toBeGreaterThan(0);
    expect(key!.confidence).toBeLessThanOrEqual(1);
    expect(key!.alternates).toHaveLength(4);
  });

  it('finds A minor in an A harmonic minor scale and cadence', () => {
    expect(analyze({ tracks: [notes(melody(A_MINOR))] }).key).toMatchObject({ tonic: 'A', mode: 'minor' });
  });

  it('follows transposition to all 12 tonics, with every profile', () => {
    const names = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
    for (let shift = 0; shift < 12; shift++) {
      const histogram: PitchClassHistogram = { weights: new Float64Array(12), notes: C_MAJOR.length };
      for (const p of C_MAJOR) histogram.weights[(p + shift) % 12] += 1;
      for (const profile of KEY_PROFILE_NAMES) {
        expect(estimateKey(histogram, profile), `${profile} +${shift}`).toMatchObject({ tonic: names[shift], mode: 'major', profile });
      }
    }
  });

  it('lists alternates best first, below the chosen key', () => {
    const key = analyze({ tracks: [notes(melody(C_MAJOR))] }).key!;
    const scores = key.alternates.map((a) => a.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(key.alternates.map((a) => `${a.tonic} ${a.mode}`)).not.toContain('C major');
  });

  it('leaves drums out of the histogram', () => {
    // The melody is C major; a loud F# "melody" on the drum channel must not pull it anywhere.
    const drums = melody([66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66, 66], beat, 9);
    const key = analyze({ tracks: [notes([...melody(C_MAJOR), ...drums])] }).key;
    expect(key).toMatchObject({ tonic: 'C', mode: 'major' });
  });

  it(`is null with fewer than ${MIN_PITCHED_NOTES} pitched notes or fewer than 3 pitch classes`, () => {
    expect(analyze({ tracks: [notes(melody([60, 62, 64, 65, 67, 69, 71]))] }).key).toBeNull();
    expect(analyze({ tracks: [notes(melody([60, 67, 60, 67, 60, 67, 60, 67, 60]))] }).key).toBeNull();
    expect(analyze({ tracks: [notes(melody([36, 38, 42, 36, 38, 42, 36, 38, 42], beat, 9))] }).key).toBeNull();
    expect(analyze({ tracks: [[]] }).key).toBeNull();
  });

  it('correlates a histogram equal to a profile perfectly with that key', () => {
    for (const name of KEY_PROFILE_NAMES) {
      const r = keyCorrelations(KEY_PROFILES[name].minor, name);
      expect(r[12]).toBeCloseTo(1, 12); // C minor
      const rotated = Array.from({ length: 12 }, (_, pc) => KEY_PROFILES[name].major[(pc - 7 + 12) % 12]);
      expect(keyCorrelations(rotated, name)[7]).toBeCloseTo(1, 12); // G major
    }
  });

  it('has the published profile values (spot checks against the papers)', () => {
    // Krumhansl & Kessler 1982: tonic 6.35 (major), 6.33 (minor); Albrecht & Shanahan 2013: dominant 0.214.
    expect(KEY_PROFILES['krumhansl-kessler'].major[0]).toBe(6.35);
    expect(KEY_PROFILES['krumhansl-kessler'].minor[0]).toBe(6.33);
    expect(KEY_PROFILES['albrecht-shanahan'].major[7]).toBe(0.214);
    expect(KEY_PROFILES['temperley-kostka-payne'].major[0]).toBe(0.748);
    expect(KEY_PROFILES['aarden-essen'].major[7]).toBe(22.062);
    for (const name of KEY_PROFILE_NAMES) {
      expect(KEY_PROFILES[name].major).toHaveLength(12);
      expect(KEY_PROFILES[name].minor).toHaveLength(12);
    }
  });
});
