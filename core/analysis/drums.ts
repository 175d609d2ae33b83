// Which notes sound on a drum part. MIDI channel 10 (index 9) is the drum channel by default
// (GM1, "General MIDI System Level 1", percussion on channel 10); files can move drum parts:
// - Roland GS "USE FOR RHYTHM PART": F0 41 dev 42 12 40 1x 15 vv sum F7 sets part x's drum map;
//   vv = 0 is a normal (melodic) part, 1 or 2 a drum map. Part nibble x: 0 is part 10, 1-9 parts 1-9,
//   A-F parts 11-16; part n listens on channel n by default (Roland SC-55 manual, "Parameter Address Map",
//   and https://www.midi.org/forum-old/11801-example-midis-with-xg-gs-drums). Checksums are not verified:
//   a wrong checksum is a writer's bug, and tolerating it matches what the file's author intended.
// - GM2 bank select MSB (CC 0): 120 selects a rhythm bank, 121 a melodic bank, on any channel
//   (MMA RP-024, General MIDI 2, "Bank Select"). A channel made drums by MSB 120 turns melodic again at any
//   other MSB; channel 10 leaves its default drums only at MSB 121 (GM1 files send MSB 0 there routinely).
//   XG's MSB 126/127 are not read as drums: MSB 127 is also the MT-32 bank of GS synths (melodic).
// - GM System On / GM2 System On / GS Reset / XG System On restore the default (only channel 10 drums).
// Changes apply in time order, to notes starting at or after them (events at a note's tick come first).
import type { MidiFile } from '../midi/types.ts';
import { eventRows } from './event-rows.ts';
import { NO_EVENTS, timeEvents, type TimedEvents } from './timed-events.ts';

const DRUM_CHANNEL = 9;
/** Pseudo-channel of events that reset every channel to the default. */
const ALL_CHANNELS = 16;

const MELODIC = 0;
const DRUMS = 1;
/** Drums selected by GM2 bank MSB 120: the next other bank MSB undoes it. */
const DRUMS_BY_BANK = 2;

/**
 * Per note (table order) 1 when it sounds on a drum part, else 0.
 * @example drumMask(file, order) // Uint8Array [0, 0, 1, ...]
 * @param order note indexes sorted by start time (see note-order.ts)
 * @param candidates rows of bank selects and SysEx (event-rows.ts), when the caller has them
 */
export function drumMask(file: MidiFile, order: Uint32Array, candidates: number[] = eventRows(file).drumCandidates): Uint8Array {
  const { notes } = file;
  const n = notes.count;
  const mask = new Uint8Array(n);
  const channel = notes.channel;
  const changes = drumChanges(file, candidates);
  if (changes.count === 0) {
    for (let i = 0; i < n; i++) mask[i] = channel[i] === DRUM_CHANNEL ? 1 : 0;
    return mask;
  }
  const state = defaultState();
  const start = notes.startSeconds;
  const { rows, seconds, count: changeCount } = changes;
  let next = 0;
  let nextTime = seconds[0];
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const t = start[i];
    while (nextTime <= t) {
      apply(state, file, rows[next++]);
      nextTime = next < changeCount ? seconds[next] : Infinity;
    }
    mask[i] = state[channel[i]] === MELODIC ? 0 : 1;
  }
  return mask;
}

function defaultState(): Uint8Array {
  const state = new Uint8Array(16);
  state[DRUM_CHANNEL] = DRUMS;
  return state;
}

/**
 * The rows that can change a channel's drum state, timed and sorted; none (the fast path) when the file
 * has no GM2 rhythm/melody bank select and no GS rhythm-part SysEx, whatever resets it sends.
 */
function drumChanges(file: MidiFile, candidates: number[]): TimedEvents {
  const { events, bytes } = file;
  const { status, data2 } = events;
  const rows: number[] = [];
  let effective = false;
  for (const row of candidates) {
    const s = status[row];
    if ((s & 0xf0) === 0xb0) {
      const msb = data2[row];
      if (msb === 120 || msb === 121) effective = true;
      else if ((s & 0x0f) === DRUM_CHANNEL) continue; // other MSBs never change channel 10
      rows.push(row);
    } else if (s === 0xf0 || s === 0xf7) {
      const target = sysexTarget(bytes, events.payloadStart[row], events.payloadLength[row]);
      if (target < 0) continue;
      if (target !== ALL_CHANNELS) effective = true;
      rows.push(row);
    }
  }
  return effective ? timeEvents(file, rows) : NO_EVENTS;
}

function apply(state: Uint8Array, file: MidiFile, row: number): void {
  const { events, bytes } = file;
  const status = events.status[row];
  if (status < 0xf0) {
    const ch = status & 0x0f;
    const msb = events.data2[row];
    if (msb === 120) state[ch] = DRUMS_BY_BANK;
    else if (msb === 121) state[ch] = MELODIC;
    else if (state[ch] === DRUMS_BY_BANK) state[ch] = MELODIC;
    return;
  }
  const at = events.payloadStart[row];
  const length = events.payloadLength[row];
  const target = sysexTarget(bytes, at, length);
  if (target === ALL_CHANNELS) {
    state.set(defaultState());
  } else if (target >= 0) {
    const p = at + (bytes[at] === 0xf0 ? 1 : 0);
    state[target] = bytes[p + 7] === 0 ? MELODIC : DRUMS;
  }
}

/**
 * What a SysEx payload (the bytes after F0; an F7 "escape" whose payload starts with F0 is read the same way)
 * does to drum parts: the channel whose rhythm mode it sets, ALL_CHANNELS for a reset, or -1 for nothing.
 */
export function sysexTarget(bytes: Uint8Array, at: number, length: number): number {
  if (length > 0 && bytes[at] === 0xf0) {
    at++;
    length--;
  }
  if (length < 4) return -1;
  const maker = bytes[at];
  if (maker === 0x7e) {
    // Universal non-real-time, sub-ID 09 "General MIDI": 01 GM1 on, 02 GM off, 03 GM2 on (MIDI 1.0 spec).
    return bytes[at + 2] === 0x09 && bytes[at + 3] >= 1 && bytes[at + 3] <= 3 ? ALL_CHANNELS : -1;
  }
  if (maker === 0x41 && length >= 8 && bytes[at + 2] === 0x42 && bytes[at + 3] === 0x12 && bytes[at + 4] === 0x40) {
    const a2 = bytes[at + 5];
    const a3 = bytes[at + 6];
    if (a2 === 0x00 && a3 === 0x7f) return ALL_CHANNELS; // GS Reset: 40 00 7F 00
    if ((a2 & 0xf0) === 0x10 && a3 === 0x15) {
      const part = a2 & 0x0f;
      return part === 0 ? 9 : part <= 9 ? part - 1 : part;
    }
    return -1;
  }
  if (maker === 0x43 && length >= 7 && (bytes[at + 1] & 0xf0) === 0x10 && bytes[at + 2] === 0x4c) {
    // XG System On: 43 1n 4C 00 00 7E 00 (Yamaha XG specification, "XG System On").
    return bytes[at + 3] === 0 && bytes[at + 4] === 0 && bytes[at + 5] === 0x7e ? ALL_CHANNELS : -1;
  }
  return -1;
}
