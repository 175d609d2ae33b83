// The mutation operators. Each takes an input (never modified) and returns a new one. Blind operators
// (bit flips, insertions, deletions, truncation, splicing) find what nobody thought of; structure-aware
// ones (smf-layout.ts) reach past the header checks into chunk lengths, delta times, meta lengths and
// status bytes, where a reader's loops and allocations are.
import type { Random } from './random.ts';
import { chunksOf, layoutOf, type VlqSpan } from './smf-layout.ts';

export interface MutationContext {
  r: Random;
  /** Another base input, for splicing. */
  other: () => Uint8Array;
}

export type Mutator = (input: Uint8Array, ctx: MutationContext) => Uint8Array;

/** Bytes that mean something to a MIDI reader: VLQ continuation, statuses, meta and SysEx markers. */
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0x81, 0xff, 0x90, 0x80, 0xb0, 0xc0, 0xf0, 0xf7, 0xf1, 0xf2, 0xf8, 0x2f, 0x51, 0x58];
/** Lengths that break length checks: zero, off by one, sign bit, all ones. */
const HUGE_U32 = [0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x10000000, 0x0fffffff];

function splice(b: Uint8Array, at: number, remove: number, insert: ArrayLike<number> = []): Uint8Array {
  const out = new Uint8Array(b.length - remove + insert.length);
  out.set(b.subarray(0, at));
  out.set(insert, at);
  out.set(b.subarray(at + remove), at + insert.length);
  return out;
}

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function setU32(b: Uint8Array, at: number, v: number): Uint8Array {
  const out = b.slice();
  if (at + 4 > out.length) return out;
  out[at] = v >>> 24;
  out[at + 1] = (v >>> 16) & 0xff;
  out[at + 2] = (v >>> 8) & 0xff;
  out[at + 3] = v & 0xff;
  return out;
}

function setU16(b: Uint8Array, at: number, v: number): Uint8Array {
  const out = b.slice();
  if (at + 2 > out.length) return out;
  out[at] = (v >> 8) & 0xff;
  out[at + 1] = v & 0xff;
  return out;
}

/** Canonical variable-length quantity (any size: corrupt ones may exceed 4 bytes). */
export function encodeVlq(v: number): number[] {
  const out = [v % 128];
  v = Math.floor(v / 128);
  while (v > 0) {
    out.unshift(0x80 | v % 128);
    v = Math.floor(v / 128);
  }
  return out;
}

function readVlq(b: Uint8Array, span: VlqSpan): number {
  let v = 0;
  for (let i = span.at; i < span.at + span.length; i++) v = v * 128 + (b[i] & 0x7f);
  return v;
}

const bitFlip: Mutator = (b, { r }) => {
  const out = b.slice();
  if (out.length === 0) return out;
  for (let n = r.range(1, 8); n > 0; n--) out[r.int(out.length)] ^= 1 << r.int(8);
  return out;
};

const setBytes: Mutator = (b, { r }) => {
  const out = b.slice();
  if (out.length === 0) return out;
  for (let n = r.range(1, 4); n > 0; n--) out[r.int(out.length)] = r.pick(INTERESTING);
  return out;
};

const insertBytes: Mutator = (b, { r }) => {
  const insert = Array.from({ length: r.range(1, 16) }, () => (r.chance(0.5) ? r.pick(INTERESTING) : r.int(256)));
  return splice(b, r.int(b.length + 1), 0, insert);
};

const deleteBytes: Mutator = (b, { r }) => {
  if (b.length === 0) return b;
  const at = r.int(b.length);
  return splice(b, at, Math.min(b.length - at, r.range(1, 64)));
};

/** Cuts anywhere, inside the header, or a few bytes around a chunk boundary. */
const truncate: Mutator = (b, { r }) => {
  const { chunks } = chunksOf(b);
  let at: number;
  const mode = r.int(3);
  if (mode === 0 || chunks.length === 0) at = r.int(b.length + 1);
  else if (mode === 1) at = r.int(Math.min(b.length, 22) + 1);
  else at = r.pick(chunks).end + r.range(-4, 4);
  return b.slice(0, Math.max(0, Math.min(b.length, at)));
};

/** The start of this input and the end of another, cut anywhere or at chunk boundaries. */
const spliceTwo: Mutator = (b, { r, other }) => {
  const o = other();
  const cut = (x: Uint8Array): number => {
    const { chunks } = chunksOf(x);
    return r.chance(0.5) && chunks.length > 0 ? Math.min(x.length, r.pick(chunks).end) : r.int(x.length + 1);
  };
  return concat(b.subarray(0, cut(b)), o.subarray(cut(o)));
};

const chunkLength: Mutator = (b, { r }) => {
  const { chunks } = chunksOf(b);
  if (chunks.length === 0) return bitFlip(b, { r, other: () => b });
  const c = r.pick(chunks);
  const remaining = b.length - (c.at + 8);
  const choices = [0, 1, 5, 6, 7, c.declared + 1, c.declared - 1, c.declared + r.range(2, 16), Math.max(0, c.declared - r.range(2, 16)), c.declared * 2, remaining, remaining + 1, r.int(2 ** 32)];
  return setU32(b, c.at + 4, r.pick(choices) >>> 0);
};

/** A delta time or meta/SysEx length made long (padded or huge), short, wrong or unterminated. */
function corruptVlq(kinds: readonly VlqSpan['kind'][]): Mutator {
  return (b, ctx) => {
    const { r } = ctx;
    const spans = layoutOf(b).vlqs.filter((s) => kinds.includes(s.kind));
    if (spans.length === 0) return bitFlip(b, ctx);
    const s = r.pick(spans);
    const value = readVlq(b, s);
    let replacement: number[];
    switch (r.int(7)) {
      case 0: // non-canonical: the same value behind leading 0x80 bytes
        replacement = [...Array.from({ length: r.range(1, 6) }, () => 0x80), ...encodeVlq(value)];
        break;
      case 1: // over 4 bytes and huge
        replacement = [...Array.from({ length: r.range(4, 12) }, () => 0xff), 0x7f];
        break;
      case 2: // the largest legal value
        replacement = [0xff, 0xff, 0xff, 0x7f];
        break;
      case 3: // short: one byte of it
        replacement = [b[s.at + s.length - 1] & 0x7f];
        break;
      case 4: // off by a little
        replacement = encodeVlq(Math.max(0, value + r.range(-3, 3)));
        break;
      case 5: // unterminated: the last byte keeps its continuation bit
        replacement = [...encodeVlq(value).slice(0, -1), 0x80 | (b[s.at + s.length - 1] & 0x7f)];
        break;
      default: // unterminated to the end of the input
        return splice(b, s.at, b.length - s.at, Array.from({ length: r.range(1, 8) }, () => 0x80 | r.int(128)));
    }
    return splice(b, s.at, s.length, replacement);
  };
}

const vlqDelta = corruptVlq(['delta']);
const vlqLength = corruptVlq(['meta-length', 'sysex-length']);

/** The largest numbers any length field can hold: chunk lengths, meta/SysEx lengths, the RIFF size. */
const hugeLength: Mutator = (b, ctx) => {
  const { r } = ctx;
  const layout = layoutOf(b);
  const lengths = layout.vlqs.filter((s) => s.kind !== 'delta');
  if (layout.chunks.length > 0 && (lengths.length === 0 || r.chance(0.5))) return setU32(b, r.pick(layout.chunks).at + 4, r.pick(HUGE_U32));
  if (lengths.length === 0) return bitFlip(b, ctx);
  const s = r.pick(lengths);
  return splice(b, s.at, s.length, r.pick([[0xff, 0xff, 0xff, 0x7f], [0x8f, 0xff, 0xff, 0xff, 0x7f], [0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]]));
};

const duplicateChunk: Mutator = (b, ctx) => {
  const { r } = ctx;
  const { chunks } = chunksOf(b);
  if (chunks.length === 0) return bitFlip(b, ctx);
  const c = r.pick(chunks);
  const body = b.subarray(c.at, c.end);
  const copies = r.chance(0.8) ? 1 : r.range(2, 64);
  const insert = new Uint8Array(body.length * copies);
  for (let i = 0; i < copies; i++) insert.set(body, i * body.length);
  return splice(b, r.chance(0.5) ? c.end : b.length, 0, insert);
};

const removeChunk: Mutator = (b, ctx) => {
  const { chunks } = chunksOf(b);
  if (chunks.length === 0) return bitFlip(b, ctx);
  const c = ctx.r.pick(chunks);
  return splice(b, c.at, c.end - c.at);
};

const swapChunks: Mutator = (b, ctx) => {
  const { r } = ctx;
  const { chunks } = chunksOf(b);
  if (chunks.length < 2) return bitFlip(b, ctx);
  const i = r.int(chunks.length - 1);
  const a = chunks[i];
  const c = chunks[r.range(i + 1, chunks.length - 1)];
  return concat(b.subarray(0, a.at), b.subarray(c.at, c.end), b.subarray(a.end, c.at), b.subarray(a.at, a.end), b.subarray(c.end));
};

/** Format, track count and division (ticks per quarter, SMPTE rates, zero ticks per frame). */
const headerField: Mutator = (b, ctx) => {
  const { r } = ctx;
  const { header, chunks } = chunksOf(b);
  if (header < 0 || header + 14 > b.length) return bitFlip(b, ctx);
  const tracks = chunks.filter((c) => c.id === 'MTrk').length;
  switch (r.int(3)) {
    case 0:
      return setU16(b, header + 8, r.pick([0, 1, 2, 3, 0xffff, r.int(65536)]));
    case 1:
      return setU16(b, header + 10, r.pick([0, 1, 2, tracks + 1, Math.max(0, tracks - 1), 0xffff, r.int(65536)]));
    default:
      // 0xE728: 25 fps x 40; 0xE250: 30 x 80; 0xE350: 29.97 x 80; 0xFF00: 1 fps x 0 ticks; 0x8000: 128 fps x 0.
      return setU16(b, header + 12, r.pick([0, 1, 0x7fff, 0x8000, 0x8001, 0xe728, 0xe250, 0xe350, 0xe878, 0xff00, 0xff01, 0x80ff, 0x8000 | r.int(0x8000), r.int(0x10000)]));
  }
};

/** An explicit status byte replaced by another status, or by a data byte (so running status kicks in). */
const statusByte: Mutator = (b, ctx) => {
  const { r } = ctx;
  const statuses = layoutOf(b).statuses;
  if (statuses.length === 0) return bitFlip(b, ctx);
  const out = b.slice();
  let status = r.pick([0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf6, 0xf7, 0xf8, 0xfe, 0xff]);
  if (status < 0xf0) status |= r.int(16); // any channel
  out[r.pick(statuses)] = r.chance(0.7) ? status : r.int(128);
  return out;
};

/** A region repeated many times in place: dense events, many notes on one key, long tables. */
const repeatRegion: Mutator = (b, { r }) => {
  if (b.length === 0) return b;
  const at = r.int(b.length);
  const region = b.subarray(at, Math.min(b.length, at + r.range(1, 256)));
  const times = r.range(2, 256);
  const insert = new Uint8Array(region.length * times);
  for (let i = 0; i < times; i++) insert.set(region, i * region.length);
  return splice(b, at, 0, insert);
};

/** The file inside a RIFF RMID wrapper, sizes right or wrong, sometimes after another RIFF chunk. */
const wrapRmid: Mutator = (b, { r }) => {
  const le = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
  const pad = b.length & 1 ? [0] : [];
  const list = r.chance(0.3) ? [0x4c, 0x49, 0x53, 0x54, ...le(3), 1, 2, 3, 0] : [];
  const dataSize = r.pick([b.length, b.length, b.length + 1, Math.max(0, b.length - 1), 0xffffffff, r.int(2 ** 32)]);
  const body = concat([0x52, 0x4d, 0x49, 0x44], list, [0x64, 0x61, 0x74, 0x61], le(dataSize >>> 0), b, pad);
  const riffSize = r.pick([body.length, body.length, 0, 0xffffffff, r.int(2 ** 32)]);
  return concat([0x52, 0x49, 0x46, 0x46], le(riffSize >>> 0), body);
};

/** Every operator by name; weights favour the structure-aware ones (they reach deeper). */
export const MUTATORS: Readonly<Record<string, { mutate: Mutator; weight: number }>> = {
  bitFlip: { mutate: bitFlip, weight: 3 },
  setBytes: { mutate: setBytes, weight: 2 },
  insertBytes: { mutate: insertBytes, weight: 2 },
  deleteBytes: { mutate: deleteBytes, weight: 2 },
  truncate: { mutate: truncate, weight: 2 },
  splice: { mutate: spliceTwo, weight: 2 },
  chunkLength: { mutate: chunkLength, weight: 3 },
  vlqDelta: { mutate: vlqDelta, weight: 3 },
  vlqLength: { mutate: vlqLength, weight: 3 },
  hugeLength: { mutate: hugeLength, weight: 2 },
  duplicateChunk: { mutate: duplicateChunk, weight: 2 },
  removeChunk: { mutate: removeChunk, weight: 1 },
  swapChunks: { mutate: swapChunks, weight: 1 },
  headerField: { mutate: headerField, weight: 3 },
  statusByte: { mutate: statusByte, weight: 2 },
  repeatRegion: { mutate: repeatRegion, weight: 1 },
  wrapRmid: { mutate: wrapRmid, weight: 1 },
};

const NAMES = Object.keys(MUTATORS);
const TOTAL_WEIGHT = NAMES.reduce((s, n) => s + MUTATORS[n].weight, 0);

/** A mutator name drawn by weight. */
export function pickMutator(r: Random): string {
  let x = r.next() * TOTAL_WEIGHT;
  for (const name of NAMES) {
    x -= MUTATORS[name].weight;
    if (x < 0) return name;
  }
  return NAMES[NAMES.length - 1];
}
