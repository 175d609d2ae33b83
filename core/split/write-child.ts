// The bytes of one split child, encoded straight from the parent's tables. Byte for byte what
// writeMidi (core/midi/write.ts) makes of trackEvents' list (core/midi/events.ts) with the conductor
// events merged in (split.ts), without building an event object per note and per event on the way: in
// a bench run that path spent about as long making and collecting those objects as the child's own
// analysis spent reading it back.
import { noteRange } from '../midi/notes.ts';
import { NOTE_OFF_VELOCITY } from '../midi/events.ts';
import { divisionWord, SmfBytes } from '../midi/smf-bytes.ts';
import { isConductorRow } from './conductor.ts';
import type { MidiFile } from '../midi/types.ts';

/**
 * Track `track` of `file` as a format-0 file, its note-offs in the order `offs` gives (noteOffsOfTracks,
 * the order of trackEvents), with `conductor` (rows of `file.events`, in the order to
 * write them at equal ticks) merged in before the track's own events at the same tick, and the track's
 * own conductor events (isConductorRow) left out. Returns null when the events would not be in time order
 * (writeMidi sorts then; the caller takes that path), and throws OUTPUT_TOO_LARGE past `maxBytes`.
 */
export function writeChild(file: MidiFile, track: number, offs: ArrayLike<number>, conductor: ArrayLike<number>, maxBytes: number): Uint8Array | null {
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
  const out = new SmfBytes(Math.min(room, maxBytes), maxBytes);
  out.header(0, 1, divisionWord(file.ppq, file.smpte));
  out.beginTrack();

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
      if (statusOf[other] === 0xff && (data1Of[other] === 0x2f || isConductorRow(table, other))) continue;
      tableEvent(tick, other);
    }
    for (; on < last && startTick[on] === tick; on++) {
      out.channel(tick, 0x90 | channel[on], pitch[on], velocity[on]);
      if (endTick[on] === tick) out.channel(tick, 0x80 | channel[on], pitch[on], NOTE_OFF_VELOCITY);
    }
  }
  conductorUpTo(Infinity);
  if (!out.ordered) return null;
  out.endTrack(file.trackEndTick[track]);
  return out.result();
}
