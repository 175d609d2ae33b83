// Encoding a Standard MIDI File byte by byte (SMF 1.0): the one encoder behind both writers.
import { PipelineError } from '../errors.ts';
import type { SmpteDivision } from './types.ts';

/** Largest value a 4-byte variable-length quantity holds (SMF 1.0, "Conventions"). */
const MAX_VLQ = 0x0fffffff;
const HEADER_ID = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6]; // "MThd", length 6
const TRACK_ID = [0x4d, 0x54, 0x72, 0x6b]; // "MTrk"

/** The header's division word: ticks per quarter (480 when none), or the SMPTE frame rate and ticks per frame. */
export function divisionWord(ppq: number | null, smpte: SmpteDivision | null | undefined): number {
  return smpte ? (((256 - smpte.fps) & 0xff) << 8) | (smpte.ticksPerFrame & 0xff) : (ppq ?? 480) & 0x7fff;
}

/**
 * A Standard MIDI File being written: the header, then track chunks of events given in time order, with
 * running status for channel messages, delta times of at most 4 bytes (longer gaps carried by empty text
 * events, FF 01 00, which players ignore) and a size limit (OUTPUT_TOO_LARGE). Both writers use it:
 * write.ts from event lists, split's write-child.ts straight from a parent's tables.
 */
export class SmfBytes {
  bytes: Uint8Array;
  length = 0;
  /** False once an event came earlier than the one before it (in any track). */
  ordered = true;
  private now = 0;
  private running = 0;
  private lastTick = 0;
  /** Where the current track chunk's length goes, filled in by endTrack. */
  private lengthAt = 0;

  constructor(
    capacity: number,
    private readonly limit: number,
  ) {
    this.bytes = new Uint8Array(Math.max(0, capacity));
  }

  /** "MThd", length 6, format, track count and the division word (divisionWord). */
  header(format: number, trackCount: number, division: number): void {
    for (const b of HEADER_ID) this.byte(b);
    this.u16(format);
    this.u16(trackCount);
    this.u16(division);
  }

  /** Opens a track chunk ("MTrk", length filled in by endTrack): time starts at 0, no running status. */
  beginTrack(): void {
    for (const b of TRACK_ID) this.byte(b);
    this.lengthAt = this.length;
    for (let i = 0; i < 4; i++) this.byte(0);
    this.now = 0;
    this.running = 0;
    this.lastTick = 0;
  }

  private tooLarge(): PipelineError {
    return new PipelineError('OUTPUT_TOO_LARGE', `written file would exceed ${this.limit} bytes`);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    if (this.length + n > this.limit) throw this.tooLarge();
    const next = new Uint8Array(Math.min(Math.max(this.bytes.length * 2, this.length + n), this.limit));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  byte(b: number): void {
    if (this.length >= this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = b;
  }

  private u16(v: number): void {
    this.byte((v >> 8) & 0xff);
    this.byte(v & 0xff);
  }

  /** At most 4 bytes: callers keep values under 2^28 (deltas are cut at MAX_VLQ, payloads are smaller). */
  vlq(v: number): void {
    // Shifts, not v / 2 ** shift: the powers cost about 0.4 µs a call, which made split write 3 MB/s.
    if (v >= 0x200000) this.byte(0x80 | ((v >>> 21) & 0x7f));
    if (v >= 0x4000) this.byte(0x80 | ((v >>> 14) & 0x7f));
    if (v >= 0x80) this.byte(0x80 | ((v >>> 7) & 0x7f));
    this.byte(v & 0x7f);
  }

  /** The delta time before an event at `tick`; a gap past 4 bytes goes out on carrier events. */
  private advance(tick: number): void {
    let delta = Math.max(0, Math.round(tick - this.now));
    // Seven bytes a carrier: refuse at once when they cannot fit, rather than after writing up to the limit.
    if (delta > MAX_VLQ && this.length + 7 * Math.floor((delta - 1) / MAX_VLQ) > this.limit) throw this.tooLarge();
    while (delta > MAX_VLQ) {
      this.vlq(MAX_VLQ);
      this.byte(0xff);
      this.byte(0x01);
      this.byte(0);
      delta -= MAX_VLQ;
      this.running = 0;
    }
    this.vlq(delta);
    this.now = Math.max(this.now, Math.round(tick));
  }

  private at(tick: number): void {
    if (tick < this.lastTick) this.ordered = false;
    this.lastTick = tick;
    this.advance(tick);
  }

  channel(tick: number, status: number, data1: number, data2: number): void {
    // The usual event: a whole tick at most two delta bytes on, room for it already there. Written
    // straight into the buffer (advance() gives the same bytes: with `now` whole and the delta whole and
    // not negative, the rounding and the max change nothing).
    const delta = tick - this.now;
    const out = this.bytes;
    let n = this.length;
    if (delta >= 0 && delta < 0x4000 && n + 6 <= out.length && tick >= this.lastTick && Number.isInteger(delta)) {
      this.lastTick = tick;
      this.now = tick;
      if (delta >= 0x80) out[n++] = 0x80 | (delta >>> 7);
      out[n++] = delta & 0x7f;
      if (status !== this.running) out[n++] = status;
      this.running = status;
      out[n++] = data1 & 0x7f;
      const type = status & 0xf0;
      if (type !== 0xc0 && type !== 0xd0) out[n++] = data2 & 0x7f;
      this.length = n;
      return;
    }
    this.at(tick);
    if (status !== this.running) this.byte(status);
    this.running = status;
    this.byte(data1 & 0x7f);
    const type = status & 0xf0;
    if (type !== 0xc0 && type !== 0xd0) this.byte(data2 & 0x7f);
  }

  /** A meta event (status 0xFF, `type` its meta type) or SysEx, with the payload `source[start, end)`. */
  other(tick: number, status: number, type: number, source: Uint8Array, start: number, end: number): void {
    this.at(tick);
    this.byte(status);
    if (status === 0xff) this.byte(type & 0xff);
    this.vlq(end - start);
    this.reserve(end - start);
    this.bytes.set(source.subarray(start, end), this.length);
    this.length += end - start;
    this.running = 0;
  }

  /** End-of-Track at `endTick` (or the last event's tick, if later), and the chunk's length filled in. */
  endTrack(endTick: number): void {
    this.advance(Math.max(this.lastTick, endTick));
    this.byte(0xff);
    this.byte(0x2f);
    this.byte(0);
    const at = this.lengthAt;
    const chunk = this.length - at - 4;
    this.bytes[at] = chunk >>> 24;
    this.bytes[at + 1] = (chunk >>> 16) & 0xff;
    this.bytes[at + 2] = (chunk >>> 8) & 0xff;
    this.bytes[at + 3] = chunk & 0xff;
  }

  /** The file written so far, in a buffer of its own size. */
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}
