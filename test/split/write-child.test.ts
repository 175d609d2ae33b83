// Split children encoded straight from the reader's tables (core/split/write-child.ts) are byte for byte
// the files the general writer makes from event lists, on every corpus file that splits, and refuse the
// same size limits with the same error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { toErrorInfo } from '../../core/errors.ts';
import type { WritableEvent } from '../../core/midi/events.ts';
import { readMidi } from '../../core/midi/read.ts';
import { writeMidi } from '../../core/midi/write.ts';
import { type SplitOptions, splitTracks } from '../../core/split/split.ts';
import { corpusDir, hasCorpus } from '../support/mido.ts';

function* filesUnder(folder: string): Generator<string> {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

const split = (bytes: Uint8Array, options: SplitOptions) => {
  try {
    return splitTracks(readMidi(bytes), options).map((c) => ({ trackIndex: c.trackIndex, noteCount: c.noteCount, bytes: Buffer.from(c.bytes).toString('base64') }));
  } catch (error) {
    return toErrorInfo(error);
  }
};

test.skipIf(!hasCorpus())('children from the tables equal children from event lists, under every size limit tried', () => {
  let children = 0;
  for (const path of filesUnder(join(corpusDir(), 'midi'))) {
    const bytes = new Uint8Array(readFileSync(path));
    try {
      if (readMidi(bytes).trackCount < 2) continue;
    } catch {
      continue; // not MIDI: nothing to split
    }
    // the default budget, and one that most multi-track files pass partway through their children
    for (const maxBytes of [undefined, bytes.length]) {
      const fromTables = split(bytes, { maxBytes });
      expect(fromTables, `${path} (limit ${maxBytes})`).toEqual(split(bytes, { maxBytes, writer: 'events' }));
      if (Array.isArray(fromTables)) children += fromTables.length;
    }
  }
  expect(children).toBeGreaterThan(1000);
});

test('a gap longer than a 4-byte delta holds (0x0FFFFFFF ticks) survives the split, in both writers', () => {
  // Conductor: 120 BPM at 0, 60 BPM at tick LATE. Track 1: a note at 10 and one LATE ticks later than the
  // first's end; track 2: one note at 0. Every child must keep its notes and the tempo change at the ticks
  // written here, whatever carrier events the writer needs in between.
  const LATE = 0x0fffffff + 1000;
  const tempo = (tick: number, micros: number): WritableEvent => ({ tick, status: 0xff, data1: 0x51, data2: 0, payload: Uint8Array.of(micros >> 16, (micros >> 8) & 255, micros & 255) });
  const note = (tick: number, on: boolean, pitch: number): WritableEvent => ({ tick, status: on ? 0x90 : 0x80, data1: pitch, data2: on ? 100 : 0 });
  const parent = writeMidi({
    format: 1,
    ppq: 96,
    tracks: [
      { events: [tempo(0, 500000), tempo(LATE, 1000000)], endTick: LATE },
      { events: [note(10, true, 60), note(20, false, 60), note(20 + LATE, true, 62), note(30 + LATE, false, 62)], endTick: 30 + LATE },
      { events: [note(0, true, 40), note(96, false, 40)], endTick: 96 },
    ],
  });
  for (const writer of ['tables', 'events'] as const) {
    const children = splitTracks(readMidi(parent), { writer });
    expect(children.map((c) => [c.trackIndex, c.noteCount])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    const child = readMidi(children[0]!.bytes);
    expect(child.warnings).toEqual([]);
    const n = child.notes;
    expect(Array.from({ length: n.count }, (_, i) => [n.pitch[i], n.startTick[i], n.endTick[i]])).toEqual([
      [60, 10, 20],
      [62, 20 + LATE, 30 + LATE],
    ]);
    // The tempo change is at LATE: 0.5 s per quarter before it, 1 s after.
    expect(Array.from(child.tempoMaps[0]!.tick)).toEqual([0, LATE]);
    expect(n.startSeconds[1]).toBeCloseTo((LATE / 96) * 0.5 + (20 / 96) * 1, 6);
    expect(Buffer.from(children[1]!.bytes)).toEqual(Buffer.from(splitTracks(readMidi(parent), { writer: writer === 'tables' ? 'events' : 'tables' })[1]!.bytes));
  }
});

test('ends past 2^32 ticks, out of order within a track: both writers give the same child, notes as written', () => {
  // Track 1: a long note from tick 10 to FAR + 50 and a short one from 20 to 30, so the note-offs must be
  // sorted (30 before FAR + 50), with ticks past what the radix sort takes (the merge sort's path).
  const FAR = 2 ** 32 + 1000;
  const note = (tick: number, on: boolean, pitch: number): WritableEvent => ({ tick, status: on ? 0x90 : 0x80, data1: pitch, data2: on ? 100 : 0 });
  const parent = writeMidi({
    format: 1,
    ppq: 96,
    tracks: [
      { events: [{ tick: 0, status: 0xff, data1: 0x51, data2: 0, payload: Uint8Array.of(0x07, 0xa1, 0x20) }], endTick: 0 },
      { events: [note(10, true, 60), note(20, true, 64), note(30, false, 64), note(FAR + 50, false, 60)], endTick: FAR + 50 },
      { events: [note(0, true, 40), note(96, false, 40)], endTick: 96 },
    ],
  });
  const [fromTables, fromEvents] = (['tables', 'events'] as const).map((writer) => splitTracks(readMidi(parent), { writer }));
  expect(fromTables!.map((c) => Buffer.from(c.bytes))).toEqual(fromEvents!.map((c) => Buffer.from(c.bytes)));
  const n = readMidi(fromTables![0]!.bytes).notes;
  expect(Array.from({ length: n.count }, (_, i) => [n.pitch[i], n.startTick[i], n.endTick[i]])).toEqual([
    [60, 10, FAR + 50],
    [64, 20, 30],
  ]);
});
