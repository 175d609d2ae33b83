// The SMF writer: canonical bytes from event lists (running status for channel messages, 4-byte-at-most
// variable-length quantities, End-of-Track added). Used by split and by tests' round trips.
import { PipelineError } from '../errors.ts';
import type { WritableEvent } from './events.ts';
import type { SmpteDivision } from './types.ts';

export interface WritableTrack {
  /** Sorted by tick (a stable sort is applied if they are not). End-of-Track events are dropped. */
  events: WritableEvent[];
  /** Tick of the End-of-Track event; defaults to the last event's tick. */
  endTick?: number;
}

export interface WritableFile {
  format: 0 | 1 | 2;
  /** Ticks per quarter note, or null with `smpte` set. */
  ppq: number | null;
  smpte?: SmpteDivision | null;
  tracks: WritableTrack[];
}

export interface WriteOptions {
  /**
   * Refuse with OUTPUT_TOO_LARGE rather than write more bytes than this. Ticks are not bounded by the
   * input's size: a corrupt delta of 2^40 ticks (6 bytes read) takes 4,096 carrier events (28 KB) to write.
   */
  maxBytes?: number;
}

/** Largest value a 4-byte variable-length quantity holds (SMF 1.0, "Conventions"). */
const MAX_VLQ = 0x0fffffff;

class ByteSink {
  bytes: Uint8Array;
  length = 0;

  /** The buffer never grows past `limit`; a write that would needs more throws instead. */
  constructor(private readonly limit: number) {
    this.bytes = new Uint8Array(Math.min(1024, limit));
  }

  /** Throws OUTPUT_TOO_LARGE when `n` more bytes would pass the limit. */
  ensureRoom(n: number): void {
    if (this.length + n > this.limit) throw new PipelineError('OUTPUT_TOO_LARGE', `written file would exceed ${this.limit} bytes`);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    this.ensureRoom(n);
    const next = new Uint8Array(Math.max(Math.min(this.bytes.length * 2, this.limit), this.length + n));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }
  u16(v: number): void {
    this.byte((v >> 8) & 0xff);
    this.byte(v & 0xff);
  }
  u32(v: number): void {
    this.u16((v >>> 16) & 0xffff);
    this.u16(v & 0xffff);
  }
  ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.byte(s.charCodeAt(i));
  }
  /** At most 4 bytes: callers keep values under 2^28 (deltas are cut at MAX_VLQ, payloads are smaller). */
  vlq(v: number): void {
    // Shifts, not v / 2 ** shift: the powers cost about 0.4 µs a call, which made split write 3 MB/s.
    if (v >= 0x200000) this.byte(0x80 | ((v >>> 21) & 0x7f));
    if (v >= 0x4000) this.byte(0x80 | ((v >>> 14) & 0x7f));
    if (v >= 0x80) this.byte(0x80 | ((v >>> 7) & 0x7f));
    this.byte(v & 0x7f);
  }
  data(payload: Uint8Array): void {
    this.reserve(payload.length);
    this.bytes.set(payload, this.length);
    this.length += payload.length;
  }
}

/** Data bytes after a channel status: one for program change and channel pressure, two otherwise. */
function dataLength(status: number): number {
  const type = status & 0xf0;
  return type === 0xc0 || type === 0xd0 ? 1 : 2;
}

function writeTrack(out: ByteSink, track: WritableTrack): void {
  let events = track.events.filter((e) => !(e.status === 0xff && e.data1 === 0x2f));
  for (let i = 1; i < events.length; i++) {
    if (events[i].tick < events[i - 1].tick) {
      events = events.map((e, seq) => ({ e, seq })).sort((a, b) => a.e.tick - b.e.tick || a.seq - b.seq).map((x) => x.e);
      break;
    }
  }
  out.ascii('MTrk');
  const lengthAt = out.length;
  out.u32(0);
  let now = 0;
  let running = 0;
  const advance = (tick: number) => {
    let delta = Math.max(0, Math.round(tick - now));
    // Deltas too large for 4 bytes are carried by empty text events (FF 01 00), which players ignore.
    // Seven bytes each: refuse at once when they cannot fit, rather than after writing up to the limit.
    if (delta > MAX_VLQ) out.ensureRoom(7 * Math.floor((delta - 1) / MAX_VLQ));
    while (delta > MAX_VLQ) {
      out.vlq(MAX_VLQ);
      out.byte(0xff);
      out.byte(0x01);
      out.byte(0);
      delta -= MAX_VLQ;
      running = 0;
    }
    out.vlq(delta);
    now = Math.max(now, Math.round(tick));
  };
  for (const e of events) {
    advance(e.tick);
    if (e.status < 0xf0) {
      if (e.status !== running) out.byte(e.status);
      running = e.status;
      out.byte(e.data1 & 0x7f);
      if (dataLength(e.status) === 2) out.byte(e.data2 & 0x7f);
      continue;
    }
    const payload = e.payload ?? new Uint8Array(0);
    out.byte(e.status);
    if (e.status === 0xff) out.byte(e.data1 & 0xff);
    out.vlq(payload.length);
    out.data(payload);
    running = 0; // meta and SysEx cancel running status (SMF 1.0); we do not rely on readers keeping it
  }
  const last = events.length > 0 ? events[events.length - 1].tick : 0;
  advance(Math.max(last, track.endTick ?? 0));
  out.byte(0xff);
  out.byte(0x2f);
  out.byte(0);
  const length = out.length - lengthAt - 4;
  out.bytes[lengthAt] = length >>> 24;
  out.bytes[lengthAt + 1] = (length >>> 16) & 0xff;
  out.bytes[lengthAt + 2] = (length >>> 8) & 0xff;
  out.bytes[lengthAt + 3] = length & 0xff;
}

/**
 * Writes a Standard MIDI File.
 * @throws PipelineError OUTPUT_TOO_LARGE past `options.maxBytes`
 * @example writeMidi({ format: 0, ppq: 480, tracks: [{ events: [] }] }) // 26 bytes: header + empty track
 */
export function writeMidi(file: WritableFile, options: WriteOptions = {}): Uint8Array {
  const out = new ByteSink(options.maxBytes ?? Infinity);
  out.ascii('MThd');
  out.u32(6);
  out.u16(file.format);
  out.u16(file.tracks.length);
  if (file.smpte) out.u16((((256 - file.smpte.fps) & 0xff) << 8) | (file.smpte.ticksPerFrame & 0xff));
  else out.u16((file.ppq ?? 480) & 0x7fff);
  for (const track of file.tracks) writeTrack(out, track);
  return out.bytes.slice(0, out.length);
}
