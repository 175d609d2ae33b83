// The tolerant SMF/RMID reader: bytes in, a MidiFile (with warnings) or a typed PipelineError out.
// Only input that is not MIDI at all is an error; every other defect is repaired and reported.
import { PipelineError } from '../errors.ts';
import { createReadState, readTrack, trimPairingScratch } from './read-track.ts';
import { createEventTable, createNoteTable, packEventTable, packNoteTable } from './tables.ts';
import { buildTempoMap, fillNoteSeconds } from './tempo-map.ts';
import type { MidiFile, SmpteDivision, TempoMap } from './types.ts';
import { WarningCode as W, WarningLog } from './warnings.ts';

export interface ReadOptions {
  /** Larger inputs are refused with FILE_TOO_LARGE before any parsing. Default 256 MiB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** How far into a file we look for "MThd" when it does not start there (e.g. a MacBinary prefix). */
const HEADER_SEARCH_LIMIT = 4096;

/**
 * Tables that reads fill and then copy out at their exact size (reads are synchronous, so one pair serves
 * all), kept for the next read up to KEEP_ROWS rows (about 2.7 MB) so that no file leaves memory in
 * proportion to its size behind. Allocating both tables per file at a capacity of one row per 8 input bytes
 * (zeroed, six columns each, about twice the rows used on the corpus) and growing them was 5% of a profile
 * of reader + analysis, and more in garbage collection.
 */
const KEEP_ROWS = 1 << 16;
const SCRATCH_ROWS = 4096;
let eventScratch = createEventTable(SCRATCH_ROWS);
let noteScratch = createNoteTable(SCRATCH_ROWS);

const MThd = 0x4d546864;
const MTrk = 0x4d54726b;
const RIFF = 0x52494646;
const RMID = 0x524d4944;
const DATA = 0x64617461;

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
}
function u32le(b: Uint8Array, at: number): number {
  return ((b[at + 3] << 24) >>> 0) + ((b[at + 2] << 16) | (b[at + 1] << 8) | b[at]);
}
function u16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}
function isChunkId(b: Uint8Array, at: number): boolean {
  for (let i = at; i < at + 4; i++) if (b[i] < 0x20 || b[i] > 0x7e) return false;
  return true;
}
function findTag(b: Uint8Array, tag: number, from: number, limit: number): number {
  const last = Math.min(b.length, limit) - 4;
  for (let i = from; i <= last; i++) if (b[i] === tag >>> 24 && u32(b, i) === tag) return i;
  return -1;
}

/** Unwraps RIFF RMID: the SMF is the payload of its "data" chunk. */
function unwrapRmid(input: Uint8Array, warnings: WarningLog): { smf: Uint8Array; base: number } {
  const declared = u32le(input, 4) + 8;
  if (declared !== input.length) warnings.add(W.riffSize, `RIFF size says ${declared} bytes, file has ${input.length}`, 4);
  let at = 12;
  while (at + 8 <= input.length) {
    const size = u32le(input, at + 4);
    if (u32(input, at) === DATA) {
      const start = at + 8;
      let end = start + size;
      if (end > input.length) {
        warnings.add(W.chunkPastEof, `RMID data chunk runs ${end - input.length} bytes past the end of the file`, at);
        end = input.length;
      }
      return { smf: input.subarray(start, end), base: start };
    }
    at += 8 + size + (size & 1); // RIFF chunks are padded to even sizes
  }
  throw new PipelineError('MIDI_NOT_SMF', 'RIFF file without a MIDI "data" chunk');
}

/**
 * Reads a Standard MIDI File or RIFF RMID.
 * @example readMidi(bytes).notes.count // 1234
 * @throws PipelineError MIDI_EMPTY | MIDI_NOT_SMF | MIDI_BAD_HEADER | MIDI_NO_TRACKS | FILE_TOO_LARGE
 */
export function readMidi(input: Uint8Array, options: ReadOptions = {}): MidiFile {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // Node Buffers and other Uint8Array subclasses would make the hot loop's element access polymorphic.
  if (input.constructor !== Uint8Array) input = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input.length === 0) throw new PipelineError('MIDI_EMPTY', 'file is empty');
  if (input.length > maxBytes) throw new PipelineError('FILE_TOO_LARGE', `file of ${input.length} bytes is over the limit of ${maxBytes}`);

  let container: 'smf' | 'rmid' = 'smf';
  let bytes = input;
  let base = 0;
  const outer = new WarningLog(0);
  if (input.length >= 12 && u32(input, 0) === RIFF && u32(input, 8) === RMID) {
    container = 'rmid';
    ({ smf: bytes, base } = unwrapRmid(input, outer));
  }

  let headerAt = bytes.length >= 4 && u32(bytes, 0) === MThd ? 0 : findTag(bytes, MThd, 1, HEADER_SEARCH_LIMIT);
  if (headerAt < 0) throw new PipelineError('MIDI_NOT_SMF', container === 'rmid' ? 'RMID data chunk holds no MIDI header' : 'no MIDI header ("MThd") found');
  const warnings = new WarningLog(base);
  for (const w of outer.list()) warnings.add(w.code, w.message, w.offset - base);
  if (headerAt > 0) warnings.add(W.leadingGarbage, `${headerAt} bytes before the MIDI header`, 0);

  if (bytes.length < headerAt + 14) throw new PipelineError('MIDI_BAD_HEADER', 'file ends inside the MIDI header');
  const headerLength = u32(bytes, headerAt + 4);
  if (headerLength < 6) throw new PipelineError('MIDI_BAD_HEADER', `header length ${headerLength} is too short (needs 6)`);
  if (headerLength !== 6) warnings.add(W.headerLength, `header length ${headerLength} (should be 6); extra bytes skipped`, headerAt + 4);
  let format = u16(bytes, headerAt + 8);
  const declaredTrackCount = u16(bytes, headerAt + 10);
  const division = u16(bytes, headerAt + 12);

  if (format > 2) {
    warnings.add(W.unknownFormat, `format ${format} is not 0, 1 or 2; read as format 1`, headerAt + 8);
    format = 1;
  }
  let ppq: number | null = null;
  let smpte: SmpteDivision | null = null;
  if (division & 0x8000) {
    const fps = 256 - (division >> 8); // the high byte is a negative two's-complement frame rate
    const ticksPerFrame = division & 0xff;
    if (ticksPerFrame === 0) throw new PipelineError('MIDI_BAD_HEADER', 'SMPTE division with 0 ticks per frame');
    smpte = { fps, ticksPerFrame };
    const known = fps === 24 || fps === 25 || fps === 29 || fps === 30;
    warnings.add(W.smpteDivision, `SMPTE division: ${fps} frames/s${known ? '' : ' (not a standard rate)'}, ${ticksPerFrame} ticks per frame`, headerAt + 12);
  } else {
    if (division === 0) throw new PipelineError('MIDI_BAD_HEADER', 'division of 0 ticks per quarter note');
    ppq = division;
  }

  // Rows go into reused tables while the file is small, else into tables sized from the input (about one
  // note per 8 bytes on the corpus; other events are fewer); both double when a file is denser. The result
  // gets exact copies (packEventTable, packNoteTable).
  const estimate = bytes.length >> 3;
  const small = estimate <= KEEP_ROWS;
  const events = small ? eventScratch : createEventTable(estimate);
  const notes = small ? noteScratch : createNoteTable(estimate);
  events.count = 0;
  notes.count = 0;
  const state = createReadState(bytes, events, notes, warnings);
  const trackStarts: number[] = [];
  const trackEnds: number[] = [];

  let pos = Math.min(bytes.length, headerAt + 8 + headerLength);
  while (pos < bytes.length) {
    if (bytes.length - pos < 8) {
      warnings.add(W.trailingBytes, `${bytes.length - pos} bytes after the last chunk`, pos);
      break;
    }
    if (!isChunkId(bytes, pos)) {
      // Misaligned, usually after a wrong chunk length: resynchronise on the next track header, but only
      // while declared tracks are missing. Past them, junk is trailing data: corpus files such as
      // its_halo.mid hold a second copy of the whole song after kilobytes of zeros.
      const missing = declaredTrackCount === 0 || trackStarts.length < declaredTrackCount;
      const next = missing ? findTag(bytes, MTrk, pos + 1, bytes.length) : -1;
      if (next < 0) {
        warnings.add(W.trailingBytes, `${bytes.length - pos} bytes of data that are not a chunk`, pos);
        break;
      }
      warnings.add(W.garbageBetweenChunks, `${next - pos} bytes between chunks skipped`, pos);
      pos = next;
    }
    const id = u32(bytes, pos);
    const length = u32(bytes, pos + 4);
    const start = pos + 8;
    let end = start + length;
    if (end > bytes.length) {
      warnings.add(W.chunkPastEof, `chunk length runs ${end - bytes.length} bytes past the end of the file`, pos + 4);
      end = bytes.length;
    }
    if (id !== MTrk) {
      const name = String.fromCharCode(bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]);
      warnings.add(W.alienChunk, `chunk "${name}" of ${length} bytes skipped`, pos);
      pos = end;
      continue;
    }
    const track = trackStarts.length;
    trackStarts.push(events.count);
    const result = readTrack(state, track, start, end);
    trackEnds.push(result.endTick);
    if (!result.sawEndOfTrack) {
      warnings.add(W.missingEndOfTrack, `track ${track} has no End-of-Track event`, end);
      pos = end;
    } else if (result.endOffset < end) {
      // End-of-Track before the chunk's declared end. When a track header follows right there, the length
      // was wrong; otherwise the rest of the chunk is padding or stray data, ignored as players do.
      if (end - result.endOffset >= 8 && u32(bytes, result.endOffset) === MTrk) {
        warnings.add(W.dataAfterEndOfTrack, `track ${track}'s chunk length overshoots the next track header; resynchronised`, pos + 4);
        pos = result.endOffset;
      } else {
        warnings.add(W.dataAfterEndOfTrack, `${end - result.endOffset} bytes after End-of-Track in track ${track} ignored`, result.endOffset);
        pos = end;
      }
    } else {
      pos = end;
    }
  }

  trimPairingScratch(KEEP_ROWS); // readTrack never throws, so every read passes here
  const trackCount = trackStarts.length;
  if (trackCount === 0) throw new PipelineError('MIDI_NO_TRACKS', 'no track chunks ("MTrk") in the file');
  if (declaredTrackCount === 0) warnings.add(W.zeroTrackHeader, `header declares 0 tracks but ${trackCount} follow`, headerAt + 10);
  else if (declaredTrackCount !== trackCount) warnings.add(W.trackCountMismatch, `header declares ${declaredTrackCount} tracks, file has ${trackCount}`, headerAt + 10);
  if (format === 0 && trackCount > 1) warnings.add(W.format0Tracks, `format 0 file with ${trackCount} tracks; tracks read as format 1`, headerAt + 8);

  const trackStart = new Uint32Array(trackCount + 1);
  trackStart.set(trackStarts);
  trackStart[trackCount] = events.count;
  const trackEndTick = new Float64Array(trackEnds); // the constructor copies an array of numbers directly; .from iterates

  const tempoCount = state.tempoCount;
  const tempoMaps = buildTempoMaps(
    state.tempoTick.subarray(0, tempoCount),
    state.tempoMicros.subarray(0, tempoCount),
    state.tempoTrack.subarray(0, tempoCount),
    format as 0 | 1 | 2,
    trackCount,
    ppq,
    smpte,
  );
  const packedEvents = packEventTable(events);
  const packedNotes = packNoteTable(notes);
  fillNoteSeconds(packedNotes, tempoMaps, format === 2);
  // A dense small file may have grown the reused tables past KEEP_ROWS: keep KEEP_ROWS for the next (not
  // fewer: the corpus's dense files then made every later read grow them again).
  if (small && events.tick.length > KEEP_ROWS) eventScratch = createEventTable(KEEP_ROWS);
  if (small && notes.pitch.length > KEEP_ROWS) noteScratch = createNoteTable(KEEP_ROWS);

  return {
    bytes,
    container,
    format: format as 0 | 1 | 2,
    declaredTrackCount,
    trackCount,
    ppq,
    smpte,
    events: packedEvents,
    trackStart,
    trackEndTick,
    notes: packedNotes,
    tempoMaps,
    warnings: warnings.list(),
  };
}

/** One map merged from all tracks for formats 0 and 1; one per track for format 2 (independent sequences). */
function buildTempoMaps(ticks: Float64Array, micros: Float64Array, tracks: Uint32Array, format: 0 | 1 | 2, trackCount: number, ppq: number | null, smpte: SmpteDivision | null): TempoMap[] {
  if (format !== 2) {
    // Collected track by track; a stable sort by tick merges them with earlier tracks first at equal ticks.
    let sorted = true;
    for (let i = 1; i < ticks.length; i++) if (ticks[i] < ticks[i - 1]) sorted = false;
    if (sorted) return [buildTempoMap(ticks, micros, ppq, smpte)];
    const order = Array.from(ticks, (_, i) => i).sort((a, b) => ticks[a] - ticks[b] || a - b);
    return [buildTempoMap(order.map((i) => ticks[i]), order.map((i) => micros[i]), ppq, smpte)];
  }
  // Tempo rows are in track order, so each track's rows are one contiguous run. Tracks without tempo
  // events share one default map: a map is an object and three typed arrays (about 700 bytes), so one per
  // empty 8-byte track chunk made memory 89 bytes per input byte (found by npm run fuzz).
  const maps: TempoMap[] = new Array(trackCount);
  let noTempo: TempoMap | undefined;
  let row = 0;
  for (let t = 0; t < trackCount; t++) {
    const first = row;
    while (row < tracks.length && tracks[row] === t) row++;
    maps[t] = row > first ? buildTempoMap(ticks.subarray(first, row), micros.subarray(first, row), ppq, smpte) : (noTempo ??= buildTempoMap([], [], ppq, smpte));
  }
  return maps;
}
