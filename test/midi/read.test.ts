// The reader on hand-built files: each fixture holds one feature or defect, spelled out byte by byte,
// so the expected notes, ticks, seconds and warnings follow from how it was built.
import { describe, expect, it } from 'vitest';
import { readMidi } from '../../core/midi/read.ts';
import type { MidiFile } from '../../core/midi/types.ts';
import { EOT, ascii, bytes, chunk, concat, header, track, u32be, u32le } from '../support/bytes.ts';

interface PlainNote {
  pitch: number;
  channel: number;
  velocity: number;
  track: number;
  start: number;
  end: number;
}

function notesOf(file: MidiFile): PlainNote[] {
  const n = file.notes;
  return Array.from({ length: n.count }, (_, i) => ({
    pitch: n.pitch[i],
    channel: n.channel[i],
    velocity: n.velocity[i],
    track: n.track[i],
    start: n.startTick[i],
    end: n.endTick[i],
  }));
}

const codes = (file: MidiFile) => file.warnings.map((w) => w.code);

function errorOf(input: Uint8Array, options?: { maxBytes?: number }): { code: string; message: string } {
  try {
    readMidi(input, options);
  } catch (error) {
    const e = error as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('expected readMidi to throw');
}

// One note C4 (60), velocity 100, on at tick 0, off at tick 96, then End-of-Track: ppq 96 = one quarter.
const ONE_NOTE = '00 903c64  60 803c40 ' + EOT;

describe('a well-formed file', () => {
  const file = readMidi(concat(header(0, 1, 96), track(ONE_NOTE)));

  it('reads the header', () => {
    expect(file.container).toBe('smf');
    expect(file.format).toBe(0);
    expect(file.trackCount).toBe(1);
    expect(file.declaredTrackCount).toBe(1);
    expect(file.ppq).toBe(96);
    expect(file.smpte).toBeNull();
  });

  it('pairs the note and converts ticks to seconds at the default 120 BPM', () => {
    expect(notesOf(file)).toEqual([{ pitch: 60, channel: 0, velocity: 100, track: 0, start: 0, end: 96 }]);
    expect(file.notes.startSeconds[0]).toBe(0);
    expect(file.notes.endSeconds[0]).toBeCloseTo(0.5, 12);
    expect(file.trackEndTick[0]).toBe(96);
  });

  it('has no warnings', () => {
    expect(file.warnings).toEqual([]);
  });
});

describe('note pairing', () => {
  it('treats a note-on with velocity 0 as a note-off', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 30 903c00' + EOT)));
    expect(notesOf(file).map((n) => [n.start, n.end])).toEqual([[0, 48]]);
  });

  it('pairs the same key first-in first-out', () => {
    // on@0, on@10, off@20, off@30 on the same key: the first off ends the first note.
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 0a 903c50 0a 803c40 0a 803c40' + EOT)));
    expect(notesOf(file).map((n) => [n.velocity, n.start, n.end])).toEqual([
      [100, 0, 20],
      [80, 10, 30],
    ]);
  });

  it('pairs per channel, not across channels', () => {
    // C4 on channel 1 at 0, C4 on channel 2 at 5, channel 2 off at 10, channel 1 off at 20.
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 05 913c64 05 813c40 0a 803c40' + EOT)));
    expect(notesOf(file).map((n) => [n.channel, n.start, n.end])).toEqual([
      [0, 0, 20],
      [1, 5, 10],
    ]);
  });

  it('ends notes still sounding at End-of-Track', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 00 904064 81 00 ff2f00')));
    expect(notesOf(file).map((n) => n.end)).toEqual([128, 128]);
  });

  it('pairs within a track only', () => {
    // Track 0 turns C4 on; track 1 turns C4 off: they are different streams, so track 0's note lasts to its end.
    const file = readMidi(concat(header(1, 2, 96), track('00 903c64 60 ff2f00'), track('10 803c40' + EOT)));
    expect(notesOf(file).map((n) => [n.track, n.start, n.end])).toEqual([[0, 0, 96]]);
  });

  it('ignores note-offs that match nothing', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 803c40 10 903c64 10 803c40' + EOT)));
    expect(notesOf(file).map((n) => [n.start, n.end])).toEqual([[16, 32]]);
    expect(file.warnings).toEqual([]);
  });
});

describe('running status', () => {
  it('reuses the last channel status without warning', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 00 3e64 60 3c00 00 3e00' + EOT)));
    expect(notesOf(file).map((n) => [n.pitch, n.start, n.end])).toEqual([
      [60, 0, 96],
      [62, 0, 96],
    ]);
    expect(file.warnings).toEqual([]);
  });

  it('keeps the channel status across a meta event, with a warning', () => {
    // note-on, then a text meta event, then "3c 00" relying on the note-on status.
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 00 ff0100 60 3c00' + EOT)));
    expect(notesOf(file).map((n) => [n.start, n.end])).toEqual([[0, 96]]);
    expect(codes(file)).toEqual(['RUNNING_STATUS_AFTER_META']);
  });

  it('skips a data byte when there is no status to run on', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 3c' + ONE_NOTE)));
    expect(notesOf(file).map((n) => [n.pitch, n.start, n.end])).toEqual([[60, 0, 96]]);
    expect(codes(file)).toEqual(['DATA_WITHOUT_STATUS']);
    expect(file.warnings[0].offset).toBe(14 + 8 + 1);
  });
});

describe('status bytes that do not belong in a file', () => {
  it('skips system-common messages with their data bytes and cancels running status', () => {
    // Song position pointer F2 lsb msb between two notes.
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 00 f20102 60 803c40' + EOT)));
    expect(notesOf(file).map((n) => [n.start, n.end])).toEqual([[0, 96]]);
    expect(codes(file)).toEqual(['SYSTEM_COMMON_IN_TRACK']);
  });

  it('skips real-time bytes', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 00 f8 60 803c40' + EOT)));
    expect(notesOf(file).map((n) => [n.start, n.end])).toEqual([[0, 96]]);
    expect(codes(file)).toEqual(['ILLEGAL_STATUS']);
  });

  it('clips data bytes with the high bit set and keeps the event', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 903cc8 60 803c40' + EOT)));
    expect(notesOf(file).map((n) => n.velocity)).toEqual([127]);
    expect(codes(file)).toEqual(['DATA_BYTE_HIGH_BIT']);
  });
});

describe('chunk structure defects', () => {
  it('reads a track without End-of-Track up to its last event', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 60 803c40 20 b00700')));
    expect(file.trackEndTick[0]).toBe(128);
    expect(notesOf(file).map((n) => [n.start, n.end])).toEqual([[0, 96]]);
    expect(codes(file)).toEqual(['MISSING_END_OF_TRACK']);
  });

  it('reads a chunk whose length runs past the end of the file', () => {
    const body = bytes(ONE_NOTE);
    const file = readMidi(concat(header(0, 1, 96), track(body, 1000)));
    expect(notesOf(file)).toHaveLength(1);
    expect(codes(file)).toEqual(['CHUNK_PAST_EOF']);
  });

  it('reports a header track count that does not match the chunks', () => {
    const file = readMidi(concat(header(1, 3, 96), track(ONE_NOTE), track(ONE_NOTE)));
    expect(file.trackCount).toBe(2);
    expect(file.declaredTrackCount).toBe(3);
    expect(codes(file)).toEqual(['TRACK_COUNT_MISMATCH']);
  });

  it('skips alien chunks', () => {
    const file = readMidi(concat(header(1, 2, 96), track(ONE_NOTE), chunk('XFIH', bytes('01020304')), track(ONE_NOTE)));
    expect(file.trackCount).toBe(2);
    expect(notesOf(file).map((n) => n.track)).toEqual([0, 1]);
    expect(codes(file)).toEqual(['ALIEN_CHUNK']);
  });

  it('accepts a header longer than 6 bytes', () => {
    const head = bytes(ascii('MThd'), u32be(8), '0000 0001 0060 abcd');
    const file = readMidi(concat(head, track(ONE_NOTE)));
    expect(file.ppq).toBe(96);
    expect(notesOf(file)).toHaveLength(1);
    expect(codes(file)).toEqual(['HEADER_LENGTH']);
  });

  it('reads every track of a format-0 file that has several', () => {
    const file = readMidi(concat(header(0, 2, 96), track(ONE_NOTE), track(ONE_NOTE)));
    expect(file.trackCount).toBe(2);
    expect(codes(file)).toEqual(['FORMAT0_MULTIPLE_TRACKS']);
  });

  it('reads tracks after a header that declares none', () => {
    const file = readMidi(concat(header(1, 0, 96), track(ONE_NOTE)));
    expect(file.trackCount).toBe(1);
    expect(notesOf(file)).toHaveLength(1);
    expect(codes(file)).toEqual(['ZERO_TRACK_HEADER']);
  });

  it('ignores bytes after End-of-Track inside the chunk', () => {
    const file = readMidi(concat(header(0, 1, 96), track(bytes(ONE_NOTE, '00 903c64 60 803c40'))));
    expect(notesOf(file)).toHaveLength(1);
    expect(codes(file)).toEqual(['DATA_AFTER_END_OF_TRACK']);
  });

  it('resynchronises when a chunk length overshoots the next track header', () => {
    const first = bytes(ONE_NOTE);
    const second = track('00 904064 60 804040' + EOT);
    const file = readMidi(concat(header(1, 2, 96), track(first, first.length + 10), second));
    expect(notesOf(file).map((n) => [n.track, n.pitch])).toEqual([
      [0, 60],
      [1, 64],
    ]);
    expect(codes(file)).toEqual(['DATA_AFTER_END_OF_TRACK']);
  });

  it('skips garbage between chunks', () => {
    const file = readMidi(concat(header(1, 2, 96), track(ONE_NOTE), bytes('00 01 02 03 04'), track(ONE_NOTE)));
    expect(file.trackCount).toBe(2);
    expect(codes(file)).toEqual(['GARBAGE_BETWEEN_CHUNKS']);
  });

  it('reports a few trailing bytes', () => {
    const file = readMidi(concat(header(0, 1, 96), track(ONE_NOTE), bytes('00')));
    expect(codes(file)).toEqual(['TRAILING_BYTES']);
  });

  it('drops an event cut off by the end of the track', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 903c64 60 803c40 00 90 3c')));
    expect(notesOf(file).map((n) => [n.start, n.end])).toEqual([[0, 96]]);
    expect(codes(file)).toEqual(['TRUNCATED_EVENT', 'MISSING_END_OF_TRACK']);
  });

  it('finds the header after a prefix', () => {
    const file = readMidi(concat(bytes('00'.repeat(128)), header(0, 1, 96), track(ONE_NOTE)));
    expect(notesOf(file)).toHaveLength(1);
    expect(codes(file)).toEqual(['LEADING_GARBAGE']);
  });
});

describe('variable-length quantities', () => {
  it('accepts the largest 4-byte delta time', () => {
    // FF FF FF 7F = 0x0FFFFFFF, the largest value SMF allows.
    const file = readMidi(concat(header(0, 1, 96), track('ffffff7f 903c64 00 803c40' + EOT)));
    expect(notesOf(file)[0].start).toBe(0x0fffffff);
    expect(file.warnings).toEqual([]);
  });

  it('reads a delta longer than 4 bytes, with a warning', () => {
    // 81 80 80 80 00 = 1 * 128^4 = 268435456
    const file = readMidi(concat(header(0, 1, 96), track('8180808000 903c64 00 803c40' + EOT)));
    expect(notesOf(file)[0].start).toBe(128 ** 4);
    expect(codes(file)).toEqual(['VLQ_TOO_LONG']);
  });

  it('warns once per track about zero-padded deltas', () => {
    const file = readMidi(concat(header(0, 1, 96), track('8000 903c64 8060 803c40' + EOT)));
    expect(notesOf(file).map((n) => [n.start, n.end])).toEqual([[0, 96]]);
    expect(codes(file)).toEqual(['VLQ_NON_CANONICAL']);
  });
});

describe('meta events', () => {
  it('uses the first three bytes of a tempo event with a longer length', () => {
    // Tempo 250,000 us (240 BPM) written with length 4; note of 96 ticks (one quarter) = 0.25 s.
    const file = readMidi(concat(header(0, 1, 96), track('00 ff5104 03d090 00' + ONE_NOTE)));
    expect(file.notes.endSeconds[0]).toBeCloseTo(0.25, 12);
    expect(codes(file)).toEqual(['META_LENGTH']);
  });

  it('flags fixed-size meta events with the wrong length', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 ff5805 04021808 00' + ONE_NOTE)));
    expect(codes(file)).toEqual(['META_LENGTH']);
  });

  it('ignores a tempo of zero', () => {
    const file = readMidi(concat(header(0, 1, 96), track('00 ff5103 000000' + ONE_NOTE)));
    expect(file.notes.endSeconds[0]).toBeCloseTo(0.5, 12);
    expect(codes(file)).toEqual(['TEMPO_ZERO']);
  });
});

describe('timing', () => {
  it('follows tempo changes', () => {
    // 120 BPM until tick 96 (0.5 s), then 240 BPM: tick 192 is 0.5 + 0.25 = 0.75 s.
    const file = readMidi(concat(header(0, 1, 96), track('00 ff5103 07a120 60 ff5103 03d090 60 903c64 60 803c40' + EOT)));
    expect(file.notes.startSeconds[0]).toBeCloseTo(0.75, 12);
    expect(file.notes.endSeconds[0]).toBeCloseTo(1.0, 12);
  });

  it('merges tempo events of all tracks in formats 0 and 1', () => {
    // The tempo (240 BPM from tick 0) sits in track 0; the note in track 1 is timed by it.
    const file = readMidi(concat(header(1, 2, 96), track('00 ff5103 03d090' + EOT), track(ONE_NOTE)));
    expect(file.tempoMaps).toHaveLength(1);
    expect(file.notes.endSeconds[0]).toBeCloseTo(0.25, 12);
  });

  it('gives each track of a format-2 file its own tempo', () => {
    const file = readMidi(concat(header(2, 2, 96), track('00 ff5103 03d090' + ONE_NOTE), track(ONE_NOTE)));
    expect(file.tempoMaps).toHaveLength(2);
    expect(file.notes.endSeconds[0]).toBeCloseTo(0.25, 12);
    expect(file.notes.endSeconds[1]).toBeCloseTo(0.5, 12);
  });

  it('times SMPTE divisions in absolute frames', () => {
    // Division E7 28: -25 frames/s, 40 ticks per frame = 1000 ticks per second; tempo events are ignored.
    const file = readMidi(concat(header(0, 1, 0xe728), track('00 ff5103 03d090 00 903c64 8768 803c40' + EOT)));
    expect(file.ppq).toBeNull();
    expect(file.smpte).toEqual({ fps: 25, ticksPerFrame: 40 });
    expect(file.notes.endSeconds[0]).toBeCloseTo(1, 12);
    expect(codes(file)).toEqual(['SMPTE_DIVISION']);
  });

  it('reads 29 as 30 drop-frame (29.97 frames per second)', () => {
    // Division E3 64: -29 frames/s, 100 ticks per frame. 30 drop-frame runs at 30000/1001 frames/s, so
    // 3000 ticks (30 frames) last 30 * 1001 / 30000 = 1.001 s.
    const file = readMidi(concat(header(0, 1, 0xe364), track('00 903c64 9738 803c40' + EOT)));
    expect(file.notes.endSeconds[0]).toBeCloseTo(1.001, 12);
  });
});

describe('RIFF RMID', () => {
  const smf = concat(header(0, 1, 96), track(ONE_NOTE));
  const rmid = (inner: Uint8Array, sizeDelta = 0) =>
    concat(bytes(ascii('RIFF'), u32le(4 + 8 + inner.length + sizeDelta), ascii('RMID'), ascii('data'), u32le(inner.length)), inner);

  it('unwraps the data chunk', () => {
    const file = readMidi(rmid(smf));
    expect(file.container).toBe('rmid');
    expect(notesOf(file)).toEqual(notesOf(readMidi(smf)));
    expect(file.warnings).toEqual([]);
  });

  it('reports warning offsets in the whole file', () => {
    const broken = concat(header(0, 1, 96), track('00 3c' + ONE_NOTE));
    const plain = readMidi(broken).warnings[0].offset;
    expect(readMidi(rmid(broken)).warnings[0].offset).toBe(plain + 20);
  });

  it('tolerates a wrong RIFF size', () => {
    expect(codes(readMidi(rmid(smf, 7)))).toEqual(['RIFF_SIZE_MISMATCH']);
  });

  it('refuses a RIFF file without a data chunk', () => {
    const riff = bytes(ascii('RIFF'), u32le(12), ascii('RMID'), ascii('LIST'), u32le(0));
    expect(errorOf(riff).code).toBe('MIDI_NOT_SMF');
  });
});

describe('input that is not MIDI', () => {
  it.each([
    ['an empty file', new Uint8Array(0), 'MIDI_EMPTY'],
    ['text', bytes(ascii('<html><body>not midi</body></html>')), 'MIDI_NOT_SMF'],
    ['a header cut short', bytes(ascii('MThd'), u32be(6), '0001'), 'MIDI_BAD_HEADER'],
    ['a header length under 6', bytes(ascii('MThd'), u32be(4), '0000 0001 0060'), 'MIDI_BAD_HEADER'],
    ['a division of 0', concat(header(0, 1, 0), track(ONE_NOTE)), 'MIDI_BAD_HEADER'],
    ['a header and no tracks', header(0, 1, 96), 'MIDI_NO_TRACKS'],
    ['only alien chunks', concat(header(0, 1, 96), chunk('XFIH', bytes('00'))), 'MIDI_NO_TRACKS'],
  ])('refuses %s', (_, input, code) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('refuses input over the size limit before parsing', () => {
    const input = concat(header(0, 1, 96), track(ONE_NOTE));
    expect(errorOf(input, { maxBytes: input.length - 1 }).code).toBe('FILE_TOO_LARGE');
    expect(() => readMidi(input, { maxBytes: input.length })).not.toThrow();
  });
});

describe('bounded output', () => {
  it('keeps at most 8 warnings of a code and counts the rest', () => {
    // 100 real-time bytes, each a warning.
    const file = readMidi(concat(header(0, 1, 96), track('00 f8'.repeat(100) + ONE_NOTE)));
    const illegal = file.warnings.filter((w) => w.code === 'ILLEGAL_STATUS');
    expect(illegal).toHaveLength(9);
    expect(illegal[8].message).toMatch(/^92 more/);
  });

  it('handles a long run of garbage in a track without throwing', () => {
    const garbage = new Uint8Array(200_000).fill(0xff);
    const file = readMidi(concat(header(0, 1, 96), track(garbage)));
    expect(file.trackCount).toBe(1);
    expect(file.notes.count).toBe(0);
  });
});

describe('reads in sequence', () => {
  it('reads a small file that grows its note table after a large file', () => {
    // Regression: the pairing scratch kept from the large file is longer than the small file's table.
    // Note-ons under running status, 3 bytes each, never turned off: denser than the table's initial guess.
    const notes = (n: number) => '00 903c64' + '01 3c64'.repeat(n - 1) + '01 ff2f00';
    const large = readMidi(concat(header(0, 1, 96), track(notes(5000))));
    expect(large.notes.count).toBe(5000);
    const small = readMidi(concat(header(0, 1, 96), track(notes(40))));
    expect(small.notes.count).toBe(40);
    expect(Array.from(small.notes.startTick.subarray(38, 40))).toEqual([38, 39]);
    expect(small.notes.endTick[39]).toBe(40);
  });
});

describe('junk after the declared tracks', () => {
  it('is trailing data, even when a copy of a track follows it', () => {
    // One declared track, then zeros, then another MTrk chunk (a leftover copy): not read.
    const file = readMidi(concat(header(0, 1, 96), track(ONE_NOTE), bytes('00'.repeat(64)), track(ONE_NOTE)));
    expect(file.trackCount).toBe(1);
    expect(codes(file)).toEqual(['TRAILING_BYTES']);
  });

  it('is skipped while declared tracks are still missing', () => {
    const file = readMidi(concat(header(1, 2, 96), track(ONE_NOTE), bytes('00'.repeat(64)), track(ONE_NOTE)));
    expect(file.trackCount).toBe(2);
    expect(codes(file)).toEqual(['GARBAGE_BETWEEN_CHUNKS']);
  });
});

describe('absurd times', () => {
  it('holds a track at tick 2^50 once clamped deltas add up past it', () => {
    // 81 80 80 80 80 80 00 is a 7-byte delta of 2^42, clamped to 2^40 per delta; 1,100 of them pass 2^50.
    const big = '818080808080 00 ff0100 '; // the delta, then an empty text event
    const file = readMidi(concat(header(0, 1, 96), track(big.repeat(1100) + '00 903c64 00 803c40' + EOT)));
    expect(file.trackEndTick[0]).toBe(2 ** 50);
    expect(file.notes.startTick[0]).toBe(2 ** 50);
    expect(codes(file)).toContain('TICK_OVERFLOW');
    expect(file.warnings.filter((w) => w.code === 'TICK_OVERFLOW')).toHaveLength(1);
  });
});
