// Every defect `npm run fuzz` found, as a fixture that failed before its fix: hand-built bytes (each byte
// spelled out) or a fuzzer input minimised to a few dozen bytes (minimise.ts), stored as hex. Expected values
// come from the SMF rules the reader documents, not from the code under test.
import { describe, expect, it } from 'vitest';
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import { readMidi } from '../../core/midi/read.ts';
import { writeMidi } from '../../core/midi/write.ts';
import { splitTracks } from '../../core/split/split.ts';
import { ascii, bytes, concat, EOT, header, track, u32be } from '../support/bytes.ts';
import { checkInput } from './check.ts';
import { GENERATORS } from './generators.ts';
import { createProbe, retainedByAnalysis, retainedByRead } from './retained.ts';

function errorCodeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return undefined;
}

describe('split: tempo events of two tracks at the same tick', () => {
  // The parent's tempo map merges tracks with earlier tracks first at equal ticks, so the later track's
  // tempo wins. The child of track 1 put its own tempo first and track 0's after it, so track 0's won.
  const file = concat(
    header(1, 2, 96),
    track(bytes('00 ff5103 0f4240', EOT)), //                        tick 0: 1,000,000 µs a quarter
    track(bytes('00 ff5103 03d090 00 903c40 60 803c40', EOT)), //    tick 0: 250,000 µs; a quarter note
  );

  it('times the child note as the parent does: 96 ticks at 250,000 µs a quarter = 0.25 s', () => {
    const parent = readMidi(file);
    expect(parent.notes.endSeconds[0]).toBeCloseTo(0.25, 12);
    const [child] = splitTracks(parent);
    expect(readMidi(child.bytes).notes.endSeconds[0]).toBeCloseTo(0.25, 12);
  });

  it('holds for the fuzzer input that found it (seed 1, input 297, minimised)', () => {
    const found = bytes(`
      4d 54 68 64 00 00 00 06 00 00 00 00 00 ff 4d 54
      72 6b 00 00 00 32 00 ff 00 05 00 00 00 00 00 00
      ff 51 03 00 00 40 00 ff 2f 00 4d 54 72 6b 00 00
      00 14 00 ff 51 03 00 00 90 00 90 00 40 40 00 00`);
    expect(checkInput(found).failure).toBeUndefined();
  });
});

/** `count` tracks, each a tempo event and one note: every child carries the tempo of all the others. */
function conductorTracks(count: number): Uint8Array {
  const one = track(bytes('00 ff5103 07a120 00 903c40 60 803c40', EOT));
  return concat(header(1, count, 480), ...Array.from({ length: count }, () => one));
}

/** Two tracks, the second with `count` notes 2^40 ticks apart (six-byte deltas, clamped by the reader). */
function hugeDeltas(count: number): Uint8Array {
  const notes = Array.from({ length: count }, () => 'ffffffffff7f 903c40 00 803c40').join(' ');
  return concat(header(1, 2, 480), track(bytes(EOT)), track(bytes('00 903c40 00 803c40', notes, EOT)));
}

describe('split: output bounded by the input (32 bytes per input byte + 256 KiB)', () => {
  const limit = (input: Uint8Array) => 32 * input.length + 256 * 1024;

  it('refuses a file of 3,000 tempo tracks (about 9 million merged events) with SPLIT_TOO_LARGE, quickly', () => {
    const input = conductorTracks(3000);
    const started = performance.now();
    expect(errorCodeOf(() => splitTracks(readMidi(input)))).toBe('SPLIT_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('still splits 40 such tracks: 40 children, each with all 40 tempo events', () => {
    const children = splitTracks(readMidi(conductorTracks(40)));
    expect(children).toHaveLength(40);
    const tempos = readMidi(children[0].bytes).events;
    let count = 0;
    for (let i = 0; i < tempos.count; i++) if (tempos.status[i] === 0xff && tempos.data1[i] === 0x51) count++;
    expect(count).toBe(40);
  });

  it('refuses 2,000 deltas of 2^40 ticks (4,096 filler events each in a child) instead of writing 57 MB', () => {
    const input = hugeDeltas(2000);
    expect(input.length).toBeLessThan(40_000);
    const started = performance.now();
    expect(errorCodeOf(() => splitTracks(readMidi(input)))).toBe('SPLIT_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('splits a few such deltas within the bound', () => {
    const input = hugeDeltas(3);
    const children = splitTracks(readMidi(input));
    expect(children.reduce((n, c) => n + c.bytes.length, 0)).toBeLessThanOrEqual(limit(input));
    expect(readMidi(children[0].bytes).notes.count).toBe(4);
  });
});

describe('note seconds and the duration computed the same way', () => {
  // A note ending with End-of-Track ends when the file ends. Note seconds were tick * (µs / (ppq * 1e6)) on
  // the one-tempo fast path, the duration (tick * µs) / (ppq * 1e6): one ulp apart, which rounding to
  // microseconds can turn into notesEndSeconds 4.115381 after durationSeconds 4.11538. Found by the fuzzer
  // as 5361407675440.763 > 5361407675440.762 (generated:hugeDeltas); this is the same defect at 4 s.
  const file = concat(header(0, 1, 96), track(bytes('00 ff5103 070ae2 00 903c40 8658 803c40', EOT))); // 130 BPM; 856 ticks

  it('gives notesEndSeconds equal to durationSeconds', () => {
    const a = analyzeMidi(file, { sha256: '0'.repeat(64) });
    expect(a.durationTicks).toBe(856);
    expect(a.notesEndSeconds).toBe(a.durationSeconds);
    expect(a.durationSeconds).toBeCloseTo((856 * 461538) / 96e6, 5);
  });
});

describe('format 2: memory per track', () => {
  // Every format-2 track got its own tempo map (an object, three typed arrays and their buffers, about
  // 700 bytes) even without a tempo event: 1 MiB of empty 8-byte track chunks retained 89 bytes per input
  // byte (93 MB). Found by the fuzzer's retained-memory measurement (generated:manyFormat2Tracks, 31 B/byte).
  const count = 131_072;
  const input = new Uint8Array(14 + 8 * count);
  input.set(header(2, 0xffff, 480));
  const empty = bytes(ascii('MTrk'), u32be(0));
  for (let i = 0; i < count; i++) input.set(empty, 14 + 8 * i);

  it('retains at most 16 bytes per input byte for 131,072 empty tracks', () => {
    readMidi(input); // the reader's reusable scratch grows once; not what is measured here
    const retained = retainedByRead(input, createProbe(0));
    expect(retained).not.toBeNull();
    expect(retained! / input.length).toBeLessThan(16);
  });

  it('still times each track by its own tempo events', () => {
    const file = readMidi(concat(header(2, 3, 96), track(bytes('00 903c40 60 803c40', EOT)), track(bytes('00 ff5103 0f4240 00 903c40 60 803c40', EOT)), track(bytes('00 903c40 60 803c40', EOT))));
    expect(Array.from(file.notes.endSeconds)).toEqual([0.5, 1, 0.5]); // 96 ticks: 120 BPM default, 60 BPM, default
  });
});

describe('writer: variable-length quantities', () => {
  // The writer computed each quantity with powers of two (0.4 µs a call); split wrote 3 MB/s and a 31 KB
  // file of 378 tempo tracks took a second, over the fuzzer's time bound. Rewritten with shifts; these are
  // the examples of SMF 1.0 ("Conventions"), written as the delta of a program change.
  it.each([
    [0x00, '00'], [0x40, '40'], [0x7f, '7f'], [0x80, '8100'], [0x2000, 'c000'], [0x3fff, 'ff7f'], [0x4000, '818000'],
    [0x100000, 'c08000'], [0x1fffff, 'ffff7f'], [0x200000, '81808000'], [0x8000000, 'c0808000'], [0xfffffff, 'ffffff7f'],
  ])('%i is written as %s', (tick, hex) => {
    const out = writeMidi({ format: 0, ppq: 96, tracks: [{ events: [{ tick, status: 0xc0, data1: 5, data2: 0 }] }] });
    const body = Array.from(out.subarray(22), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(body).toBe(`${hex}c005` + '00ff2f00');
  });
});

describe('analysis: memory its chord grid keeps', () => {
  // The module-level scratch of core/analysis/chord-grid.ts (delta, partial: 12 cells per segment, touched)
  // grew to the largest grid ever analysed and was kept for the life of the thread; a grid may have 4
  // segments per pitched note + 4,096. At ppq 1 with a note every 4 ticks (3 bytes a note under running
  // status), 1 MiB of input allocated and kept 204 MB (194 bytes per input byte); 4 MiB, 815 MB. Found by
  // npm run fuzz's analysis-retained measurement (sparseNotes); fixed by 6cb8753 (a linked list of events
  // per segment, scratch kept only up to 64K entries). The 100,000-input run of 2026-11-29 left at most
  // 1.9 bytes per input byte (docs/reliability.md).
  it('leaves at most 16 bytes per input byte + 1 MiB allocated after analysing 1 MiB of sparse notes', () => {
    const input = GENERATORS.sparseNotes(1024 * 1024);
    const left = retainedByAnalysis(input, createProbe(0));
    expect(left).not.toBeNull();
    expect(left!).toBeLessThan(16 * input.length + 1024 * 1024);
  });
});

describe('reader: note-pairing scratch after a large file', () => {
  // The reader's per-note queue links (4 bytes a note) grew to the largest file read and stayed: reading
  // one file of 2 million notes left 8 MB behind in the thread for good. Now it keeps what small files need.
  const notes = 2_000_000;
  const body = new Uint8Array(notes * 8);
  for (let i = 0; i < notes; i++) body.set([0x00, 0x90, 60 + (i % 12), 100, 0x01, 0x80, 60 + (i % 12), 0], i * 8);
  const input = concat(header(0, 1, 96), track(bytes(body, EOT)));

  it('leaves less than 2 MB behind once the file is dropped', () => {
    const probe = createProbe(0);
    readMidi(concat(header(0, 1, 96), track(bytes('00 903c40 60 803c40', EOT)))); // scratch for small files
    probe.gc();
    probe.gc();
    const before = probe.used();
    expect(readMidi(input).notes.count).toBe(notes); // then dropped
    probe.gc();
    probe.gc();
    expect(probe.used() - before).toBeLessThan(2 * 1024 * 1024);
  });
});
