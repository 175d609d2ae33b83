// Hashing for the fingerprint (fingerprint.ts): a cheap per-note mix, and MurmurHash3_x86_128 (Austin
// Appleby, public domain; https://github.com/aappleby/smhasher, MurmurHash3.cpp) of one 16-byte block for
// the final round. Integer-only arithmetic (Math.imul, shifts), so every JavaScript runtime computes the
// same bits.

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/**
 * The first 32-bit lane of a note's hash, from its four words (see fingerprint.ts). Each step (xor a word,
 * xor-shift, multiply by an odd constant) is a bijection of the state, so changing any one word always
 * changes the lane; the last multiply and shift spread every input bit over the whole lane.
 * @example noteLane1(60, 0, 960, 0) // 32-bit unsigned
 */
export function noteLane1(w1: number, w2: number, w3: number, w4: number): number {
  let h = Math.imul(w1 ^ 0x6d696469, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ w2, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 13) ^ w3, 0xc2b2ae3d);
  h = Math.imul(h ^ (h >>> 16) ^ w4, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The second lane: the same construction with other constants and the words in another order. */
export function noteLane2(w1: number, w2: number, w3: number, w4: number): number {
  let h = Math.imul(w3 ^ 0x736d7074, 0x165667b1);
  h = Math.imul(h ^ (h >>> 16) ^ w1, 0xd3a2646d);
  h = Math.imul(h ^ (h >>> 13) ^ w4, 0xfd7046c5);
  h = Math.imul(h ^ (h >>> 15) ^ w2, 0xb55a4f09);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * MurmurHash3_x86_128 of the words (w1..w4) with `seed`; writes the four 32-bit lanes of the result into `out`.
 * @example hashBlock(1, 2, 3, 4, 0, out) // out = [h1, h2, h3, h4]
 */
export function hashBlock(w1: number, w2: number, w3: number, w4: number, seed: number, out: Uint32Array): void {
  let h1 = seed;
  let h2 = seed;
  let h3 = seed;
  let h4 = seed;
  const k1 = Math.imul(rotl(Math.imul(w1, C1), 15), C2);
  h1 ^= k1;
  h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
  const k2 = Math.imul(rotl(Math.imul(w2, C2), 16), C3);
  h2 ^= k2;
  h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
  const k3 = Math.imul(rotl(Math.imul(w3, C3), 17), C4);
  h3 ^= k3;
  h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
  const k4 = Math.imul(rotl(Math.imul(w4, C4), 18), C1);
  h4 ^= k4;
  h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  // Finalisation for a 16-byte input.
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
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  out[0] = h1;
  out[1] = h2;
  out[2] = h3;
  out[3] = h4;
}
