// Where the structures of an SMF sit in a byte array: chunk headers, delta times, meta/SysEx lengths and
// status bytes. The structure-aware mutations aim at these. Written from SMF 1.0 directly and kept
// independent of core/midi (the code under test), and tolerant: on anything it cannot follow it stops
// and returns what it found so far.

export interface ChunkSpan {
  /** Offset of the 4-byte id. */
  at: number;
  id: string;
  /** Declared body length (the u32 at `at + 4`). */
  declared: number;
  /** Body end, clamped to the input. */
  end: number;
}

export type VlqKind = 'delta' | 'meta-length' | 'sysex-length';

export interface VlqSpan {
  at: number;
  /** Bytes the quantity occupies. */
  length: number;
  kind: VlqKind;
}

export interface Layout {
  /** Offset of "MThd", or -1. */
  header: number;
  chunks: ChunkSpan[];
  vlqs: VlqSpan[];
  /** Offsets of explicit status bytes (running status has none). */
  statuses: number[];
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
}

function isPrintableId(b: Uint8Array, at: number): boolean {
  for (let i = at; i < at + 4; i++) if (b[i] < 0x20 || b[i] > 0x7e) return false;
  return true;
}

export function indexOfTag(b: Uint8Array, tag: string, from = 0): number {
  const c0 = tag.charCodeAt(0);
  for (let i = from; i + 4 <= b.length; i++) {
    if (b[i] === c0 && b[i + 1] === tag.charCodeAt(1) && b[i + 2] === tag.charCodeAt(2) && b[i + 3] === tag.charCodeAt(3)) return i;
  }
  return -1;
}

/** Chunks from the "MThd" on, following declared lengths; after a non-chunk it skips to the next "MTrk". */
export function chunksOf(b: Uint8Array): { header: number; chunks: ChunkSpan[] } {
  const header = indexOfTag(b, 'MThd');
  const chunks: ChunkSpan[] = [];
  let pos = header;
  while (pos >= 0 && pos + 8 <= b.length) {
    if (!isPrintableId(b, pos)) {
      pos = indexOfTag(b, 'MTrk', pos + 1);
      continue;
    }
    const declared = u32(b, pos + 4);
    const end = Math.min(b.length, pos + 8 + declared);
    chunks.push({ at: pos, id: String.fromCharCode(b[pos], b[pos + 1], b[pos + 2], b[pos + 3]), declared, end });
    pos = end;
  }
  return { header, chunks };
}

/** Length in bytes of a variable-length quantity at `at` (up to `end`), or -1 when it is unterminated. */
function vlqLength(b: Uint8Array, at: number, end: number): number {
  for (let i = at; i < end; i++) if ((b[i] & 0x80) === 0) return i - at + 1;
  return -1;
}

function readVlq(b: Uint8Array, at: number, length: number): number {
  let v = 0;
  for (let i = at; i < at + length; i++) v = v * 128 + (b[i] & 0x7f);
  return v;
}

/** Walks the events of one track body, recording quantities and status bytes; stops at the first puzzle. */
function scanTrack(b: Uint8Array, start: number, end: number, out: Layout): void {
  let pos = start;
  let running = 0;
  while (pos < end) {
    const deltaLength = vlqLength(b, pos, end);
    if (deltaLength < 0) return;
    out.vlqs.push({ at: pos, length: deltaLength, kind: 'delta' });
    pos += deltaLength;
    if (pos >= end) return;
    let status = b[pos];
    if (status >= 0x80) {
      out.statuses.push(pos);
      pos++;
    } else if (running) {
      status = running;
    } else {
      return;
    }
    if (status < 0xf0) {
      running = status;
      pos += (status & 0xe0) === 0xc0 ? 1 : 2; // Cx and Dx carry one data byte
      continue;
    }
    if (status === 0xff) pos++; // meta type
    else if (status !== 0xf0 && status !== 0xf7) return;
    const length = vlqLength(b, pos, end);
    if (length < 0) return;
    out.vlqs.push({ at: pos, length, kind: status === 0xff ? 'meta-length' : 'sysex-length' });
    const payload = readVlq(b, pos, length);
    if (status === 0xff && b[pos - 1] === 0x2f) return; // End-of-Track
    pos += length + payload;
  }
}

/** The full layout; `maxEvents` bounds the scan so that mutating a large file stays cheap. */
export function layoutOf(b: Uint8Array, maxEvents = 200_000): Layout {
  const { header, chunks } = chunksOf(b);
  const out: Layout = { header, chunks, vlqs: [], statuses: [] };
  for (const c of chunks) {
    if (c.id !== 'MTrk') continue;
    scanTrack(b, c.at + 8, c.end, out);
    if (out.vlqs.length > maxEvents) break;
  }
  return out;
}
