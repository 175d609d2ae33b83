// A fingerprint of the note content only, so that files differing only in names, text, tempo, meta events,
// track layout, velocities or ppq share it. Rules:
// - a note is (pitch, channel, start, duration); its times are normalised to quarter notes at
//   FINGERPRINT_RESOLUTION units per quarter (start = round(startTick * 960 / ppq), same for the end;
//   duration = end - start), so the same music written at 96 or 480 ppq, or at another tempo, hashes the
//   same. SMPTE-timed files have no quarter notes: their times are whole milliseconds (a separate domain,
//   so they never collide with ppq files by accident);
// - every note is hashed on its own (MurmurHash3_x86_128 of one 16-byte block, note-hash.ts) and the
//   128-bit results are added lane by lane modulo 2^32: the sum is the same in any order of the notes, so
//   no canonical sort is needed (a multiset hash, D. Clarke et al., "Incremental Multiset Hash Functions
//   and Their Application to Memory Integrity Checking", ASIACRYPT 2003); duplicate notes count twice;
// - the sums and the note count then go through one more hash round; the result is 32 hex digits.
// Not cryptographic: good for deduplication, not against someone forging collisions.
import type { MidiFile } from '../midi/types.ts';
import { C1, C2, C3, C4, fmix32, hashBlock, rotl } from './note-hash.ts';

export const FINGERPRINT_RESOLUTION = 960;
const TWO_32 = 4294967296;
const SEED_PPQ = 0x6d696469; // "midi"
const SEED_SMPTE = 0x736d7074; // "smpt"

/** @example fingerprintOf(file) // "3f2a9c0e5b7d41f08e6a2c4d1b3f5e7a" */
export function fingerprintOf(file: MidiFile): string {
  const { pitch, channel, startTick, endTick, startSeconds, endSeconds, count } = file.notes;
  // Time unit: 1/960 quarter (ticks * 960 / ppq: an exact product, then one correctly rounded division, so
  // proportional tick values give identical results) or 1 ms for SMPTE timing.
  const ppq = file.ppq;
  const starts = ppq !== null ? startTick : startSeconds;
  const ends = ppq !== null ? endTick : endSeconds;
  const multiplier = ppq !== null ? FINGERPRINT_RESOLUTION : 1000;
  const divisor = ppq ?? 1;
  const seed = ppq !== null ? SEED_PPQ : SEED_SMPTE;
  const lanes = new Uint32Array(4);
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  for (let i = 0; i < count; i++) {
    // Times below 2^53 split exactly into two 32-bit words, and the high word of the start fits the 21 bits
    // above pitch and channel. Only corrupt files get further (deltas add up): bits are lost there, but the
    // result stays deterministic.
    const start = Math.round((starts[i] * multiplier) / divisor);
    const duration = Math.round((ends[i] * multiplier) / divisor) - start;
    const w1 = pitch[i] | (channel[i] << 7) | (Math.floor(start / TWO_32) << 11);
    const w2 = start >>> 0;
    const w3 = duration >>> 0;
    const w4 = Math.floor(duration / TWO_32);
    // hashBlock(w1, w2, w3, w4, seed) written out: a call writing its result to an array cost 40% more
    // here, the hottest loop of the analysis after the reader's (tests check both give the same bits).
    let h1 = seed;
    let h2 = seed;
    let h3 = seed;
    let h4 = seed;
    h1 ^= Math.imul(rotl(Math.imul(w1, C1), 15), C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= Math.imul(rotl(Math.imul(w2, C2), 16), C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= Math.imul(rotl(Math.imul(w3, C3), 17), C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= Math.imul(rotl(Math.imul(w4, C4), 18), C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
    h1 ^= 16;
    h2 ^= 16;
    h3 ^= 16;
    h4 ^= 16;
    h1 = (h1 + h2 + h3 + h4) | 0;
    h2 = (h2 + h1) | 0;
    h3 = (h3 + h1) | 0;
    h4 = (h4 + h1) | 0;
    h1 = fmix32(h1);
    h2 = fmix32(h2);
    h3 = fmix32(h3);
    h4 = fmix32(h4);
    h1 = (h1 + h2 + h3 + h4) | 0;
    sum0 = (sum0 + h1) | 0;
    sum1 = (sum1 + h2 + h1) | 0;
    sum2 = (sum2 + h3 + h1) | 0;
    sum3 = (sum3 + h4 + h1) | 0;
  }
  hashBlock(sum0, sum1, sum2, sum3, fmix32(count ^ seed), lanes);
  let hex = '';
  for (let i = 0; i < 4; i++) hex += lanes[i].toString(16).padStart(8, '0');
  return hex;
}
