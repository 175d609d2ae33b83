// Tracks as plain event lists, for writing: the reader's tables (other events + paired notes) turned back
// into one time-ordered list of note-on/off and other events per track.
import { noteRange } from './notes.ts';
import type { MidiFile } from './types.ts';

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
 * Order at equal ticks, chosen so that reading the written file pairs the same notes again:
 * note-offs, then other events in file order (program changes before the notes they affect),
 * then note-ons (a zero-length note's off right after its on).
 */
const RANK_NOTE_OFF = 0;
const RANK_OTHER = 1;
const RANK_NOTE_ON = 2;

interface Sortable {
  event: WritableEvent;
  rank: number;
  seq: number;
}

/** Events of track `track`, End-of-Track excluded (the writer adds it), sorted for writing. */
export function trackEvents(file: MidiFile, track: number): { events: WritableEvent[]; endTick: number } {
  const { events: table, notes, bytes } = file;
  const rows: Sortable[] = [];
  let seq = 0;
  for (let i = file.trackStart[track]; i < file.trackStart[track + 1]; i++) {
    const status = table.status[i];
    if (status === 0xff && table.data1[i] === 0x2f) continue;
    const event: WritableEvent = { tick: table.tick[i], status, data1: table.data1[i], data2: table.data2[i] };
    if (status >= 0xf0) {
      const start = table.payloadStart[i];
      event.payload = bytes.subarray(start, start + table.payloadLength[i]);
    }
    rows.push({ event, rank: RANK_OTHER, seq: seq++ });
  }
  const [first, last] = noteRange(notes, track);
  for (let n = first; n < last; n++) {
    const channel = notes.channel[n];
    const on: WritableEvent = { tick: notes.startTick[n], status: 0x90 | channel, data1: notes.pitch[n], data2: notes.velocity[n] };
    const off: WritableEvent = { tick: notes.endTick[n], status: 0x80 | channel, data1: notes.pitch[n], data2: NOTE_OFF_VELOCITY };
    const onSeq = seq++;
    rows.push({ event: on, rank: RANK_NOTE_ON, seq: onSeq });
    if (off.tick === on.tick) rows.push({ event: off, rank: RANK_NOTE_ON, seq: onSeq + 0.5 });
    else rows.push({ event: off, rank: RANK_NOTE_OFF, seq: seq++ });
  }
  rows.sort((a, b) => a.event.tick - b.event.tick || a.rank - b.rank || a.seq - b.seq);
  return { events: rows.map((r) => r.event), endTick: file.trackEndTick[track] };
}
