// Selected rows of the event table with their times in seconds, in time order across tracks: what the
// channel-state sweeps (drums, instruments) replay alongside the notes sorted by start.
import { segmentAt, ticksToSeconds } from '../midi/tempo-map.ts';
import type { MidiFile, TempoMap } from '../midi/types.ts';
import { notesByStart } from './note-order.ts';

export interface TimedEvents {
  count: number;
  /** Rows of `file.events`, sorted by time; equal times keep file order (track, then position in track). */
  rows: Uint32Array;
  seconds: Float64Array;
}

export const NO_EVENTS: TimedEvents = { count: 0, rows: new Uint32Array(0), seconds: new Float64Array(0) };

/** The tempo map that times track `track`: the merged one, or the track's own in format 2. */
export function mapOfTrack(file: MidiFile, track: number): TempoMap {
  return file.format === 2 ? file.tempoMaps[track] : file.tempoMaps[0];
}

/**
 * Times and sorts the given event rows (ascending row numbers, as collected by a scan of the table).
 * @example timeEvents(file, [3, 9]) // { count: 2, rows: [3, 9], seconds: [0, 1.5] }
 */
export function timeEvents(file: MidiFile, rows: number[]): TimedEvents {
  const count = rows.length;
  if (count === 0) return NO_EVENTS;
  const { trackStart, events } = file;
  const seconds = new Float64Array(count);
  let track = 0;
  for (let i = 0; i < count; i++) {
    const row = rows[i];
    while (trackStart[track + 1] <= row) track++;
    const map = mapOfTrack(file, track);
    const tick = events.tick[row];
    seconds[i] = ticksToSeconds(map, tick, segmentAt(map, tick));
  }
  // Each track's rows are already in time order, so the stable merge of those runs that sorts notes by
  // start (note-order.ts) sorts them too; a comparison sort through Array.from was most of this module's
  // time on files with a program change in every track.
  const order = notesByStart(seconds, count);
  const sortedRows = new Uint32Array(count);
  const sortedSeconds = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    sortedRows[k] = rows[order[k]];
    sortedSeconds[k] = seconds[order[k]];
  }
  return { count, rows: sortedRows, seconds: sortedSeconds };
}
