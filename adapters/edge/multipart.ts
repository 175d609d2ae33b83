// A strict multipart/form-data parser (RFC 7578 over RFC 2046 section 5.1.1), so every runtime answers the
// same: the runtimes' own `formData()` disagree on broken bodies (Deno accepts a body cut off before its
// close delimiter as a form with no fields; undici and workerd refuse it). Parts are views into the body,
// not copies. Anything malformed, including a missing close delimiter (a truncated upload), is
// MULTIPART_INVALID.
import { httpError } from './http-errors.ts';

export interface FormPart {
  /** The `name` of the part's Content-Disposition. */
  name: string;
  filename: string | null;
  bytes: Uint8Array;
}

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;
const decoder = new TextDecoder();

/** The `boundary` parameter of a multipart Content-Type, e.g. `'multipart/form-data; boundary="x y"'` -> 'x y'. */
export function boundaryOf(contentType: string): string {
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw invalid('the multipart Content-Type has no boundary parameter (1 to 70 characters)');
  return boundary;
}

/** e.g. `parseMultipart(bytes, 'multipart/form-data; boundary=XyZ')` -> `[{name: 'file', filename: 'a.mid', bytes}]`. */
export function parseMultipart(body: Uint8Array, contentType: string): FormPart[] {
  const delimiter = new TextEncoder().encode(`--${boundaryOf(contentType)}`);
  // The first delimiter may open the body; every later one follows a CRLF, which belongs to it.
  let at = startsWith(body, delimiter, 0) ? 0 : indexOfLine(body, delimiter, 0);
  if (at < 0) throw invalid('no multipart boundary in the body');
  const parts: FormPart[] = [];
  for (;;) {
    at += delimiter.length;
    if (body[at] === DASH && body[at + 1] === DASH) return parts; // close delimiter; the epilogue is ignored
    while (body[at] === 0x20 || body[at] === 0x09) at++; // transport padding
    if (body[at] !== CR || body[at + 1] !== LF) throw invalid('malformed multipart delimiter line');
    const headersStart = at + 2;
    const headersEnd = indexOf(body, [CR, LF, CR, LF], headersStart - 2);
    if (headersEnd < 0) throw invalid('multipart part headers do not end (truncated body?)');
    const next = indexOfLine(body, delimiter, headersEnd + 4);
    if (next < 0) throw invalid('multipart body ends without its closing boundary (truncated body?)');
    parts.push({ ...disposition(decoder.decode(body.subarray(headersStart, headersEnd))), bytes: body.subarray(headersEnd + 4, next - 2) });
    at = next;
  }
}

function disposition(headers: string): { name: string; filename: string | null } {
  const line = headers.split('\r\n').find((h) => /^content-disposition\s*:/i.test(h));
  const type = line ? /^[^:]*:\s*form-data\s*/i.exec(line) : null;
  if (!line || !type) throw invalid('a multipart part has no "Content-Disposition: form-data" header');
  // Parameters in order, so a quoted value that contains "; name=" cannot pose as a parameter.
  const params = new Map<string, string>();
  const param = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]*))\s*/y;
  let end = type[0].length;
  param.lastIndex = end;
  for (let m = param.exec(line); m !== null; m = param.exec(line)) {
    params.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
    end = param.lastIndex;
  }
  if (line.slice(end).trim() !== '') throw invalid('malformed Content-Disposition parameters');
  const name = params.get('name');
  if (name === undefined) throw invalid('a multipart part has no name');
  return { name, filename: params.get('filename') ?? null };
}

/** Position of CRLF + `needle` at or after `from`, pointing at the needle (after the CRLF). */
function indexOfLine(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  for (let i = Math.max(from, 2); ; i++) {
    i = indexOf(haystack, needle, i);
    if (i < 0) return -1;
    if (haystack[i - 2] === CR && haystack[i - 1] === LF) return i;
  }
}

function indexOf(haystack: Uint8Array, needle: ArrayLike<number>, from: number): number {
  const first = needle[0]!;
  const last = haystack.length - needle.length;
  for (let i = haystack.indexOf(first, Math.max(from, 0)); i >= 0 && i <= last; i = haystack.indexOf(first, i + 1)) {
    if (startsWith(haystack, needle, i)) return i;
  }
  return -1;
}

function startsWith(haystack: Uint8Array, needle: ArrayLike<number>, at: number): boolean {
  if (at + needle.length > haystack.length) return false;
  for (let k = 0; k < needle.length; k++) if (haystack[at + k] !== needle[k]) return false;
  return true;
}

function invalid(message: string): Error {
  return httpError('MULTIPART_INVALID', message);
}
