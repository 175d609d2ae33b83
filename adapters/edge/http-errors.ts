// How errors become HTTP answers: one table from stable error codes to statuses, and the contract's body
// `{"error": {"code", "message"}}`. Anything without a known code is a 500 with a fixed message: the cause
// goes to the server log, never to the client (no stack trace, no SQL, no driver or network detail).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorCode, PipelineError } from '../../core/errors.ts';

/** Error codes the HTTP layer adds to core's (MIDI_*, FILE_TOO_LARGE, FILTER_INVALID, DB_UNAVAILABLE). */
export type HttpErrorCode =
  | 'BODY_TOO_LARGE'
  | 'BODY_INCOMPLETE'
  | 'BODY_TIMEOUT'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MULTIPART_INVALID'
  | 'MULTIPART_NO_FILE'
  | 'QUERY_INVALID'
  | 'SHA256_INVALID'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'DB_NOT_CONFIGURED'
  | 'ROLL_UNAVAILABLE'
  | 'INTERNAL';

// prettier-ignore
/** The status of each code (contract, "HTTP API"); codes not listed are internal errors (500). */
export const STATUS_BY_CODE: Readonly<Record<string, ContentfulStatusCode>> = {
  // 400: the request itself is malformed
  BODY_INCOMPLETE: 400, MULTIPART_INVALID: 400, MULTIPART_NO_FILE: 400, QUERY_INVALID: 400, SHA256_INVALID: 400,
  FILTER_INVALID: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  // the stored file's bytes cannot be read again here (routes/file-roll.ts)
  ROLL_UNAVAILABLE: 404,
  METHOD_NOT_ALLOWED: 405,
  // the body did not all arrive within BODY_TIMEOUT_MS (a slow or stalled client; body.ts)
  BODY_TIMEOUT: 408,
  // 413: over MAX_BODY_BYTES (the reader's own FILE_TOO_LARGE cannot trigger first, but maps the same)
  BODY_TOO_LARGE: 413, FILE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // 422: well-formed request, but the bytes are not MIDI (core/errors.ts MidiErrorCode)
  MIDI_EMPTY: 422, MIDI_NOT_SMF: 422, MIDI_BAD_HEADER: 422, MIDI_NO_TRACKS: 422, FILE_UNREADABLE: 422,
  // 422 too: a split whose archive a ZIP without ZIP64 cannot hold (zip/zip.ts)
  ZIP_TOO_LARGE: 422,
  // DB_CONNECTION_LOST: a statement given up after its connection died (QueryOptions.maxLosses)
  DB_UNAVAILABLE: 503, DB_CONNECTION_LOST: 503, DB_NOT_CONFIGURED: 503,
};

// Messages that would reveal internals (a driver's "connect ECONNREFUSED 10.0.0.5:5432") are replaced.
const PUBLIC_MESSAGES: Readonly<Record<string, string>> = {
  DB_UNAVAILABLE: 'the database is unavailable; try again later',
  DB_CONNECTION_LOST: 'the database is unavailable; try again later',
  INTERNAL: 'internal error',
};

export interface ErrorBody {
  error: { code: string; message: string };
}

/** A typed error for the HTTP layer, e.g. `httpError('QUERY_INVALID', 'unknown parameter "bmp"')`. */
export function httpError(code: HttpErrorCode, message: string): PipelineError {
  return new PipelineError(code, message);
}

/** The status and body for anything thrown, e.g. a MIDI_NOT_SMF error -> `{status: 422, body: {error: {...}}}`. */
export function toHttpError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody; internal: boolean } {
  const code = error instanceof PipelineError || isCoded(error) ? errorCode(error) : 'INTERNAL';
  const status = STATUS_BY_CODE[code];
  if (status === undefined) return { status: 500, body: { error: { code: 'INTERNAL', message: PUBLIC_MESSAGES.INTERNAL! } }, internal: true };
  const message = PUBLIC_MESSAGES[code] ?? (error as Error).message;
  // 503 DB_NOT_CONFIGURED is how the server was set up, not a fault worth logging per request.
  return { status, body: { error: { code, message } }, internal: status >= 500 && code !== 'DB_NOT_CONFIGURED' };
}

/** Sends an error as JSON, with the headers its status calls for. */
export function errorResponse(c: Context, error: unknown): Response {
  const { status, body } = toHttpError(error);
  if (status === 401) c.header('WWW-Authenticate', 'Bearer');
  c.header('Cache-Control', 'no-store');
  return c.json(body, status);
}

// Only our own errors carry codes we trust for the status; a driver error's SQLSTATE ("23505") must not
// pick a status from the table by accident, so it has to come wrapped as a PipelineError (DB_UNAVAILABLE).
function isCoded(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { name?: unknown }).name === 'PipelineError' && typeof (error as { code?: unknown }).code === 'string';
}
