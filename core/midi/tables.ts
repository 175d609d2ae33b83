// Growable struct-of-arrays tables for events and notes. Capacity doubles, so memory stays within a small
// constant factor of the input (an event needs at least two bytes of input: a delta and a data byte).
import type { EventTable, NoteTable } from './types.ts';

export function grow<T extends Float64Array | Uint8Array | Uint32Array>(array: T, capacity: number): T {
  const next = new (array.constructor as { new (n: number): T })(capacity);
  next.set(array);
  return next;
}

export function createEventTable(capacity: number): EventTable {
  const n = Math.max(16, capacity);
  return {
    count: 0,
    tick: new Float64Array(n),
    status: new Uint8Array(n),
    data1: new Uint8Array(n),
    data2: new Uint8Array(n),
    payloadStart: new Uint32Array(n),
    payloadLength: new Uint32Array(n),
  };
}

/** Makes room for at least one more row. */
export function growEventTable(t: EventTable): void {
  const n = t.tick.length * 2;
  t.tick = grow(t.tick, n);
  t.status = grow(t.status, n);
  t.data1 = grow(t.data1, n);
  t.data2 = grow(t.data2, n);
  t.payloadStart = grow(t.payloadStart, n);
  t.payloadLength = grow(t.payloadLength, n);
}

export function createNoteTable(capacity: number): NoteTable {
  const n = Math.max(16, capacity);
  return {
    count: 0,
    pitch: new Uint8Array(n),
    velocity: new Uint8Array(n),
    channel: new Uint8Array(n),
    track: new Uint32Array(n),
    startTick: new Float64Array(n),
    endTick: new Float64Array(n),
    startSeconds: new Float64Array(0),
    endSeconds: new Float64Array(0),
  };
}

export function growNoteTable(t: NoteTable): void {
  const n = t.pitch.length * 2;
  t.pitch = grow(t.pitch, n);
  t.velocity = grow(t.velocity, n);
  t.channel = grow(t.channel, n);
  t.track = grow(t.track, n);
  t.startTick = grow(t.startTick, n);
  t.endTick = grow(t.endTick, n);
}

/**
 * The first `count` rows of a table being filled, in exact-size columns that share one buffer (widest
 * first, so every column is aligned): what a read returns. Filling happens in reused tables (read.ts), so
 * a file costs one allocation per table instead of six columns sized for the worst case and zeroed.
 */
export function packEventTable(t: EventTable): EventTable {
  const n = t.count;
  const buffer = new ArrayBuffer(n * 19);
  const packed: EventTable = {
    count: n,
    tick: new Float64Array(buffer, 0, n),
    payloadStart: new Uint32Array(buffer, n * 8, n),
    payloadLength: new Uint32Array(buffer, n * 12, n),
    status: new Uint8Array(buffer, n * 16, n),
    data1: new Uint8Array(buffer, n * 17, n),
    data2: new Uint8Array(buffer, n * 18, n),
  };
  packed.tick.set(t.tick.subarray(0, n));
  packed.status.set(t.status.subarray(0, n));
  // Only meta and SysEx rows have a payload: the reader writes none for channel messages, which a reused
  // table leaves holding an earlier file's, so those stay at 0 here.
  const { status, payloadStart, payloadLength } = t;
  for (let i = 0; i < n; i++) {
    if (status[i] >= 0xf0) {
      packed.payloadStart[i] = payloadStart[i];
      packed.payloadLength[i] = payloadLength[i];
    }
  }
  packed.data1.set(t.data1.subarray(0, n));
  packed.data2.set(t.data2.subarray(0, n));
  return packed;
}

/** The same for notes, with room for the seconds columns (filled by tempo-map.ts's fillNoteSeconds). */
export function packNoteTable(t: NoteTable): NoteTable {
  const n = t.count;
  const buffer = new ArrayBuffer(n * 39);
  const packed: NoteTable = {
    count: n,
    startTick: new Float64Array(buffer, 0, n),
    endTick: new Float64Array(buffer, n * 8, n),
    startSeconds: new Float64Array(buffer, n * 16, n),
    endSeconds: new Float64Array(buffer, n * 24, n),
    track: new Uint32Array(buffer, n * 32, n),
    pitch: new Uint8Array(buffer, n * 36, n),
    velocity: new Uint8Array(buffer, n * 37, n),
    channel: new Uint8Array(buffer, n * 38, n),
  };
  packed.startTick.set(t.startTick.subarray(0, n));
  packed.endTick.set(t.endTick.subarray(0, n));
  packed.track.set(t.track.subarray(0, n));
  packed.pitch.set(t.pitch.subarray(0, n));
  packed.velocity.set(t.velocity.subarray(0, n));
  packed.channel.set(t.channel.subarray(0, n));
  return packed;
}
