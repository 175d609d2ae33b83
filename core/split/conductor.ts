// The conductor events split carries into every child: tempo, time signature and key signature, wherever
// they are in the parent.
import { Meta, type EventTable, type MidiFile } from '../midi/types.ts';

const CONDUCTOR_META: ReadonlySet<number> = new Set([Meta.tempo, Meta.timeSignature, Meta.keySignature]);

/** A tempo, time-signature or key-signature event, e.g. `isConductorMeta(0xff, 0x51)` (a tempo) -> true. */
export function isConductorMeta(status: number, data1: number): boolean {
  return status === 0xff && CONDUCTOR_META.has(data1);
}

/** Whether row `row` of `table` is a conductor event. */
export function isConductorRow(table: EventTable, row: number): boolean {
  return isConductorMeta(table.status[row], table.data1[row]);
}

export interface ConductorEvents {
  /** Rows of `file.events`: every track's, by tick, equal ticks in track order, then file order. */
  rows: Uint32Array;
  /** Per track, in file order (which is time order within a track). */
  rowsOfTrack: Uint32Array[];
  /** Least bytes they take written (delta, FF, type, length, payload), in all and per track. */
  bytes: number;
  bytesOfTrack: Float64Array;
}

/**
 * Tempo, time-signature and key-signature events of all tracks; `merged` false leaves `rows` empty (format
 * 2, whose children carry only their own track's).
 */
export function conductorEvents(file: MidiFile, merged: boolean): ConductorEvents {
  const table = file.events;
  const rowsOfTrack: Uint32Array[] = [];
  const bytesOfTrack = new Float64Array(file.trackCount);
  const all: number[] = [];
  let total = 0;
  for (let t = 0; t < file.trackCount; t++) {
    const rows: number[] = [];
    for (let i = file.trackStart[t]; i < file.trackStart[t + 1]; i++) {
      if (!isConductorRow(table, i)) continue;
      rows.push(i);
      all.push(i);
      bytesOfTrack[t] += 4 + table.payloadLength[i];
    }
    rowsOfTrack.push(Uint32Array.from(rows));
    total += bytesOfTrack[t];
  }
  // Ascending row is track order, then file order: the tie-break at equal ticks.
  const rows = merged ? Uint32Array.from(all).sort((a, b) => table.tick[a] - table.tick[b] || a - b) : new Uint32Array(0);
  return { rows, rowsOfTrack, bytes: total, bytesOfTrack };
}
