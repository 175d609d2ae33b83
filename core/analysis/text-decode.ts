// Decoding the text of meta events, which SMF leaves without a declared encoding (SMF 1.0 recommends ASCII;
// real files hold UTF-8, Windows-1252, Shift_JIS, and garbage). Never throws. Rules:
// - valid UTF-8 (pure ASCII included) is decoded as UTF-8; when the length bound below cuts the bytes inside
//   a character, that partial character is dropped (a text that itself ends inside one is not UTF-8: "Caf"
//   followed by byte E9 is Latin-1 "Café", not UTF-8 cut short);
// - anything else as Windows-1252, the superset of Latin-1 that WHATWG's "latin1" label means
//   (https://encoding.spec.whatwg.org/#legacy-single-byte-encodings); its five undefined bytes map to
//   the C1 control of the same value, as WHATWG does;
// - NULs (C strings padded into fixed fields) and the other C0 controls and DEL are removed, except tab,
//   line feed and carriage return (karaoke lyrics break lines with them): texts that are misparsed binary
//   data then come out empty instead of as runs of control characters;
// - at most MAX_TEXT_CHARS UTF-16 code units are kept, the last one "…" when the text was cut.
// Hand-written rather than TextDecoder: meta texts are short, and a karaoke file has thousands of them, so
// per-call overhead and exceptions (TextDecoder's only way to report invalid UTF-8) dominated.

export const MAX_TEXT_CHARS = 256;

/** Windows-1252 bytes 0x80-0x9F (https://encoding.spec.whatwg.org/index-windows-1252.txt). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** UTF-16 code units of the text being decoded (reused: decoding is synchronous). */
const units = new Uint16Array(MAX_TEXT_CHARS * 2 + 2);

/**
 * @example decodeText(Uint8Array.of(0x43, 0x61, 0x66, 0xe9)) // "Café" (Windows-1252)
 * @example decodeText(Uint8Array.of(0x43, 0x61, 0x66, 0xc3, 0xa9)) // "Café" (UTF-8)
 */
export function decodeText(bytes: Uint8Array, maxChars = MAX_TEXT_CHARS): string {
  const limit = Math.min(maxChars, MAX_TEXT_CHARS);
  // At most 4 bytes per character in UTF-8: no more input than that can be needed.
  const input = bytes.length > limit * 4 ? bytes.subarray(0, limit * 4) : bytes;
  let length = decodeUtf8(input, input.length < bytes.length);
  if (length < 0) length = decodeWindows1252(input);
  let cut = input.length < bytes.length;
  // Keep `limit` units, the last one for "…" when anything is dropped.
  if (length > limit || (cut && length === limit)) {
    length = limit - 1;
    if (units[length - 1] >= 0xd800 && units[length - 1] <= 0xdbff) length--; // never split a surrogate pair
    cut = true;
  }
  let out = '';
  for (let i = 0; i < length; i++) {
    const c = units[i];
    if (c >= 0x20 ? c !== 0x7f : c === 0x09 || c === 0x0a || c === 0x0d) out += String.fromCharCode(c);
  }
  return cut ? out + '…' : out;
}

/**
 * Decodes UTF-8 into `units` (at most limit*2 + 2 of them, enough for the caller's bound); -1 when the bytes
 * are not UTF-8 (overlong forms, surrogates and values past U+10FFFF included, per RFC 3629). `truncated`:
 * the bytes were cut from a longer text, so the last character may be incomplete.
 */
function decodeUtf8(bytes: Uint8Array, truncated: boolean): number {
  const n = bytes.length;
  const room = units.length - 2;
  let u = 0;
  let i = 0;
  while (i < n && u < room) {
    const b = bytes[i];
    if (b < 0x80) {
      units[u++] = b;
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      min = 0x10000;
    } else {
      return -1;
    }
    if (i + need >= n) {
      // The bytes end inside this character: drop it when we cut them and what is there is a valid prefix.
      if (!truncated) return -1;
      for (let k = i + 1; k < n; k++) if ((bytes[k] & 0xc0) !== 0x80) return -1;
      break;
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return -1;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[u++] = 0xd800 | (cp >> 10);
      units[u++] = 0xdc00 | (cp & 0x3ff);
    } else {
      units[u++] = cp;
    }
    i += need + 1;
  }
  return u;
}

function decodeWindows1252(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, units.length - 2);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    units[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
  }
  return n;
}
