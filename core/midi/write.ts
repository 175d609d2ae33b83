// The SMF writer: canonical bytes from event lists (running status for channel messages, 4-byte-at-most
// variable-length quantities, End-of-Track added). Used by split and by tests' round trips.
import type { WritableEvent } from './events.ts';
import { divisionWord, SmfBytes } from './smf-bytes.ts';
import type { SmpteDivision } from './types.ts';

export interface WritableTrack {
  /** Sorted by tick (a stable sort is applied if they are not). End-of-Track events are dropped. */
  events: WritableEvent[];
  /** Tick of the End-of-Track event; defaults to the last event's tick. */
  endTick?: number;
}

export interface WritableFile {
  format: 0 | 1 | 2;
  /** Ticks per quarter note, or null with `smpte` set. */
  ppq: number | null;
  smpte?: SmpteDivision | null;
  tracks: WritableTrack[];
}

export interface WriteOptions {
  /**
   * Refuse with OUTPUT_TOO_LARGE rather than write more bytes than this. Ticks are not bounded by the
   * input's size: a corrupt delta of 2^40 ticks (6 bytes read) takes 4,096 carrier events (28 KB) to write.
   */
  maxBytes?: number;
}

const NO_PAYLOAD = new Uint8Array(0);

function writeTrack(out: SmfBytes, track: WritableTrack): void {
  let events = track.events.filter((e) => !(e.status === 0xff && e.data1 === 0x2f));
  for (let i = 1; i < events.length; i++) {
    if (events[i].tick < events[i - 1].tick) {
      events = events.map((e, seq) => ({ e, seq })).sort((a, b) => a.e.tick - b.e.tick || a.seq - b.seq).map((x) => x.e);
      break;
    }
  }
  out.beginTrack();
  for (const e of events) {
    if (e.status < 0xf0) {
      out.channel(e.tick, e.status, e.data1, e.data2);
    } else {
      const payload = e.payload ?? NO_PAYLOAD;
      out.other(e.tick, e.status, e.data1, payload, 0, payload.length);
    }
  }
  out.endTrack(track.endTick ?? 0);
}

/**
 * Writes a Standard MIDI File.
 * @throws PipelineError OUTPUT_TOO_LARGE past `options.maxBytes`
 * @example writeMidi({ format: 0, ppq: 480, tracks: [{ events: [] }] }) // 26 bytes: header + empty track
 */
export function writeMidi(file: WritableFile, options: WriteOptions = {}): Uint8Array {
  const limit = options.maxBytes ?? Infinity;
  const out = new SmfBytes(Math.min(1024, limit), limit);
  out.header(file.format, file.tracks.length, divisionWord(file.ppq, file.smpte));
  for (const track of file.tracks) writeTrack(out, track);
  return out.result();
}
