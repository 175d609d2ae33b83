// Splits a multi-track file into one format-0 file per track that has notes. Each child carries the
// tempo, time-signature and key-signature events of every other track (the conductor track, usually),
// merged in time, so its notes sound at the same seconds as in the parent.
import { isPipelineError, PipelineError } from '../errors.ts';
import { noteOffsOfTracks, trackEvents, type WritableEvent } from '../midi/events.ts';
import { noteRange } from '../midi/notes.ts';
import type { MidiFile } from '../midi/types.ts';
import { writeMidi } from '../midi/write.ts';
import { conductorEvents, isConductorMeta } from './conductor.ts';
import { writeChild } from './write-child.ts';

export interface SplitChild {
  /** Index of the parent's track chunk this child was made from. */
  trackIndex: number;
  noteCount: number;
  bytes: Uint8Array;
}


export interface SplitOptions {
  /**
   * Refuse with SPLIT_TOO_LARGE rather than write more than this many bytes of children in all. Default:
   * SPLIT_BYTES_PER_INPUT_BYTE per byte of the parent plus SPLIT_BYTES_BASE. Every child carries every
   * other track's conductor events, so the output grows with tracks x conductor events: a 70 KB file of
   * 3,000 tracks with a tempo event each would otherwise ask for 63 MB. The corpus needs at most 6.1 bytes
   * per input byte (a corrupt file with 5-byte deltas), 1.7 at the 99th percentile; 32 leaves room for real
   * files with many tracks and a long conductor track (100 tracks x 3,000 tempo events is 21 per byte).
   */
  maxBytes?: number;
  /**
   * How children are encoded: 'tables' (default) straight from the reader's tables (write-child.ts);
   * 'events' through event lists and the general writer, the reference 'tables' is tested against.
   */
  writer?: 'tables' | 'events';
}

export const SPLIT_BYTES_PER_INPUT_BYTE = 32;
export const SPLIT_BYTES_BASE = 256 * 1024;

/**
 * Tracks with notes, or an empty list when the file has fewer than two tracks (nothing to split).
 * @throws PipelineError SPLIT_TOO_LARGE when the children would exceed `options.maxBytes`
 */
export function splitTracks(file: MidiFile, options: SplitOptions = {}): SplitChild[] {
  if (file.trackCount < 2) return [];
  const tracks = Array.from({ length: file.trackCount }, (_, t) => t);
  const withNotes = tracks.filter((t) => {
    const [first, last] = noteRange(file.notes, t);
    return last > first;
  });
  if (withNotes.length === 0) return [];

  const budget = options.maxBytes ?? SPLIT_BYTES_BASE + SPLIT_BYTES_PER_INPUT_BYTE * file.bytes.length;
  const conductor = conductorEvents(file, file.format !== 2);
  // Format 2 tracks are independent sequences with their own tempo: each child keeps only its own.
  const format2 = file.format === 2;
  if (!format2) {
    // Each child carries the conductor events of all other tracks, each at least its written size: when
    // that alone is over the budget, refuse now rather than after writing children up to it.
    let least = 0;
    for (const t of withNotes) least += conductor.bytes - conductor.bytesOfTrack[t];
    if (least > budget) throw tooLarge(file, budget);
  }
  let written = 0;

  const tables = options.writer !== 'events';
  const offs = tables ? noteOffsOfTracks(file.notes, file.trackCount) : null;
  return withNotes.map((t) => {
    const [first, last] = noteRange(file.notes, t);
    const rows = format2 ? conductor.rowsOfTrack[t] : conductor.rows;
    let bytes: Uint8Array | null = null;
    try {
      if (offs) bytes = writeChild(file, t, offs.offs.subarray(offs.at[t], offs.at[t + 1]), rows, budget - written);
    } catch (error) {
      // Only OUTPUT_TOO_LARGE comes out of writeChild; the event-list path below decides it for certain.
      if (!isPipelineError(error, 'OUTPUT_TOO_LARGE')) throw error;
    }
    bytes ??= writeFromEventList(file, t, conductorRowEvents(file, rows), budget, budget - written);
    written += bytes.length;
    return { trackIndex: t, noteCount: last - first, bytes };
  });
}

/**
 * The child through event objects and the general writer: what writeChild reproduces byte for byte, kept
 * for what writeChild leaves to it (events out of time order, which writeMidi sorts).
 */
function writeFromEventList(file: MidiFile, t: number, conductor: WritableEvent[], budget: number, maxBytes: number): Uint8Array {
  const own = trackEvents(file, t);
  const events = mergeConductor(own.events, conductor);
  try {
    return writeMidi({ format: 0, ppq: file.ppq, smpte: file.smpte, tracks: [{ events, endTick: own.endTick }] }, { maxBytes });
  } catch (error) {
    throw isPipelineError(error, 'OUTPUT_TOO_LARGE') ? tooLarge(file, budget, error) : error;
  }
}

function tooLarge(file: MidiFile, budget: number, cause?: unknown): PipelineError {
  return new PipelineError('SPLIT_TOO_LARGE', `splitting ${file.trackCount} tracks would write more than ${budget} bytes`, cause);
}

/**
 * A track's events (time order) with `conductor` (time order) merged in, in place of the track's own
 * conductor events (`conductor` holds those too). Conductor events come first at equal ticks, so a tempo
 * change applies to notes starting with it; among themselves they keep the order of the parent's merged
 * tempo map (reader: earlier tracks first at equal ticks, the last one wins). Linear: no sort per child.
 */
function mergeConductor(own: WritableEvent[], conductor: WritableEvent[]): WritableEvent[] {
  const out: WritableEvent[] = [];
  let c = 0;
  for (const e of own) {
    if (isConductorMeta(e.status, e.data1)) continue;
    while (c < conductor.length && conductor[c].tick <= e.tick) out.push(conductor[c++]);
    out.push(e);
  }
  while (c < conductor.length) out.push(conductor[c++]);
  return out;
}

/** Conductor rows as events for the general writer, made only on the path that needs them. */
function conductorRowEvents(file: MidiFile, rows: ArrayLike<number>): WritableEvent[] {
  const { events: table, bytes } = file;
  return Array.from(rows, (i) => {
    const start = table.payloadStart[i];
    return { tick: table.tick[i], status: 0xff, data1: table.data1[i], data2: 0, payload: bytes.subarray(start, start + table.payloadLength[i]) };
  });
}
