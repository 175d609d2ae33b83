// The bounds every input must meet, stated per input byte plus a constant, and how the fuzzer measures
// them. Values are set from measured worst cases (see `npm run fuzz` output and docs/reliability.md) with
// headroom for a shared 2-core machine; the fuzzer fails any input that breaks one.
import type { MidiFile } from '../../core/midi/types.ts';

export const MB = 1024 * 1024;

/**
 * CPU time (this process: user + system) for read + analysis + split + reading every child back + the
 * fuzzer's checks. CPU rather than wall time: on a machine shared with other work (load 8 on 2 cores while
 * this was measured) wall time is mostly the neighbours'. The constant covers split's own constant (256
 * KiB of children may be written and read back for any input) and a cold JIT.
 */
export const TIME_BASE_MS = 250;
export const TIME_PER_MB_MS = 4000;

/**
 * Bytes of typed arrays a parsed file holds (event, note, tempo and track tables), checked for every input.
 * From the SMF grammar: a note takes at least 3 input bytes and 39 table bytes (23 in doubling columns), an
 * event 2 input bytes and 19 table bytes (doubling), so at most about 23 bytes per input byte.
 */
export const TABLE_BYTES_PER_INPUT_BYTE = 32;
export const TABLE_BYTES_BASE = 64 * 1024;

/**
 * Everything a parsed file keeps alive, JS objects included, measured with two full GCs (retained.ts) for
 * inputs of at least RETAINED_MIN_BYTES in `npm run fuzz` (the CI run has no GC to call).
 */
export const RETAINED_BYTES_PER_INPUT_BYTE = 48;
export const RETAINED_BYTES_BASE = 1024 * 1024;
export const RETAINED_MIN_BYTES = 256 * 1024;

/** What analysing a file leaves allocated after its result is dropped (module scratch), measured likewise. */
export const ANALYSIS_RETAINED_BYTES_PER_INPUT_BYTE = 16;
export const ANALYSIS_RETAINED_BYTES_BASE = 1024 * 1024;

/** Serialized analysis JSON: bounded by a constant (text, tracks and warnings are capped), not the input. */
export const JSON_MAX_CHARS = 1 * MB;

/** All split children together (split refuses past this with SPLIT_TOO_LARGE; restated here, not imported). */
export const SPLIT_BYTES_PER_INPUT_BYTE = 32;
export const SPLIT_BYTES_BASE = 256 * 1024;

export function timeLimitMs(inputLength: number): number {
  return TIME_BASE_MS + (TIME_PER_MB_MS * inputLength) / MB;
}

export function tableLimit(inputLength: number): number {
  return TABLE_BYTES_BASE + TABLE_BYTES_PER_INPUT_BYTE * inputLength;
}

export function retainedLimit(inputLength: number): number {
  return RETAINED_BYTES_BASE + RETAINED_BYTES_PER_INPUT_BYTE * inputLength;
}

export function analysisRetainedLimit(inputLength: number): number {
  return ANALYSIS_RETAINED_BYTES_BASE + ANALYSIS_RETAINED_BYTES_PER_INPUT_BYTE * inputLength;
}

export function splitLimit(inputLength: number): number {
  return SPLIT_BYTES_BASE + SPLIT_BYTES_PER_INPUT_BYTE * inputLength;
}

/** Backing-store bytes of every typed array reachable from the file's tables, each buffer counted once. */
export function tableBytes(file: MidiFile): number {
  const buffers = new Set<ArrayBufferLike>();
  const add = (...arrays: ArrayBufferView[]) => {
    for (const a of arrays) buffers.add(a.buffer);
  };
  const { events: e, notes: n } = file;
  add(e.tick, e.status, e.data1, e.data2, e.payloadStart, e.payloadLength);
  add(n.pitch, n.velocity, n.channel, n.track, n.startTick, n.endTick, n.startSeconds, n.endSeconds);
  add(file.trackStart, file.trackEndTick);
  for (const m of file.tempoMaps) add(m.tick, m.seconds, m.microsPerQuarter);
  buffers.delete(file.bytes.buffer); // the input itself is not a table
  let total = 0;
  for (const b of buffers) total += b.byteLength;
  return total;
}
