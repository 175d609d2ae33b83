// Decoding the text of meta events, which SMF leaves without a declared encoding (SMF 1.0 recommends ASCII;
// real files hold UTF-8, Windows-1252, Shift_JIS, and garbage). Never throws. Rules:
// - valid UTF-8 (pure ASCII included) is decoded as UTF-8;
// - anything else as Windows-1252, the superset of Latin-1 that WHATWG's "latin1" label means
//   (https://encoding.spec.whatwg.org/#legacy-single-byte-encodings); its five undefined bytes map to
//   the C1 control of the same value, as WHATWG does;
// - NUL characters are removed (C strings padded into fixed fields);
// - at most MAX_TEXT_CHARS characters are kept, with "…" marking a cut.

export const MAX_TEXT_CHARS = 256;

/** Windows-1252 bytes 0x80-0x9F (https://encoding.spec.whatwg.org/index-windows-1252.txt). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * @example decodeText(Uint8Array.of(0x43, 0x61, 0x66, 0xe9)) // "Café" (Windows-1252)
 * @example decodeText(Uint8Array.of(0x43, 0x61, 0x66, 0xc3, 0xa9)) // "Café" (UTF-8)
 */
export function decodeText(bytes: Uint8Array, maxChars = MAX_TEXT_CHARS): string {
  // Only the bytes that can make up maxChars characters (UTF-8 needs at most 4 per character).
  const cut = bytes.length > maxChars * 4 ? bytes.subarray(0, maxChars * 4) : bytes;
  let ascii = true;
  let nul = false;
  for (let i = 0; i < cut.length; i++) {
    const b = cut[i];
    if (b >= 0x80) ascii = false;
    else if (b === 0) nul = true;
  }
  let text: string;
  if (ascii) text = String.fromCharCode.apply(null, cut as unknown as number[]);
  else text = decodeUtf8(cut) ?? decodeWindows1252(cut);
  if (nul) text = text.replace(/\0/g, '');
  return truncate(text, maxChars, cut !== bytes);
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    // Invalid, or valid but ending inside a character (cut by the length bound or by the writer): drop the
    // partial last character and try once more.
    let lead = bytes.length - 1;
    while (lead > 0 && lead > bytes.length - 4 && (bytes[lead] & 0xc0) === 0x80) lead--;
    if (lead < 0 || bytes[lead] < 0xc0) return null;
    try {
      return utf8.decode(bytes.subarray(0, lead));
    } catch {
      return null;
    }
  }
}

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b);
  }
  return out;
}

function truncate(text: string, maxChars: number, wasCut: boolean): string {
  if (text.length <= maxChars && !wasCut) return text;
  // Do not split a UTF-16 surrogate pair.
  let end = Math.min(text.length, maxChars - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + '…';
}
