// Reading an uploaded MIDI file from a request: the content type is checked before a byte is read, a
// declared Content-Length over the limit is refused at once, and the stream is counted while it is read
// and cancelled as soon as it passes the limit, so an oversized upload is never buffered whole. The whole
// body must arrive within a deadline, so a client trickling a byte at a time (slowloris) gets a 408 instead
// of holding the request open for as long as it likes.
import { httpError } from './http-errors.ts';
import { parseMultipart } from './multipart.ts';

/** Raw bodies of these media types are the file itself (contract, "HTTP API"). */
export const MIDI_MEDIA_TYPES: readonly string[] = ['audio/midi', 'audio/x-midi', 'application/octet-stream'];
export const MULTIPART_MEDIA_TYPE = 'multipart/form-data';
/** The multipart field that carries the file. */
export const FILE_FIELD = 'file';
/** BODY_TIMEOUT_MS by default: 16 MiB at about 2 Mbit/s. */
export const DEFAULT_BODY_TIMEOUT_MS = 60_000;

/** The media type without parameters, lower case, e.g. `'Audio/MIDI; x=1'` -> `'audio/midi'`; '' when absent. */
export function mediaTypeOf(header: string | null): string {
  return (header ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** Throws UNSUPPORTED_MEDIA_TYPE unless the request carries a MIDI upload; returns its media type. */
export function checkUploadType(request: Request): string {
  const type = mediaTypeOf(request.headers.get('content-type'));
  if (MIDI_MEDIA_TYPES.includes(type) || type === MULTIPART_MEDIA_TYPE) return type;
  const got = type === '' ? 'no Content-Type' : `Content-Type "${type}"`;
  throw httpError('UNSUPPORTED_MEDIA_TYPE', `${got}: send the file as ${MIDI_MEDIA_TYPES.join(', ')} or as multipart/form-data field "${FILE_FIELD}"`);
}

/**
 * The whole body, at most `maxBytes` of it, e.g. `await readBodyLimited(request, 16 << 20)` -> the bytes.
 * Throws BODY_TOO_LARGE before reading when Content-Length says so, or as soon as the bytes read pass the
 * limit (chunked uploads declare no length); the rest of the stream is cancelled, not drained. Throws
 * BODY_TIMEOUT when the body has not all arrived `timeoutMs` after reading began.
 */
export async function readBodyLimited(request: Request, maxBytes: number, timeoutMs = DEFAULT_BODY_TIMEOUT_MS): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim())) {
    if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
    // A body of declared length arrives with exactly that many bytes (HTTP framing, RFC 9112 section 6.3),
    // so it is read at once: on @hono/node-server, arrayBuffer() reads the socket directly instead of
    // building a web ReadableStream, about an eighth of the server's CPU for a small upload. Checked
    // again after: a Request made in process has no framing to enforce the header.
    let bytes: Uint8Array;
    // On timeout the read is abandoned, not cancelled (a body being read cannot be); @hono/node-server
    // closes the connection shortly after the answer when its body was left unread.
    const deadline = bodyDeadline(timeoutMs, () => {});
    try {
      bytes = new Uint8Array(await deadline.race(request.arrayBuffer()));
    } catch (error) {
      throw isTimeout(error) ? error : incomplete(error);
    } finally {
      deadline.clear();
    }
    if (bytes.length > maxBytes) throw tooLarge(maxBytes);
    return bytes;
  }
  if (request.body === null) return new Uint8Array(0);

  const reader = request.body.getReader();
  const deadline = bodyDeadline(timeoutMs, () => void reader.cancel().catch(() => {}));
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await deadline.race(reader.read());
      } catch (error) {
        throw isTimeout(error) ? error : incomplete(error);
      }
      if (step.done) break;
      total += step.value.byteLength;
      if (total > maxBytes) {
        // Stop pulling: the runtime may drop the connection's remaining input instead of reading it.
        reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(step.value);
    }
  } finally {
    deadline.clear();
  }
  return joinChunks(chunks, total);
}

/**
 * The uploaded file: the raw body, or the multipart field `file`, e.g. `await readMidiUpload(request,
 * limit)` -> its bytes. The multipart body is bounded first, then parsed strictly (multipart.ts).
 */
export async function readMidiUpload(request: Request, maxBytes: number, timeoutMs = DEFAULT_BODY_TIMEOUT_MS): Promise<Uint8Array> {
  const type = checkUploadType(request);
  const body = await readBodyLimited(request, maxBytes, timeoutMs);
  if (type !== MULTIPART_MEDIA_TYPE) return body;
  const files = parseMultipart(body, request.headers.get('content-type')!).filter((part) => part.name === FILE_FIELD);
  if (files.length !== 1) {
    throw httpError('MULTIPART_NO_FILE', files.length === 0 ? `no multipart field "${FILE_FIELD}"` : `${files.length} fields named "${FILE_FIELD}"; send one file per request`);
  }
  return files[0]!.bytes;
}

/**
 * One timer per body: `race(work)` is `work`, or BODY_TIMEOUT once `timeoutMs` have passed since the body
 * began; `onTimeout` then stops the read. `clear()` when the body is done.
 */
function bodyDeadline(timeoutMs: number, onTimeout: () => void): { race<T>(work: Promise<T>): Promise<T>; clear(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Rejected before the read is stopped: cancelling settles a pending read at once (done: true), which
      // would otherwise win the race and pass a partial body on as if it were whole.
      reject(httpError('BODY_TIMEOUT', `the request body did not arrive within ${timeoutMs} ms`));
      onTimeout();
    }, timeoutMs);
  });
  expired.catch(() => {}); // observed even when it fires with no read waiting
  return {
    race(work) {
      // A read that fails after the timeout has nobody left waiting for it: observed here, so Node does
      // not end the process on an unhandled rejection.
      work.catch(() => {});
      return Promise.race([work, expired]);
    },
    clear: () => clearTimeout(timer),
  };
}

function isTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'BODY_TIMEOUT';
}

function incomplete(error: unknown): Error {
  return httpError('BODY_INCOMPLETE', `the request body could not be read to its end: ${error instanceof Error ? error.message : String(error)}`);
}

// One message whether the length was declared or counted: the answer must not depend on how the client
// framed the body (Content-Length or chunked).
function tooLarge(maxBytes: number): Error {
  return httpError('BODY_TOO_LARGE', `request body over the limit of ${maxBytes} bytes`);
}

function joinChunks(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
