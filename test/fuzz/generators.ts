// Hostile but well-formed inputs of a chosen size: the shapes that make a reader or an analysis allocate
// or loop the most per input byte (densest notes, most tracks, largest ticks, most tempo changes...). The
// time and memory bounds (bounds.ts) are stated per input byte, so these are what decides them.
import { ascii, bytes, concat, header, track, u32be } from '../support/bytes.ts';

const EOT = [0x00, 0xff, 0x2f, 0x00];

/** `count` copies of `unit` in one track body, then End-of-Track. */
function repeatedTrack(first: number[], unit: number[], count: number): Uint8Array {
  const body = new Uint8Array(first.length + unit.length * count + EOT.length);
  body.set(first);
  for (let i = 0; i < count; i++) body.set(unit, first.length + i * unit.length);
  body.set(EOT, first.length + unit.length * count);
  return track(body);
}

/** `count` copies of a whole chunk after a header declaring min(count, 65535) tracks. */
function repeatedChunks(format: number, chunkBytes: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(14 + chunkBytes.length * count);
  out.set(header(format, Math.min(count, 0xffff), 480));
  for (let i = 0; i < count; i++) out.set(chunkBytes, 14 + i * chunkBytes.length);
  return out;
}

export type Generator = (size: number) => Uint8Array;

/** Each generator makes an input of about `size` bytes (at least a few dozen). */
export const GENERATORS: Readonly<Record<string, Generator>> = {
  /** Note-ons never released, running status, no delta: 3 bytes a note, the densest note table. */
  denseNotes: (size) => concat(header(0, 1, 480), repeatedTrack([0x00, 0x90, 0x3c, 0x40], [0x00, 0x3c, 0x40], Math.floor(size / 3))),
  /** Program changes with running status: 2 bytes an event, the densest event table. */
  denseEvents: (size) => concat(header(0, 1, 480), repeatedTrack([0x00, 0xc0, 0x01], [0x01, 0x05], Math.floor(size / 2))),
  /** The same key struck over and over, each released only at the end: the longest pairing queue. */
  sameKeyPile: (size) => {
    const n = Math.max(1, Math.floor(size / 6));
    const body = new Uint8Array(4 + (n - 1) * 3 + n * 3 + EOT.length);
    body.set([0x00, 0x90, 0x40, 0x40]);
    for (let i = 1; i < n; i++) body.set([0x01, 0x40, 0x40], 4 + (i - 1) * 3);
    for (let i = 0; i < n; i++) body.set([0x01, 0x40, 0x00], 4 + (n - 1) * 3 + i * 3);
    body.set(EOT, body.length - EOT.length);
    return concat(header(0, 1, 480), track(body));
  },
  /** Deltas of five bytes (2^35 - 1 ticks each): the largest ticks a small input can reach. */
  hugeDeltas: (size) => concat(header(0, 1, 480), repeatedTrack([0x00, 0x90, 0x3c, 0x40], [0xff, 0xff, 0xff, 0xff, 0x7f, 0x3c, 0x40], Math.floor(size / 7))),
  /** Deltas of twelve 0xFF bytes: clamped by the reader, still huge. */
  overlongDeltas: (size) => concat(header(0, 1, 1), repeatedTrack([0x00, 0xc0, 0x00], [...Array(11).fill(0xff), 0x7f, 0x01], Math.floor(size / 13))),
  /** A tempo change every tick: the longest tempo map. */
  manyTempos: (size) => concat(header(0, 1, 96), repeatedTrack([0x00, 0x90, 0x3c, 0x40], [0x01, 0xff, 0x51, 0x03, 0x01, 0x00, 0x00], Math.floor(size / 7))),
  /** Empty tracks (End-of-Track only): the most tracks per byte. */
  manyEmptyTracks: (size) => repeatedChunks(1, track(bytes(EOT)), Math.floor(size / 12)),
  /** Format 2 tracks of 8 bytes, no events at all: the most tracks (and tempo maps) per byte. */
  manyEmptyFormat2Tracks: (size) => repeatedChunks(2, bytes(ascii('MTrk'), u32be(0)), Math.floor(size / 8)),
  /** Format 2: many tracks, each its own tempo map. */
  manyFormat2Tracks: (size) => repeatedChunks(2, track(bytes('00 ff5103 07a120 00 903c40 60 803c40', EOT)), Math.floor(size / 23)),
  /** Many tracks, each with a tempo event and a note: every split child carries every other's tempo. */
  manyConductorTracks: (size) => repeatedChunks(1, track(bytes('00 ff5103 07a120 00 903c40 60 803c40', EOT)), Math.floor(size / 23)),
  /** Track chunks without End-of-Track and with lengths too short: resynchronisation on every track. */
  shortChunks: (size) => repeatedChunks(1, concat(bytes(ascii('MTrk'), u32be(2)), bytes('00 903c40 00')), Math.floor(size / 13)),
  /** Lyrics, one syllable an event: the most text events. */
  manyLyrics: (size) => concat(header(0, 1, 480), repeatedTrack([], [0x00, 0xff, 0x05, 0x01, 0x41], Math.floor(size / 5))),
  /** One SysEx as large as the input. */
  hugeSysex: (size) => {
    const n = Math.max(1, size - 40);
    const len = [0x80 | ((n >> 21) & 0x7f), 0x80 | ((n >> 14) & 0x7f), 0x80 | ((n >> 7) & 0x7f), n & 0x7f];
    return concat(header(0, 1, 480), track(concat(bytes([0x00, 0xf0], len), new Uint8Array(n).fill(0x11), bytes(EOT))));
  },
  /** Alien chunks of 8 bytes each, one track at the end. */
  manyAlienChunks: (size) => {
    const alien = concat(bytes(ascii('XXXX'), u32be(0)));
    const n = Math.floor(size / 8);
    const out = new Uint8Array(14 + 8 * n);
    out.set(header(1, 1, 480));
    for (let i = 0; i < n; i++) out.set(alien, 14 + 8 * i);
    return concat(out, track(bytes('00 903c40 60 803c40', EOT)));
  },
  /** One tick per quarter, a note every 4 quarters (3 bytes each): the most chord segments per note. */
  sparseNotes: (size) => concat(header(0, 1, 1), repeatedTrack([0x00, 0x90, 0x3c, 0x40], [0x04, 0x3c, 0x40], Math.floor(size / 3))),
  /** Chords of every pitch class sustained across many quarters with a note change every tick. */
  busyChords: (size) => concat(header(0, 1, 1), repeatedTrack([0x00, 0x90], [0x01, 0x3c, 0x40, 0x00, 0x43, 0x40, 0x01, 0x3c, 0x00, 0x00, 0x43, 0x00], Math.floor(size / 12))),
};

export const GENERATOR_NAMES = Object.keys(GENERATORS);
