// Writes the project's own example MIDI files into examples/ with the project's writer (core/midi/write.ts),
// so `npx midi-pipeline run examples` works on a fresh clone: a scale, a drum loop, a multi-track piece
// with tempo changes (split makes three per-track files of it), and one broken file.
// Run: node --import tsx scripts/make-examples.ts   (deterministic: same bytes every time)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WritableEvent } from '../core/midi/events.ts';
import { writeMidi } from '../core/midi/write.ts';

const PPQ = 480;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

const text = (s: string) => new TextEncoder().encode(s);
const meta = (tick: number, type: number, payload: Uint8Array): WritableEvent => ({ tick, status: 0xff, data1: type, data2: 0, payload });
const trackName = (name: string) => meta(0, 0x03, text(name));
/** Tempo in beats per minute as the meta event's microseconds per quarter note (SMF 1.0, FF 51 03). */
const tempo = (tick: number, bpm: number) => {
  const us = Math.round(60_000_000 / bpm);
  return meta(tick, 0x51, new Uint8Array([(us >> 16) & 0xff, (us >> 8) & 0xff, us & 0xff]));
};
/** FF 58 04 nn dd cc bb: the denominator as a power of two, 24 clocks per click, 8 32nds per quarter. */
const timeSignature = (tick: number, numerator: number, denominator: number) => meta(tick, 0x58, new Uint8Array([numerator, Math.log2(denominator), 24, 8]));
/** FF 59 02 sf mi: sharps (negative: flats), 0 major / 1 minor. */
const keySignature = (tick: number, sharps: number, minor: boolean) => meta(tick, 0x59, new Uint8Array([sharps & 0xff, minor ? 1 : 0]));
const program = (tick: number, channel: number, number: number): WritableEvent => ({ tick, status: 0xc0 | channel, data1: number, data2: 0 });
/** A note as its note-on and note-off. */
const note = (channel: number, pitch: number, start: number, length: number, velocity = 90): WritableEvent[] => [
  { tick: start, status: 0x90 | channel, data1: pitch, data2: velocity },
  { tick: start + length, status: 0x80 | channel, data1: pitch, data2: 64 },
];

function write(name: string, bytes: Uint8Array): void {
  const path = join(out, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`${name}: ${bytes.length} bytes`);
}

// 1. C major scale, up and down, eighth notes at 120 BPM, piano.
{
  const pitches = [60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62, 60];
  const events = [trackName('C major scale'), tempo(0, 120), timeSignature(0, 4, 4), keySignature(0, 0, false), program(0, 0, 0)];
  pitches.forEach((p, i) => events.push(...note(0, p, i * (PPQ / 2), PPQ / 2 - 10)));
  write('c-major-scale.mid', writeMidi({ format: 0, ppq: PPQ, tracks: [{ events }] }));
}

// 2. Two bars of a rock beat at 100 BPM on the GM drum channel (10, index 9): kick, snare, closed hi-hat.
{
  const KICK = 36;
  const SNARE = 38;
  const HAT = 42;
  const events = [trackName('Drum loop'), tempo(0, 100), timeSignature(0, 4, 4)];
  for (let bar = 0; bar < 2; bar++) {
    const start = bar * 4 * PPQ;
    for (let eighth = 0; eighth < 8; eighth++) events.push(...note(9, HAT, start + eighth * (PPQ / 2), PPQ / 4, 70));
    for (const beat of [0, 2]) events.push(...note(9, KICK, start + beat * PPQ, PPQ / 4, 110));
    for (const beat of [1, 3]) events.push(...note(9, SNARE, start + beat * PPQ, PPQ / 4, 100));
  }
  write('drum-loop.mid', writeMidi({ format: 0, ppq: PPQ, tracks: [{ events }] }));
}

// 3. A waltz in A minor, format 1: a conductor track (3/4, key signature, tempo 120 -> 90 -> 140) and three
//    instrument tracks (piano melody, bass, strings chords). Split makes one file per instrument track,
//    each with the conductor's tempo changes merged in.
{
  const bar = 3 * PPQ;
  const conductor = [trackName('Waltz in A minor'), timeSignature(0, 3, 4), keySignature(0, 0, true), tempo(0, 120), tempo(4 * bar, 90), tempo(8 * bar, 140)];
  // Am | Dm | E | Am, twice, then again at the new tempos: 12 bars in all.
  const chords = [
    [57, 60, 64],
    [50, 53, 57],
    [52, 56, 59],
    [57, 60, 64],
  ];
  const melodyLine = [76, 74, 72, 74, 72, 71, 72, 71, 68, 69, 71, 72];
  const melody = [trackName('Piano'), program(0, 0, 0)];
  const bass = [trackName('Bass'), program(0, 1, 32)];
  const strings = [trackName('Strings'), program(0, 2, 48)];
  for (let b = 0; b < 12; b++) {
    const chord = chords[b % 4]!;
    const start = b * bar;
    melody.push(...note(0, melodyLine[b]!, start, PPQ), ...note(0, melodyLine[(b + 1) % 12]!, start + PPQ, 2 * PPQ - 20));
    bass.push(...note(1, chord[0]! - 12, start, PPQ - 20, 100));
    for (const pitch of chord) strings.push(...note(2, pitch, start + PPQ, 2 * PPQ - 20, 60));
  }
  const tracks = [conductor, melody, bass, strings].map((events) => ({ events }));
  write('waltz-a-minor-multitrack.mid', writeMidi({ format: 1, ppq: PPQ, tracks }));
}

// 4. A broken file: a MIDI header cut off after its first bytes (the reader answers MIDI_BAD_HEADER).
write('broken-truncated-header.mid', new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0x00, 0x00, 0x00, 0x06, 0x00, 0x01]));
