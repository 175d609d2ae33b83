// Writes Standard MIDI Files straight from a literal description: every event is its delta time and the
// exact status and data bytes that go into the file (no running status unless a test writes it), so what a
// fixture holds is obvious from its source. Independent of the project's writer (core/midi/write.ts).
// Format: SMF 1.0 (header "MThd", 6 bytes: format, track count, division; tracks "MTrk").

/** An event: delta ticks since the previous event of the track, then its bytes as written. */
export type RawEvent = [delta: number, ...bytes: number[]];

export interface SmfSpec {
  format?: 0 | 1 | 2;
  /** Ticks per quarter note (default 480); ignored when `division` is given. */
  ppq?: number;
  /** The raw 16-bit division word, e.g. 0xE728 for SMPTE 25 fps, 40 ticks per frame. */
  division?: number;
  tracks: RawEvent[][];
  /** Append `00 FF 2F 00` to every track (default true). */
  endOfTrack?: boolean;
}

/** Variable-length quantity (SMF 1.0 "Conventions"), e.g. vlq(128) = [0x81, 0x00]. */
export function vlq(value: number): number[] {
  const out = [value & 0x7f];
  let rest = Math.floor(value / 128);
  while (rest > 0) {
    out.unshift((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  return out;
}

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

export function smf(spec: SmfSpec): Uint8Array {
  const out: number[] = [...ascii('MThd'), ...u32(6), ...u16(spec.format ?? 1), ...u16(spec.tracks.length), ...u16(spec.division ?? spec.ppq ?? 480)];
  for (const events of spec.tracks) {
    const body: number[] = [];
    for (const [delta, ...bytes] of events) body.push(...vlq(delta), ...bytes);
    if (spec.endOfTrack ?? true) body.push(0x00, 0xff, 0x2f, 0x00);
    out.push(...ascii('MTrk'), ...u32(body.length), ...body);
  }
  return Uint8Array.from(out);
}

// Events -------------------------------------------------------------------------------------------------

export const noteOn = (delta: number, channel: number, pitch: number, velocity = 100): RawEvent => [delta, 0x90 | channel, pitch, velocity];
export const noteOff = (delta: number, channel: number, pitch: number, velocity = 64): RawEvent => [delta, 0x80 | channel, pitch, velocity];
export const programChange = (delta: number, channel: number, program: number): RawEvent => [delta, 0xc0 | channel, program];
export const controlChange = (delta: number, channel: number, controller: number, value: number): RawEvent => [delta, 0xb0 | channel, controller, value];

/** A meta event: FF type length data. Strings are written byte for byte (char codes 0-255). */
export function meta(delta: number, type: number, data: number[] | string): RawEvent {
  const bytes = typeof data === 'string' ? ascii(data) : data;
  return [delta, 0xff, type, ...vlq(bytes.length), ...bytes];
}

/** Tempo meta event (FF 51 03 tt tt tt) in microseconds per quarter note. */
export const tempoMicros = (delta: number, micros: number): RawEvent => meta(delta, 0x51, [(micros >> 16) & 0xff, (micros >> 8) & 0xff, micros & 0xff]);
/** Tempo meta event for a whole number of microseconds: 60,000,000 / bpm must be an integer. */
export function tempo(delta: number, bpm: number): RawEvent {
  const micros = 60_000_000 / bpm;
  if (!Number.isInteger(micros)) throw new Error(`${bpm} BPM is not a whole number of microseconds`);
  return tempoMicros(delta, micros);
}
/** FF 58 04 nn dd cc bb, the denominator as a power of two. */
export const timeSignature = (delta: number, numerator: number, denominatorPower: number): RawEvent => meta(delta, 0x58, [numerator, denominatorPower, 24, 8]);
/** FF 59 02 sf mi: sf = sharps (negative: flats), mi = 0 major, 1 minor (other values for corrupt fixtures). */
export const keySignature = (delta: number, sharps: number, minor: number): RawEvent => meta(delta, 0x59, [sharps & 0xff, minor]);
export const trackName = (delta: number, name: number[] | string): RawEvent => meta(delta, 0x03, name);
/** SysEx: F0, length, then `data` (everything after F0, F7 included). */
export const sysex = (delta: number, data: number[]): RawEvent => [delta, 0xf0, ...vlq(data.length), ...data];

/** Roland GS "USE FOR RHYTHM PART" (40 1x 15): part nibble x (0 = part 10, 1-9, A-F = 11-16), map 0 (off), 1 or 2. */
export function gsRhythmPart(delta: number, partNibble: number, map: number): RawEvent {
  const address = [0x40, 0x10 | partNibble, 0x15];
  const sum = (128 - ((address[0] + address[1] + address[2] + map) % 128)) % 128; // Roland checksum
  return sysex(delta, [0x41, 0x10, 0x42, 0x12, ...address, map, sum, 0xf7]);
}

// Notes at absolute times ----------------------------------------------------------------------------------

export interface NoteSpec {
  /** Start tick. */
  at: number;
  /** Length in ticks. */
  length: number;
  pitch: number;
  channel?: number;
  velocity?: number;
}

/**
 * Note-on/off events for notes given at absolute ticks, in time order with deltas; at equal ticks
 * note-offs come first, so a note ending where the next one starts is not paired with it.
 * `extra` events (absolute tick + event bytes) are merged in before the notes at the same tick.
 */
export function notes(list: NoteSpec[], extra: { at: number; bytes: number[] }[] = []): RawEvent[] {
  const timed: { at: number; rank: number; bytes: number[] }[] = [];
  for (const e of extra) timed.push({ at: e.at, rank: 1, bytes: e.bytes });
  for (const n of list) {
    const ch = n.channel ?? 0;
    timed.push({ at: n.at, rank: 2, bytes: [0x90 | ch, n.pitch, n.velocity ?? 100] });
    timed.push({ at: n.at + n.length, rank: 0, bytes: [0x80 | ch, n.pitch, 64] });
  }
  timed.sort((a, b) => a.at - b.at || a.rank - b.rank);
  let now = 0;
  return timed.map((e) => {
    const delta = e.at - now;
    now = e.at;
    return [delta, ...e.bytes] as RawEvent;
  });
}

/** The bytes of an event without its delta, for `notes(..., extra)`: `bytesOf(tempo(0, 60))`. */
export const bytesOf = ([, ...bytes]: RawEvent): number[] => bytes;
