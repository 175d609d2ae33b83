// Chords by template matching, one segment per quarter note.
import { describe, expect, it } from 'vitest';
import { CHORD_QUALITIES, chordName, classifyChord } from '../../core/analysis/chord-templates.ts';
import { PROGRESSION_LIMIT } from '../../core/analysis/chords.ts';
import { meta, noteOff, noteOn, notes, smf, type NoteSpec, type RawEvent } from '../support/smf.ts';
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import { analyze } from './helpers.ts';
import { gridSegments } from '../../core/analysis/chord-grid.ts';
import { Progression } from '../../core/analysis/chord-progression.ts';
import { sweepSegments } from '../../core/analysis/chord-sweep.ts';
import { notesByEnd, notesByStart } from '../../core/analysis/note-order.ts';
import type { MidiFile, NoteTable } from '../../core/midi/types.ts';

const beat = 480;

/** A block chord of `pitches` from beat `at` for `beats` beats. */
function chord(at: number, beats: number, pitches: number[], channel = 0): NoteSpec[] {
  return pitches.map((pitch) => ({ at: at * beat, length: beats * beat, pitch, channel }));
}

const progression = (list: NoteSpec[]) => analyze({ tracks: [notes(list)] }).chords;

describe('chords', () => {
  it('names triads and sevenths', () => {
    expect(progression(chord(0, 1, [60, 64, 67])).progression).toEqual(['C']);
    expect(progression(chord(0, 1, [57, 60, 64])).progression).toEqual(['Am']);
    expect(progression(chord(0, 1, [53, 57, 60])).progression).toEqual(['F']);
    expect(progression(chord(0, 1, [55, 59, 62, 65])).progression).toEqual(['G7']);
    expect(progression(chord(0, 1, [48, 52, 55, 59])).progression).toEqual(['Cmaj7']);
    expect(progression(chord(0, 1, [57, 60, 64, 67])).progression).toEqual(['Am7']);
    expect(progression(chord(0, 1, [59, 62, 65])).progression).toEqual(['Bdim']);
    expect(progression(chord(0, 1, [60, 64, 68])).progression).toEqual(['Caug']);
    expect(progression(chord(0, 1, [60, 65, 67])).progression).toEqual(['Csus4']);
  });

  it('recognises inversions and doublings by pitch class', () => {
    expect(progression(chord(0, 1, [52, 55, 60, 64, 72])).progression).toEqual(['C']); // C/E, doubled
  });

  it('collapses consecutive repeats and counts the collapsed progression', () => {
    const list = [...chord(0, 2, [60, 64, 67]), ...chord(2, 1, [57, 60, 64]), ...chord(3, 1, [53, 57, 60]), ...chord(4, 1, [55, 59, 62]), ...chord(5, 2, [60, 64, 67])];
    expect(progression(list)).toEqual({ count: 5, progression: ['C', 'Am', 'F', 'G', 'C'] });
  });

  it('skips segments without a chord: C, rest, C is one C', () => {
    const list = [...chord(0, 1, [60, 64, 67]), ...chord(4, 1, [60, 64, 67])];
    expect(progression(list)).toEqual({ count: 1, progression: ['C'] });
  });

  it('gives no chord for one or two pitch classes', () => {
    expect(progression(chord(0, 1, [60])).count).toBe(0);
    expect(progression(chord(0, 1, [60, 67, 72])).count).toBe(0); // a power chord: C and G only
  });

  it('weighs notes by how long they sound in the beat', () => {
    // C-E-G for the whole beat; a passing A for a sixteenth: still C.
    const list = [...chord(0, 1, [60, 64, 67]), { at: 0, length: beat / 4, pitch: 69 }];
    expect(progression(list).progression).toEqual(['C']);
  });

  it('sees a chord arpeggiated within a beat', () => {
    const list = [60, 64, 67, 72].map((pitch, i) => ({ at: (i * beat) / 4, length: beat / 4, pitch }));
    expect(progression(list).progression).toEqual(['C']);
  });

  it('leaves drums out', () => {
    const list = [...chord(0, 1, [60, 64, 67]), ...chord(0, 1, [61, 63, 66], 9)];
    expect(progression(list).progression).toEqual(['C']);
  });

  it(`keeps the first ${PROGRESSION_LIMIT} chords of the progression and counts them all`, () => {
    const list: NoteSpec[] = [];
    for (let i = 0; i < 100; i++) list.push(...chord(i, 1, i % 2 ? [57, 60, 64] : [60, 64, 67]));
    const result = progression(list);
    expect(result.count).toBe(100);
    expect(result.progression).toHaveLength(PROGRESSION_LIMIT);
  });

  it('classifies every template at every root (the written-out scores match the table)', () => {
    for (let q = 0; q < CHORD_QUALITIES.length; q++) {
      for (let root = 0; root < 12; root++) {
        const weights = new Float64Array(12);
        for (const interval of CHORD_QUALITIES[q].intervals) weights[(root + interval) % 12] = 1;
        const index = q * 12 + root;
        const found = classifyChord(weights);
        if (CHORD_QUALITIES[q].suffix === 'aug' || CHORD_QUALITIES[q].suffix === 'sus2') {
          // Symmetric sets: C aug = E aug = G# aug, Csus2 = Gsus4; with equal weights the lower index wins.
          expect(found, chordName(index)).toBeLessThanOrEqual(index);
        } else {
          expect(chordName(found), chordName(index)).toBe(chordName(index));
        }
      }
    }
  });

  it('breaks ties between symmetric chords by the heavier root', () => {
    const weights = new Float64Array(12);
    weights[4] = 2; // E
    weights[8] = 1; // G#
    weights[0] = 1; // C
    expect(chordName(classifyChord(weights))).toBe('Eaug');
  });

  it('stops at ticks past 2^53 instead of looping (found by npm run fuzz, seed 99 input 1606)', () => {
    // A C chord at tick 0, then 8,200 empty text events 2^40 ticks apart (the reader's largest delta), then
    // a note: its tick is past 2^53, where tick + 1 === tick, so no segment boundary can follow it.
    const gap: RawEvent[] = Array.from({ length: 8200 }, () => [2 ** 40, ...meta(0, 0x01, []).slice(1)] as RawEvent);
    const bytes = smf({ ppq: 1, tracks: [[noteOn(0, 0, 60), noteOn(0, 0, 64), noteOn(0, 0, 67), noteOff(1, 0, 60), noteOff(0, 0, 64), noteOff(0, 0, 67), ...gap, noteOn(0, 0, 62), noteOff(1, 0, 62)]] });
    const started = performance.now();
    const a = analyzeMidi(bytes, { sha256: '' });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(a.noteCount).toBe(4);
    expect(a.chords.progression).toEqual(['C']);
  });

  it('gives the same progression on the tick grid as the sweep in start and end order', () => {
    // Random notes: chords, overlaps, zero-length notes, notes over many segments, drums, long rests.
    let seed = 5;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 300; round++) {
      const ppq = [1, 24, 96, 480][round % 4];
      const count = 1 + Math.floor(next() * 300);
      const notes = { count, pitch: new Uint8Array(count), startTick: new Float64Array(count), endTick: new Float64Array(count) } as unknown as NoteTable;
      const drum = new Uint8Array(count);
      let t = 0;
      for (let i = 0; i < count; i++) {
        t += next() < 0.05 ? Math.floor(next() * 40 * ppq) : Math.floor(next() * ppq);
        notes.pitch[i] = 36 + Math.floor(next() * 48);
        notes.startTick[i] = t;
        notes.endTick[i] = t + (next() < 0.1 ? 0 : Math.floor(next() * (next() < 0.1 ? 20 : 3) * ppq));
        drum[i] = next() < 0.1 ? 1 : 0;
      }
      const byStart = notesByStart(notes.startTick, count);
      const byEnd = notesByEnd({ format: 1, notes: { ...notes, endSeconds: notes.endTick } } as unknown as MidiFile);
      const grid = new Progression();
      expect(gridSegments(notes, ppq, byStart, drum, grid)).toBe(true);
      const sweep = new Progression();
      sweepSegments(notes.startTick, notes.endTick, ppq, notes.pitch, byStart, byEnd, drum, sweep);
      expect({ count: grid.count, names: grid.names }, `round ${round}`).toEqual({ count: sweep.count, names: sweep.names });
    }
  });
});
