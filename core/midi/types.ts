// The parsed form of a MIDI file: compact struct-of-arrays tables, so that reading a file allocates a
// handful of typed arrays rather than an object per event (the design's 150 MB/s target depends on it).

/** A tolerated defect: where it was (byte offset into the input) and what was done about it. */
export interface MidiWarning {
  code: string;
  message: string;
  offset: number;
}

export interface SmpteDivision {
  /** Frames per second as written in the header: 24, 25, 29 (30 drop-frame, i.e. 29.97) or 30. */
  fps: number;
  ticksPerFrame: number;
}

/**
 * Every event of every track except note-on/off, in file order; track `t` owns rows `trackStart[t]` to
 * `trackStart[t + 1]`. Note-on/off events (most of a file) are kept paired in the NoteTable instead; the
 * writer turns notes back into note-on/off events (see events.ts).
 * - channel messages: `status` 0xA0..0xEF (channel in the low nibble), `data1`/`data2` the data bytes;
 * - meta events: `status` 0xFF, `data1` the meta type, payload at `bytes[payloadStart, +payloadLength)`;
 * - SysEx: `status` 0xF0 or 0xF7, payload likewise.
 */
export interface EventTable {
  count: number;
  tick: Float64Array;
  status: Uint8Array;
  data1: Uint8Array;
  data2: Uint8Array;
  payloadStart: Uint32Array;
  payloadLength: Uint32Array;
}

/**
 * Notes paired from note-on/off, in note-on order within each track, tracks one after another.
 * Seconds are filled from the tempo map (the merged one, or the track's own in format 2).
 */
export interface NoteTable {
  count: number;
  pitch: Uint8Array;
  velocity: Uint8Array;
  /** 0-15 */
  channel: Uint8Array;
  track: Uint32Array;
  startTick: Float64Array;
  endTick: Float64Array;
  startSeconds: Float64Array;
  endSeconds: Float64Array;
}

/** Tempo segments sorted by tick; segment i covers ticks [tick[i], tick[i + 1]). Always at least one. */
export interface TempoMap {
  count: number;
  tick: Float64Array;
  /** Seconds elapsed at `tick[i]`. */
  seconds: Float64Array;
  microsPerQuarter: Float64Array;
  /** Pulses per quarter note, or null for SMPTE timing where `secondsPerTick` is fixed. */
  ppq: number | null;
  secondsPerTick: number | null;
}

export interface MidiFile {
  /** The SMF bytes (inside the RIFF wrapper for RMID); payload offsets in `events` point into it. */
  bytes: Uint8Array;
  container: 'smf' | 'rmid';
  format: 0 | 1 | 2;
  /** Track count the header declares; `trackCount` is what was actually read. */
  declaredTrackCount: number;
  trackCount: number;
  ppq: number | null;
  smpte: SmpteDivision | null;
  events: EventTable;
  /** Length trackCount + 1. */
  trackStart: Uint32Array;
  /** Tick of each track's last event (End-of-Track included). */
  trackEndTick: Float64Array;
  notes: NoteTable;
  /** One merged map for formats 0 and 1; one per track for format 2 (tracks without tempo events share one: read-only). */
  tempoMaps: TempoMap[];
  warnings: MidiWarning[];
}

/** Meta event types (SMF 1.0, "Meta-Events"). */
export const Meta = {
  sequenceNumber: 0x00,
  text: 0x01,
  copyright: 0x02,
  trackName: 0x03,
  instrumentName: 0x04,
  lyric: 0x05,
  marker: 0x06,
  cuePoint: 0x07,
  programName: 0x08,
  deviceName: 0x09,
  channelPrefix: 0x20,
  port: 0x21,
  endOfTrack: 0x2f,
  tempo: 0x51,
  smpteOffset: 0x54,
  timeSignature: 0x58,
  keySignature: 0x59,
  sequencerSpecific: 0x7f,
} as const;
