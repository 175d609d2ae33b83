// The bytes of one split child, encoded straight from the parent's tables. Byte for byte what
// writeMidi (core/midi/write.ts) makes of trackEvents' list (core/midi/events.ts) with the conductor
// events merged in (split.ts), without building an event object per note and per event on the way: in
// a bench run that path spent about as long making and collecting those objects as the child's own
// analysis spent reading it back.
import { PipelineError } from '../errors.ts';
import { noteRange } from '../midi/notes.ts';
import { NOTE_OFF_VELOCITY } from '../midi/events.ts';
import type { MidiFile } from '../midi/types.ts';

/** Largest value a 4-byte variable-length quantity holds (SMF 1.0, "Conventions"); as write.ts. */
const MAX_VLQ = 0x0fffffff;

/**
 * Track `track` of `file` as a format-0 file, its note-offs in the order `offs` gives (noteOffsOfTracks,
 * the order of trackEvents), with `conductor` (rows of `file.events`, in the order to
 * write them at equal ticks) merged in before the track's own events at the same tick, and the track's
 * own conductor events (`isConductor`) left out. Returns null when the events would not be in time order
 * (writeMidi sorts then; the caller takes that path), and throws OUTPUT_TOO_LARGE past `maxBytes`.
 */
export function writeChild(file: MidiFile, track: number, offs: ArrayLike<number>, conductor: ArrayLike<number>, isConductor: (row: number) => boolean, maxBytes: number): Uint8Array | null {
  const { events: table, notes, bytes: source } = file;
  const [first, last] = noteRange(notes, track);
  const { startTick, endTick, channel, pitch, velocity } = notes;
  const otherStart = file.trackStart[track];
  const otherEnd = file.trackStart[track + 1];

  // Room for the usual case: the header, 7 bytes per note-on and note-off, a payload and 10 bytes per
  // other event; grown when a long delta needs carrier events.
  let room = 32 + 14 * (last - first);
  for (let i = otherStart; i < otherEnd; i++) room += 10 + table.payloadLength[i];
  for (let i = 0; i < conductor.length; i++) room += 10 + table.payloadLength[conductor[i]];
  const out = new ChildBytes(Math.min(room, maxBytes), maxBytes);

  // Header (format 0, one track) and the track chunk's start, as writeMidi writes them.
  for (const b of HEADER_START) out.byte(b);
  const division = file.smpte ? (((256 - file.smpte.fps) & 0xff) << 8) | (file.smpte.ticksPerFrame & 0xff) : (file.ppq ?? 480) & 0x7fff;
  out.byte((division >> 8) & 0xff);
  out.byte(division & 0xff);
  for (const b of TRACK_START) out.byte(b);
  const lengthAt = out.length - 4;

  // A meta or SysEx event of the parent's table, payload copied from the parent's bytes; channel
  // messages of the table as they are.
  const tableEvent = (tick: number, row: number) => {
    const status = table.status[row];
    if (status < 0xf0) return out.channel(tick, status, table.data1[row], table.data2[row]);
    const start = table.payloadStart[row];
    out.other(tick, status, table.data1[row], source, start, start + table.payloadLength[row]);
  };
  // Conductor rows due at or before `tick` (all of them at the end: Infinity), and the tick of the next.
  const tickOf = table.tick;
  const conductorCount = conductor.length;
  let c = 0;
  let conductorTick = conductorCount > 0 ? tickOf[conductor[0]] : Infinity;
  const conductorUpTo = (tick: number) => {
    for (; c < conductorCount && tickOf[conductor[c]] <= tick; c++) tableEvent(tickOf[conductor[c]], conductor[c]);
    conductorTick = c < conductorCount ? tickOf[conductor[c]] : Infinity;
  };

  // trackEvents' merge of note-offs, other events (End-of-Track left out) and note-ons at each tick. The
  // conductor rows due go first, once per tick: before the tick's first event, or (when the tick's only
  // events are left out) before the next event written, which is the same place in the output.
  const { status: statusOf, data1: data1Of } = table;
  const offCount = offs.length;
  let on = first;
  let off = 0;
  let other = otherStart;
  while (on < last || off < offCount || other < otherEnd) {
    const tick = Math.min(on < last ? startTick[on] : Infinity, off < offCount ? endTick[offs[off]] : Infinity, other < otherEnd ? tickOf[other] : Infinity);
    if (conductorTick <= tick) conductorUpTo(tick);
    for (; off < offCount && endTick[offs[off]] === tick; off++) {
      const n = offs[off];
      out.channel(tick, 0x80 | channel[n], pitch[n], NOTE_OFF_VELOCITY);
    }
    for (; other < otherEnd && tickOf[other] === tick; other++) {
      if (statusOf[other] === 0xff && (data1Of[other] === 0x2f || isConductor(other))) continue;
      tableEvent(tick, other);
    }
    for (; on < last && startTick[on] === tick; on++) {
      out.channel(tick, 0x90 | channel[on], pitch[on], velocity[on]);
      if (endTick[on] === tick) out.channel(tick, 0x80 | channel[on], pitch[on], NOTE_OFF_VELOCITY);
    }
  }
  conductorUpTo(Infinity);
  if (!out.ordered) return null;
  return out.finish(lengthAt, file.trackEndTick[track]);
}

const HEADER_START = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1]; // "MThd", 6, format 0, 1 track
const TRACK_START = [0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 0]; // "MTrk", length filled in at the end

/** The bytes of one track being written, with write.ts's rules: running status, deltas, the size limit. */
class ChildBytes {
  bytes: Uint8Array;
  length = 0;
  /** False once an event came earlier than the one before it. */
  ordered = true;
  private now = 0;
  private running = 0;
  private lastTick = 0;

  constructor(
    capacity: number,
    private readonly limit: number,
  ) {
    this.bytes = new Uint8Array(Math.max(0, capacity));
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

  vlq(v: number): void {
    if (v >= 0x200000) this.byte(0x80 | ((v >>> 21) & 0x7f));
    if (v >= 0x4000) this.byte(0x80 | ((v >>> 14) & 0x7f));
    if (v >= 0x80) this.byte(0x80 | ((v >>> 7) & 0x7f));
    this.byte(v & 0x7f);
  }

  /** The delta time before an event at `tick`: as writeTrack's advance (carrier events past 4 bytes). */
  private advance(tick: number): void {
    let delta = Math.max(0, Math.round(tick - this.now));
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

  /** End-of-Track at `endTick` (or the last event's tick), the chunk length filled in; the file's bytes. */
  finish(lengthAt: number, endTick: number): Uint8Array {
    this.advance(Math.max(this.lastTick, endTick));
    this.byte(0xff);
    this.byte(0x2f);
    this.byte(0);
    const chunk = this.length - lengthAt - 4;
    this.bytes[lengthAt] = chunk >>> 24;
    this.bytes[lengthAt + 1] = (chunk >>> 16) & 0xff;
    this.bytes[lengthAt + 2] = (chunk >>> 8) & 0xff;
    this.bytes[lengthAt + 3] = chunk & 0xff;
    return this.bytes.slice(0, this.length);
  }
}
