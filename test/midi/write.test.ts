// The writer: hand-built events come back from the reader as written, and every corpus file survives a
// read -> write -> read round trip with the same notes, events, track ends and timing.
import { describe, expect, it } from 'vitest';
import { trackEvents, type WritableEvent } from '../../core/midi/events.ts';
import { readMidi } from '../../core/midi/read.ts';
import type { MidiFile } from '../../core/midi/types.ts';
import { writeMidi } from '../../core/midi/write.ts';
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';
import { bytes, concat, header, track } from '../support/bytes.ts';

function rewrite(file: MidiFile): Uint8Array {
  return writeMidi({
    format: file.format,
    ppq: file.ppq,
    smpte: file.smpte,
    tracks: Array.from({ length: file.trackCount }, (_, t) => {
      const { events, endTick } = trackEvents(file, t);
      return { events, endTick };
    }),
  });
}

function noteRows(file: MidiFile): number[][] {
  const n = file.notes;
  return Array.from({ length: n.count }, (_, i) => [n.track[i], n.channel[i], n.pitch[i], n.velocity[i], n.startTick[i], n.endTick[i]]);
}

/** Non-note events; End-of-Track only when asked (the writer always adds one, some inputs lack it). */
function eventRows(file: MidiFile, withEndOfTrack = false): (number | string)[][] {
  const e = file.events;
  const rows: (number | string)[][] = [];
  for (let t = 0; t < file.trackCount; t++) {
    for (let i = file.trackStart[t]; i < file.trackStart[t + 1]; i++) {
      if (!withEndOfTrack && e.status[i] === 0xff && e.data1[i] === 0x2f) continue;
      const payload = Array.from(file.bytes.subarray(e.payloadStart[i], e.payloadStart[i] + e.payloadLength[i])).join(',');
      rows.push([t, e.tick[i], e.status[i], e.data1[i], e.status[i] >= 0xf0 ? 0 : e.data2[i], e.status[i] >= 0xf0 ? payload : '']);
    }
  }
  return rows;
}

describe('writeMidi', () => {
  const text = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const events: WritableEvent[] = [
    { tick: 0, status: 0xff, data1: 0x03, data2: 0, payload: text('Piano') },
    { tick: 0, status: 0xff, data1: 0x51, data2: 0, payload: bytes('07a120') },
    { tick: 0, status: 0xc0, data1: 5, data2: 0 },
    { tick: 0, status: 0x90, data1: 60, data2: 100 },
    { tick: 0, status: 0x90, data1: 64, data2: 90 },
    { tick: 480, status: 0x80, data1: 60, data2: 64 },
    { tick: 480, status: 0x80, data1: 64, data2: 64 },
    { tick: 500, status: 0xf0, data1: 0, data2: 0, payload: bytes('7e7f0901f7') },
    // One tick more after the SysEx than a 4-byte delta (at most 0x0FFFFFFF) can hold.
    { tick: 500 + 0x0fffffff + 1, status: 0xb0, data1: 7, data2: 100 },
  ];
  const written = writeMidi({ format: 0, ppq: 480, tracks: [{ events, endTick: 500 + 0x0fffffff + 1 }] });
  const file = readMidi(written);

  it('writes a header with the format, track count and division', () => {
    expect(Array.from(written.subarray(0, 14))).toEqual(Array.from(header(0, 1, 480)));
  });

  it('reads back the notes, other events and the track end as written', () => {
    expect(file.warnings).toEqual([]);
    expect(noteRows(file)).toEqual([
      [0, 0, 60, 100, 0, 480],
      [0, 0, 64, 90, 0, 480],
    ]);
    expect(eventRows(file, true)).toEqual([
      [0, 0, 0xff, 0x03, 0, '80,105,97,110,111'],
      [0, 0, 0xff, 0x51, 0, '7,161,32'],
      [0, 0, 0xc0, 5, 0, ''],
      [0, 500, 0xf0, 0, 0, '126,127,9,1,247'],
      // The part of the delta a 4-byte quantity cannot hold rides on an empty text event.
      [0, 500 + 0x0fffffff, 0xff, 0x01, 0, ''],
      [0, 500 + 0x0fffffff + 1, 0xb0, 7, 100, ''],
      [0, 500 + 0x0fffffff + 1, 0xff, 0x2f, 0, ''],
    ]);
    expect(file.trackEndTick[0]).toBe(500 + 0x0fffffff + 1);
  });

  it('uses running status for consecutive channel messages', () => {
    // Two note-ons at tick 0 share one status byte: "00 90 3c 64 00 40 5a".
    const hex = Array.from(written, (b) => b.toString(16).padStart(2, '0')).join('');
    expect(hex).toContain('00903c6400405a');
  });

  it('is a fixed point: rewriting what it wrote gives the same bytes', () => {
    expect(Array.from(rewrite(file))).toEqual(Array.from(written));
  });

  it('sorts events given out of order, keeping the order of equal ticks', () => {
    const out = readMidi(
      writeMidi({
        format: 0,
        ppq: 96,
        tracks: [{ events: [{ tick: 96, status: 0x80, data1: 60, data2: 0 }, { tick: 0, status: 0x90, data1: 60, data2: 1 }] }],
      }),
    );
    expect(noteRows(out)).toEqual([[0, 0, 60, 1, 0, 96]]);
  });
});

describe('round trip of hand-built edge cases', () => {
  it.each([
    ['a zero-length note beside a long one on the same key', '00 903c64 00 903c50 00 803c40 60 803c40 00ff2f00'],
    ['a note ending where the next on the same key starts', '00 903c64 60 903c50 00 803c40 60 803c40 00ff2f00'],
    ['a program change at the tick of a note', '00 903c64 60 803c40 00 c005 00 903e64 60 803e40 00ff2f00'],
    ['notes left sounding at End-of-Track', '00 903c64 00 913c64 8100 ff2f00'],
  ])('%s', (_, body) => {
    const file = readMidi(concat(header(0, 1, 96), track(body)));
    const again = readMidi(rewrite(file));
    expect(noteRows(again)).toEqual(noteRows(file));
    expect(eventRows(again)).toEqual(eventRows(file));
  });
});

/** The first index where two tables differ, or -1; cheaper than a deep equality over a million rows. */
function firstDifference(a: ArrayLike<unknown>[], b: ArrayLike<unknown>[]): string | null {
  for (let c = 0; c < a.length; c++) {
    if (a[c].length !== b[c].length) return `column ${c}: ${a[c].length} rows vs ${b[c].length}`;
    for (let i = 0; i < a[c].length; i++) if (a[c][i] !== b[c][i]) return `column ${c}, row ${i}: ${a[c][i]} vs ${b[c][i]}`;
  }
  return null;
}

function noteColumns(file: MidiFile): ArrayLike<unknown>[] {
  const n = file.notes;
  return [n.track, n.channel, n.pitch, n.velocity, n.startTick, n.endTick, n.endSeconds].map((column) => column.subarray(0, n.count));
}

describe.skipIf(!hasCorpus())('round trip of the corpus', () => {
  it('gives every readable file back with the same notes, events, track ends and seconds', () => {
    let compared = 0;
    const differences: string[] = [];
    // Corrupt files can have deltas beyond 4 bytes; the writer carries those on empty text events.
    const isCarrier = (row: (number | string)[]) => row[2] === 0xff && row[3] === 0x01 && row[5] === '';
    const eventKeys = (file: MidiFile) => eventRows(file).filter((r) => !isCarrier(r)).map((r) => r.join(' '));
    for (const path of corpusPaths()) {
      let file: MidiFile;
      try {
        file = readMidi(readCorpusFile(path));
      } catch {
        continue;
      }
      const again = readMidi(rewrite(file));
      const difference =
        firstDifference(noteColumns(again), noteColumns(file)) ??
        firstDifference([eventKeys(again)], [eventKeys(file)]) ??
        firstDifference([again.trackEndTick], [file.trackEndTick]);
      if (difference) differences.push(`${path}: ${difference}`);
      compared++;
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(900);
  });
});
