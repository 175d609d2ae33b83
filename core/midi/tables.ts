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
