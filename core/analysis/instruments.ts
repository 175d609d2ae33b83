// Instruments that actually sound: distinct (channel, program) pairs over the notes, each note taking the
// program in force on its channel when it starts (program 0 before any program change, GM1 default).
// Notes on drum parts are listed separately with family "Drums" and the drum kit their program selects.
// Most channels get one program for the whole file, often set again and again: for those the first change's
// time and the part's first and last note start decide the pairs; these are found by scanning the notes in
// start order from both ends until every part is seen, usually a few notes. Only channels whose program
// really changes are swept note by note, in start order.
import type { MidiFile } from '../midi/types.ts';
import type { Instrument } from './types.ts';
import { DRUM_FAMILY, drumKitName, programFamily, programName } from './gm.ts';
import type { NoteFacts } from './note-facts.ts';
import { timeEvents } from './timed-events.ts';

/**
 * @param byStart note indexes sorted by start (note-order.ts)
 * @param drum per-note drum mask (drums.ts)
 * @example instrumentsOf(file, byStart, drum, facts)
 * // [{ channel: 1, program: 0, name: 'Acoustic Grand Piano', family: 'Piano' },
 * //  { channel: 10, program: 0, name: 'Standard Kit', family: 'Drums' }]
 */
export function instrumentsOf(file: MidiFile, byStart: Uint32Array, drum: Uint8Array, facts: NoteFacts): Instrument[] {
  const { events } = file;
  const changes = programChanges(file);
  // Per channel: time of the first program change, its program, and whether a different one follows.
  const firstTime = new Float64Array(16).fill(Infinity);
  const firstProgram = new Uint8Array(16);
  let sweepChannels = 0;
  for (let k = 0; k < changes.count; k++) {
    const row = changes.rows[k];
    const ch = events.status[row] & 0x0f;
    if (firstTime[ch] === Infinity) {
      firstTime[ch] = changes.seconds[k];
      firstProgram[ch] = events.data1[row];
    } else if (events.data1[row] !== firstProgram[ch]) {
      sweepChannels |= 1 << ch;
    }
  }
  // Seen (drum, channel, program) triples: index = drum * 2048 + channel * 128 + program.
  const seen = new Uint8Array(2 * 16 * 128);
  const { firstStart, lastStart } = partStarts(file, byStart, drum, facts.partMask);
  for (let part = 0; part < 32; part++) {
    const ch = part & 15;
    if (!(facts.partMask & (1 << part)) || sweepChannels & (1 << ch)) continue;
    const base = ((part >> 4) << 11) | (ch << 7);
    if (firstStart[part] < firstTime[ch]) seen[base] = 1; // notes before the first change: program 0
    if (lastStart[part] >= firstTime[ch]) seen[base | firstProgram[ch]] = 1;
  }
  if (sweepChannels !== 0) sweep(file, byStart, drum, changes, sweepChannels, seen);
  return listInstruments(seen);
}

/** Each part's (drum * 16 + channel) first and last note start in seconds, for the parts in `parts`. */
function partStarts(file: MidiFile, byStart: Uint32Array, drum: Uint8Array, parts: number) {
  const { channel, startSeconds, count } = file.notes;
  const firstStart = new Float64Array(32);
  const lastStart = new Float64Array(32);
  let missing = parts;
  for (let k = 0; k < count && missing !== 0; k++) {
    const i = byStart[k];
    const part = (drum[i] << 4) | channel[i];
    if (missing & (1 << part)) {
      firstStart[part] = startSeconds[i];
      missing &= ~(1 << part);
    }
  }
  missing = parts;
  for (let k = count - 1; k >= 0 && missing !== 0; k--) {
    const i = byStart[k];
    const part = (drum[i] << 4) | channel[i];
    if (missing & (1 << part)) {
      lastStart[part] = startSeconds[i];
      missing &= ~(1 << part);
    }
  }
  return { firstStart, lastStart };
}

/** Replays program changes against the notes of `channels` (a bit mask) in start order. */
function sweep(file: MidiFile, byStart: Uint32Array, drum: Uint8Array, changes: ReturnType<typeof timeEvents>, channels: number, seen: Uint8Array): void {
  const { status, data1 } = file.events;
  const { channel, startSeconds, count } = file.notes;
  const { rows, seconds, count: changeCount } = changes;
  const program = new Uint8Array(16);
  let next = 0;
  let nextTime = changeCount > 0 ? seconds[0] : Infinity;
  for (let k = 0; k < count; k++) {
    const i = byStart[k];
    const ch = channel[i];
    if (!(channels & (1 << ch))) continue;
    const t = startSeconds[i];
    while (nextTime <= t) {
      const row = rows[next++];
      program[status[row] & 0x0f] = data1[row];
      nextTime = next < changeCount ? seconds[next] : Infinity;
    }
    seen[(drum[i] << 11) | (ch << 7) | program[ch]] = 1;
  }
}

function listInstruments(seen: Uint8Array): Instrument[] {
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
