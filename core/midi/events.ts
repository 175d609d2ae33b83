// Tracks as plain event lists, for writing: the reader's tables (other events + paired notes) turned back
// into one time-ordered list of note-on/off and other events per track.
import { noteRange } from './notes.ts';
import { orderOfTicks } from './stable-order.ts';
import type { MidiFile, NoteTable } from './types.ts';

/** One event to write. Meta events: status 0xFF, `data1` the meta type; SysEx: status 0xF0/0xF7. */
export interface WritableEvent {
  tick: number;
  status: number;
  data1: number;
  data2: number;
  payload?: Uint8Array;
}

export const NOTE_OFF_VELOCITY = 64; // "default" release velocity (MIDI 1.0, Note Off)

/**
 * Events of track `track`, End-of-Track excluded (the writer adds it at `endTick`), in time order. At equal
 * ticks the order is chosen so that reading the written file pairs the same notes again: note-offs first,
 * then other events in file order (so a program change precedes the notes it affects), then note-ons, a
 * zero-length note's off right after its on. Three already-ordered streams are merged, so no sort of the
 * whole track is needed: note-ons are in start order by construction; only the note-offs are sorted.
 */
export function trackEvents(file: MidiFile, track: number): { events: WritableEvent[]; endTick: number } {
  const { events: table, notes, bytes } = file;
  const [first, last] = noteRange(notes, track);
  const noteCount = last - first;
  const { startTick, endTick, channel, pitch, velocity } = notes;

  const otherStart = file.trackStart[track];
  const otherEnd = file.trackStart[track + 1];

  const offs = noteOffsByEnd(notes, first, last);

  const out: WritableEvent[] = new Array(otherEnd - otherStart + noteCount + offs.length);
  let written = 0;
  let on = first;
  let off = 0;
  let other = otherStart;
  const noteOff = (n: number): WritableEvent => ({ tick: endTick[n], status: 0x80 | channel[n], data1: pitch[n], data2: NOTE_OFF_VELOCITY });
  while (on < last || off < offs.length || other < otherEnd) {
    const tick = Math.min(on < last ? startTick[on] : Infinity, off < offs.length ? endTick[offs[off]] : Infinity, other < otherEnd ? table.tick[other] : Infinity);
    while (off < offs.length && endTick[offs[off]] === tick) out[written++] = noteOff(offs[off++]);
    for (; other < otherEnd && table.tick[other] === tick; other++) {
      const status = table.status[other];
      if (status === 0xff && table.data1[other] === 0x2f) continue;
      const event: WritableEvent = { tick, status, data1: table.data1[other], data2: table.data2[other] };
      if (status >= 0xf0) {
        const start = table.payloadStart[other];
        event.payload = bytes.subarray(start, start + table.payloadLength[other]);
      }
      out[written++] = event;
    }
    for (; on < last && startTick[on] === tick; on++) {
      out[written++] = { tick, status: 0x90 | channel[on], data1: pitch[on], data2: velocity[on] };
      if (endTick[on] === tick) out[written++] = noteOff(on);
    }
  }
  out.length = written;
  return { events: out, endTick: file.trackEndTick[track] };
}

/**
 * The notes of rows [first, last) that have a length (their note-offs get events of their own), ordered
 * by end tick, stable: earlier notes first at equal ends. Usually already in order, so sorted only when not
 * (orderOfTicks, as noteOffsOfTracks).
 */
export function noteOffsByEnd(notes: NoteTable, first: number, last: number): Uint32Array {
  const { startTick, endTick } = notes;
  let count = 0;
  for (let n = first; n < last; n++) if (endTick[n] !== startTick[n]) count++;
  const offs = new Uint32Array(count);
  const ends = new Float64Array(count);
  let k = 0;
  for (let n = first; n < last; n++) {
    if (endTick[n] === startTick[n]) continue;
    ends[k] = endTick[n];
    offs[k++] = n;
  }
  const order = orderOfTicks(ends, count);
  if (order === null) return offs;
  const byEnd = new Uint32Array(count);
  for (let i = 0; i < count; i++) byEnd[i] = offs[order[i]];
  return byEnd;
}

/**
 * noteOffsByEnd of every track at once, from one stable sort of the whole note table by end tick (a
 * radix sort below 2^32 ticks): split needs every track's, and sorting each track's with a comparator took
 * about a third of split's time. Track t's are `offs.subarray(at[t], at[t + 1])`, in the order
 * noteOffsByEnd gives: the global sort is stable and each track keeps its notes in that order.
 */
export function noteOffsOfTracks(notes: NoteTable, trackCount: number): { offs: Uint32Array; at: Uint32Array } {
  const { startTick, endTick, track, count } = notes;
  // Reader ticks are whole numbers (sums of delta times), as orderOfTicks needs.
  const order = orderOfTicks(endTick, count);
  const at = new Uint32Array(trackCount + 1);
  for (let i = 0; i < count; i++) if (endTick[i] !== startTick[i]) at[track[i] + 1]++;
  for (let t = 0; t < trackCount; t++) at[t + 1] += at[t];
  const offs = new Uint32Array(at[trackCount]);
  const next = at.slice(0, trackCount);
  for (let k = 0; k < count; k++) {
    const n = order === null ? k : order[k];
    if (endTick[n] !== startTick[n]) offs[next[track[n]]++] = n;
  }
  return { offs, at };
}
