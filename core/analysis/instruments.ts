// Instruments that actually sound: distinct (channel, program) pairs over the notes, each note taking the
// program in force on its channel when it starts (program 0 before any program change, GM1 default).
// Notes on drum parts are listed separately with family "Drums" and the drum kit their program selects.
import type { MidiFile } from '../midi/types.ts';
import type { Instrument } from './types.ts';
import { DRUM_FAMILY, drumKitName, programFamily, programName } from './gm.ts';
import { timeEvents } from './timed-events.ts';

/**
 * @example instrumentsOf(file, order, drum)
 * // [{ channel: 1, program: 0, name: 'Acoustic Grand Piano', family: 'Piano' },
 * //  { channel: 10, program: 0, name: 'Standard Kit', family: 'Drums' }]
 */
export function instrumentsOf(file: MidiFile, order: Uint32Array, drum: Uint8Array): Instrument[] {
  const { notes, events } = file;
  const n = notes.count;
  const channel = notes.channel;
  // Seen (drum, channel, program) triples as bits: index = drum * 2048 + channel * 128 + program.
  const seen = new Uint8Array(2 * 16 * 128);
  const changes = programChanges(file);
  if (changes.count === 0) {
    for (let i = 0; i < n; i++) seen[(drum[i] << 11) | (channel[i] << 7)] = 1;
  } else {
    const program = new Uint8Array(16);
    const start = notes.startSeconds;
    const { rows, seconds, count: changeCount } = changes;
    const { status, data1 } = events;
    let next = 0;
    let nextTime = seconds[0];
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const t = start[i];
      while (nextTime <= t) {
        const row = rows[next++];
        program[status[row] & 0x0f] = data1[row];
        nextTime = next < changeCount ? seconds[next] : Infinity;
      }
      const ch = channel[i];
      seen[(drum[i] << 11) | (ch << 7) | program[ch]] = 1;
    }
  }
  const out: Instrument[] = [];
  for (let ch = 0; ch < 16; ch++) {
    for (let isDrum = 0; isDrum < 2; isDrum++) {
      for (let p = 0; p < 128; p++) {
        if (!seen[(isDrum << 11) | (ch << 7) | p]) continue;
        out.push(
          isDrum
            ? { channel: ch + 1, program: p, name: drumKitName(p), family: DRUM_FAMILY }
            : { channel: ch + 1, program: p, name: programName(p), family: programFamily(p) },
        );
      }
    }
  }
  return out;
}

function programChanges(file: MidiFile) {
  const { status, count } = file.events;
  const rows: number[] = [];
  for (let row = 0; row < count; row++) if ((status[row] & 0xf0) === 0xc0) rows.push(row);
  return timeEvents(file, rows);
}
