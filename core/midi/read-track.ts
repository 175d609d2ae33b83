// The hot loop: one pass over an MTrk chunk's bytes that records events, pairs notes and collects tempo
// events. Defects are tolerated and logged (see warnings.ts); nothing here throws on any input.
import { grow, growEventTable, growNoteTable } from './tables.ts';
import { Meta, type EventTable, type NoteTable } from './types.ts';
import { WarningCode as W, type WarningLog } from './warnings.ts';

/** 16 channels x 128 pitches: one first-in first-out queue of sounding notes per key. */
const KEYS = 16 * 128;

/** State that lives across the tracks of one file. */
export interface ReadState {
  bytes: Uint8Array;
  events: EventTable;
  notes: NoteTable;
  /** Tempo events in file order (track by track): `tempoCount` rows of tick, microseconds, track. */
  tempoCount: number;
  tempoTick: Float64Array;
  tempoMicros: Float64Array;
  tempoTrack: Uint32Array;
  warnings: WarningLog;
}

export interface TrackResult {
  /** Tick of the last event, End-of-Track included. */
  endTick: number;
  /** Byte offset just past the last byte consumed. */
  endOffset: number;
  sawEndOfTrack: boolean;
}

/**
 * Room for the first 16 tempo events of every read (reads are synchronous, and the tempo maps copy the
 * rows): three allocations per file saved. A file with more grows its own (readTempo).
 */
const TEMPO_ROWS = 16;
const tempoTick = new Float64Array(TEMPO_ROWS);
const tempoMicros = new Float64Array(TEMPO_ROWS);
const tempoTrack = new Uint32Array(TEMPO_ROWS);

export function createReadState(bytes: Uint8Array, events: EventTable, notes: NoteTable, warnings: WarningLog): ReadState {
  return { bytes, events, notes, tempoCount: 0, tempoTick, tempoMicros, tempoTrack, warnings };
}

/**
 * Note-pairing scratch, reused by every read in this thread (reads never interleave: they are synchronous).
 * Per key: the oldest and newest sounding note (indexes into the note table), valid only while the key's
 * stamp equals the current track's stamp, so nothing needs clearing between tracks or files.
 */
const pairing = {
  head: new Int32Array(KEYS),
  tail: new Int32Array(KEYS),
  stamp: new Uint32Array(KEYS),
  lastStamp: 0,
  /** Next note in the same key's queue, parallel to the note table. */
  next: new Int32Array(4096),
};

/**
 * Drops the queue links kept from a file of more than `rows` notes (call after each read): one file of 10
 * million notes would otherwise hold 40 MB in this thread for good.
 */
export function trimPairingScratch(rows: number): void {
  if (pairing.next.length > rows) pairing.next = new Int32Array(rows);
}

function nextStamp(): number {
  if (pairing.lastStamp === 0xffffffff) {
    pairing.stamp.fill(0);
    pairing.lastStamp = 0;
  }
  return ++pairing.lastStamp;
}

/** Largest delta we accumulate; longer (corrupt) quantities are clamped so ticks stay finite. */
const MAX_DELTA = 2 ** 40;
/**
 * Largest tick a track may reach. Clamped deltas can still add up (the fuzzer reached 5e16), and past 2^53
 * consecutive ticks are no longer distinct doubles, so time would stop advancing for every consumer.
 */
export const MAX_TICK = 2 ** 50;

/** Data bytes after a system-common status (MIDI 1.0 table "System Common Messages"). */
function systemCommonLength(status: number): number {
  if (status === 0xf2) return 2;
  if (status === 0xf1 || status === 0xf3) return 1;
  return 0;
}

/**
 * What readTrack returns: one object, overwritten by every call (a file of 65,535 empty tracks made one
 * per track), so read its fields before reading the next track.
 */
const trackResult: TrackResult = { endTick: 0, endOffset: 0, sawEndOfTrack: false };

/**
 * Reads the events of track `track` in `bytes[start, end)`.
 * Notes still sounding when the track ends are ended at its last tick.
 * @returns the track's end, valid until the next call
 */
export function readTrack(state: ReadState, track: number, start: number, end: number): TrackResult {
  const { bytes, events, notes, warnings } = state;
  const { head: queueHead, tail: queueTail, stamp: queueStamp } = pairing;
  // Locals for the hot arrays (re-read after a table grows): V8 keeps them in registers.
  let evTick = events.tick;
  let evStatus = events.status;
  let evData1 = events.data1;
  let evData2 = events.data2;
  let { pitch, velocity, channel, track: noteTrack, startTick, endTick } = notes;
  if (pairing.next.length < pitch.length) pairing.next = new Int32Array(pitch.length);
  let nextInQueue = pairing.next;
  const stamp = nextStamp();
  const firstNote = notes.count;
  let eventCount = events.count;
  let noteCount = firstNote;
  let pos = start;
  let tick = 0;
  let lastTick = 0;
  let running = 0;
  let afterMetaOrSysex = false;
  let sawEndOfTrack = false;
  let nonCanonicalWarned = false;
  let tickOverflowWarned = false;
  /** Notes of this track not yet turned off: when none are left at the end, no pass over them is needed. */
  let sounding = 0;

  while (pos < end) {
    // The fast path: channel messages with a canonical one- or two-byte delta, a status byte or running
    // status (not after a meta or SysEx event), data bytes below 0x80 and room in the tables, with at least
    // 5 bytes left in the track. It calls nothing, so V8 keeps the arrays' lengths and data pointers in
    // registers. Anything else leaves it before changing any state, and the general path below reads that
    // one event. Corpus pass: reader 266 -> 215 ms (with the sweep below written out).
    while (pos + 4 < end) {
      let delta = bytes[pos];
      let at = pos + 1;
      if (delta > 0x7f) {
        const low = bytes[at];
        if (low > 0x7f || delta === 0x80) break;
        delta = ((delta & 0x7f) << 7) | low;
        at++;
      }
      let status = bytes[at];
      if (status < 0x80) {
        if (running === 0 || afterMetaOrSysex) break;
        status = running;
      } else if (status >= 0xf0) {
        break;
      } else {
        at++;
      }
      const next = tick + delta;
      if (next > MAX_TICK) break;
      const data1 = bytes[at];
      if (status >= 0xc0 && status < 0xe0) {
        const row = eventCount;
        if (data1 > 0x7f || row === evTick.length) break;
        evTick[row] = next;
        evStatus[row] = status;
        evData1[row] = data1;
        evData2[row] = 0;
        eventCount = row + 1;
        pos = at + 1;
      } else {
        const data2 = bytes[at + 1];
        if ((data1 | data2) > 0x7f) break;
        if (status >= 0xa0) {
          const row = eventCount;
          if (row === evTick.length) break;
          evTick[row] = next;
          evStatus[row] = status;
          evData1[row] = data1;
          evData2[row] = data2;
          eventCount = row + 1;
        } else {
          // Note pairing as in the general path below (FIFO per channel and pitch): keep the two in step.
          const key = ((status & 0x0f) << 7) | data1;
          if (status >= 0x90 && data2 > 0) {
            const n = noteCount;
            if (n === pitch.length) break;
            pitch[n] = data1;
            velocity[n] = data2;
            channel[n] = status & 0x0f;
            noteTrack[n] = track;
            startTick[n] = next;
            endTick[n] = -1;
            nextInQueue[n] = -1;
            sounding++;
            noteCount = n + 1;
            if (queueStamp[key] !== stamp || queueHead[key] < 0) {
              queueStamp[key] = stamp;
              queueHead[key] = n;
            } else {
              nextInQueue[queueTail[key]] = n;
            }
            queueTail[key] = n;
          } else if (queueStamp[key] === stamp) {
            const n = queueHead[key];
            if (n >= 0) {
              endTick[n] = next;
              queueHead[key] = nextInQueue[n];
              sounding--;
            }
          }
        }
        pos = at + 2;
      }
      running = status;
      afterMetaOrSysex = false;
      tick = next;
      lastTick = next;
    }
    if (pos >= end) break;

    const eventOffset = pos;
    // Delta time: a variable-length quantity, canonically at most 4 bytes (SMF 1.0, "Conventions").
    let b = bytes[pos++];
    let delta = b & 0x7f;
    if (b & 0x80) {
      if (b === 0x80 && !nonCanonicalWarned) {
        nonCanonicalWarned = true;
        warnings.add(W.vlqNonCanonical, 'delta time padded with leading zero bytes', eventOffset);
      }
      let length = 1;
      while (b & 0x80 && pos < end) {
        b = bytes[pos++];
        delta = delta * 128 + (b & 0x7f);
        length++;
      }
      if (b & 0x80) {
        warnings.add(W.truncatedEvent, 'track ends inside a delta time', eventOffset);
        break;
      }
      if (length > 4) warnings.add(W.vlqTooLong, `delta time of ${length} bytes (at most 4 allowed)`, eventOffset);
      if (delta > MAX_DELTA) delta = MAX_DELTA;
    }
    if (pos >= end) {
      warnings.add(W.truncatedEvent, 'track ends after a delta time', eventOffset);
      break;
    }
    tick += delta;
    if (tick > MAX_TICK) {
      if (!tickOverflowWarned) warnings.add(W.tickOverflow, `track ${track} runs past tick 2^50; later events are held there`, eventOffset);
      tickOverflowWarned = true;
      tick = MAX_TICK;
    }

    let status = bytes[pos];
    if (status >= 0x80) {
      pos++;
    } else if (running !== 0) {
      // Running status: reuse the last channel status. After a meta or SysEx event the spec says it is
      // cancelled, but real writers keep using it, and players keep the previous channel status.
      if (afterMetaOrSysex) warnings.add(W.runningStatusAfterMeta, 'running status used after a meta or SysEx event', pos);
      status = running;
    } else {
      warnings.add(W.dataWithoutStatus, `data byte 0x${status.toString(16)} with no status to run on; skipped`, pos);
      pos++;
      lastTick = tick;
      continue;
    }

    if (status < 0xf0) {
      const type = status & 0xf0;
      const needs = type === 0xc0 || type === 0xd0 ? 1 : 2;
      if (pos + needs > end) {
        warnings.add(W.truncatedEvent, 'channel message cut off by the end of the track', eventOffset);
        pos = end;
        break;
      }
      running = status;
      afterMetaOrSysex = false;
      let data1 = bytes[pos++];
      let data2 = 0;
      if (data1 > 0x7f) {
        warnings.add(W.dataByteHighBit, 'data byte with the high bit set; clipped to 127', pos - 1);
        data1 = 0x7f;
      }
      if (needs === 2) {
        data2 = bytes[pos++];
        if (data2 > 0x7f) {
          warnings.add(W.dataByteHighBit, 'data byte with the high bit set; clipped to 127', pos - 1);
          data2 = 0x7f;
        }
      }
      if (type !== 0x90 && type !== 0x80) {
        const row = eventCount;
        if (row === evTick.length) {
          growEventTable(events);
          ({ tick: evTick, status: evStatus, data1: evData1, data2: evData2 } = events);
        }
        evTick[row] = tick;
        evStatus[row] = status;
        evData1[row] = data1;
        evData2[row] = data2;
        eventCount = row + 1;
      } else {
        // Note events live in the note table only (the event table skips them: they are most of a file).
        // The fast path above pairs notes the same way, written out again: keep the two in step.
        const key = ((status & 0x0f) << 7) | data1;
        if (type === 0x90 && data2 > 0) {
          const n = noteCount;
          if (n === pitch.length) {
            growNoteTable(notes);
            ({ pitch, velocity, channel, track: noteTrack, startTick, endTick } = notes);
            if (nextInQueue.length < pitch.length) {
              // The scratch may be longer than this file's table (left by a larger file): copy what is used.
              const next = new Int32Array(pitch.length);
              next.set(nextInQueue.subarray(0, n));
              pairing.next = nextInQueue = next;
            }
          }
          pitch[n] = data1;
          velocity[n] = data2;
          channel[n] = status & 0x0f;
          noteTrack[n] = track;
          startTick[n] = tick;
          endTick[n] = -1;
          nextInQueue[n] = -1;
          sounding++;
          noteCount = n + 1;
          if (queueStamp[key] !== stamp || queueHead[key] < 0) {
            queueStamp[key] = stamp;
            queueHead[key] = n;
          } else {
            nextInQueue[queueTail[key]] = n;
          }
          queueTail[key] = n;
        } else if (queueStamp[key] === stamp) {
          const n = queueHead[key];
          if (n >= 0) {
            endTick[n] = tick;
            queueHead[key] = nextInQueue[n];
            sounding--;
          }
        }
      }
      lastTick = tick;
      continue;
    }

    if (status === 0xff || status === 0xf0 || status === 0xf7) {
      let type = 0;
      if (status === 0xff) {
        if (pos >= end) {
          warnings.add(W.truncatedEvent, 'meta event cut off by the end of the track', eventOffset);
          break;
        }
        type = bytes[pos++];
      }
      // Length: a variable-length quantity like the delta.
      let length = 0;
      let lengthBytes = 0;
      let more = true;
      while (more && pos < end) {
        const lb = bytes[pos++];
        length = length * 128 + (lb & 0x7f);
        more = (lb & 0x80) !== 0;
        lengthBytes++;
      }
      if (more) {
        warnings.add(W.truncatedEvent, 'event length cut off by the end of the track', eventOffset);
        pos = end;
        break;
      }
      if (lengthBytes > 4) warnings.add(W.vlqTooLong, `event length of ${lengthBytes} bytes (at most 4 allowed)`, eventOffset);
      if (length > end - pos) {
        warnings.add(W.truncatedEvent, `event of ${length} bytes cut off by the end of the track`, eventOffset);
        length = end - pos;
      }
      const payloadStart = pos;
      pos += length;
      afterMetaOrSysex = true;

      const row = eventCount;
      if (row === evTick.length) {
        growEventTable(events);
        ({ tick: evTick, status: evStatus, data1: evData1, data2: evData2 } = events);
      }
      evTick[row] = tick;
      evStatus[row] = status;
      evData1[row] = type;
      evData2[row] = 0;
      events.payloadStart[row] = payloadStart;
      events.payloadLength[row] = length;
      eventCount = row + 1;
      lastTick = tick;

      if (status === 0xff) {
        if (type === Meta.endOfTrack) {
          if (length !== 0) warnings.add(W.metaLength, `End-of-Track with length ${length} (should be 0)`, eventOffset);
          sawEndOfTrack = true;
          break;
        }
        if (type === Meta.tempo) readTempo(state, track, tick, payloadStart, length, eventOffset);
        else checkMetaLength(warnings, type, length, eventOffset);
      }
      continue;
    }

    if (status <= 0xf6) {
      // System-common messages belong on the wire, not in a file; skip their data bytes. They cancel
      // running status (MIDI 1.0, "Running Status").
      warnings.add(W.systemCommonInTrack, `system-common status 0x${status.toString(16)} inside a track; skipped`, eventOffset);
      let skip = systemCommonLength(status);
      while (skip > 0 && pos < end && bytes[pos] < 0x80) {
        pos++;
        skip--;
      }
      running = 0;
    } else {
      // 0xF8-0xFE: real-time bytes; they carry no data and leave running status alone.
      warnings.add(W.illegalStatus, `real-time status 0x${status.toString(16)} inside a track; skipped`, eventOffset);
    }
    lastTick = tick;
  }

  // Notes never turned off end where the track ends.
  events.count = eventCount;
  notes.count = noteCount;
  if (sounding > 0) {
    for (let n = firstNote; n < noteCount; n++) {
      if (endTick[n] < 0) endTick[n] = lastTick;
    }
  }
  trackResult.endTick = lastTick;
  trackResult.endOffset = pos;
  trackResult.sawEndOfTrack = sawEndOfTrack;
  return trackResult;
}

function readTempo(state: ReadState, track: number, tick: number, at: number, length: number, offset: number): void {
  const { bytes, warnings } = state;
  if (length < 3) {
    warnings.add(W.metaLength, `tempo event with ${length} data bytes (needs 3); ignored`, offset);
    return;
  }
  if (length > 3) warnings.add(W.metaLength, `tempo event with ${length} data bytes (should be 3); first 3 used`, offset);
  const micros = (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
  if (micros === 0) {
    warnings.add(W.tempoZero, 'tempo of 0 microseconds per quarter note; ignored', offset);
    return;
  }
  const row = state.tempoCount;
  if (row === state.tempoTick.length) {
    state.tempoTick = grow(state.tempoTick, row * 2);
    state.tempoMicros = grow(state.tempoMicros, row * 2);
    state.tempoTrack = grow(state.tempoTrack, row * 2);
  }
  state.tempoTick[row] = tick;
  state.tempoMicros[row] = micros;
  state.tempoTrack[row] = track;
  state.tempoCount = row + 1;
}

/** Canonical payload lengths of fixed-size meta events (SMF 1.0, "Meta-Events"). */
const FIXED_META_LENGTH: Record<number, number> = {
  [Meta.sequenceNumber]: 2,
  [Meta.channelPrefix]: 1,
  [Meta.port]: 1,
  [Meta.smpteOffset]: 5,
  [Meta.timeSignature]: 4,
  [Meta.keySignature]: 2,
};

function checkMetaLength(warnings: WarningLog, type: number, length: number, offset: number): void {
  const expected = FIXED_META_LENGTH[type];
  if (expected !== undefined && length !== expected && !(type === Meta.sequenceNumber && length === 0)) {
    warnings.add(W.metaLength, `meta event 0x${type.toString(16)} with length ${length} (should be ${expected})`, offset);
  }
}
