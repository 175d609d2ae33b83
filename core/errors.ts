// Errors with stable string codes. Callers branch on `code`, never on `instanceof`: errors that cross
// worker threads or HTTP lose their class but keep their code (style guide 6).

/** Input that is not MIDI at all, or a file the reader cannot take. */
export type MidiErrorCode =
  | 'MIDI_EMPTY'
  | 'MIDI_NOT_SMF'
  | 'MIDI_BAD_HEADER'
  | 'MIDI_NO_TRACKS'
  | 'FILE_TOO_LARGE'
  | 'FILE_UNREADABLE';

export type ErrorCode = MidiErrorCode | (string & {});

/** The one error type of the project: a stable code, a message fit for users, and the original cause. */
export class PipelineError extends Error {
  readonly code: ErrorCode;
  override readonly cause?: unknown;

  constructor(code: ErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = 'PipelineError';
    this.code = code;
    if (cause !== undefined) this.cause = cause;
  }
}

/** The JSON shape errors take in results, HTTP bodies and the database. */
export interface ErrorInfo {
  code: string;
  message: string;
}

/** Reads `code` off anything thrown (our errors, postgres.js errors, Node system errors, strings). */
export function errorCode(error: unknown, fallback = 'INTERNAL'): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
  }
  return fallback;
}

/** Converts anything thrown into `{code, message}` without a stack trace, e.g. `{code: 'MIDI_EMPTY', message: 'file is empty'}`. */
export function toErrorInfo(error: unknown, fallbackCode = 'INTERNAL'): ErrorInfo {
  const code = errorCode(error, fallbackCode);
  let message: string;
  if (error instanceof Error) message = error.message;
  else if (typeof error === 'string') message = error;
  else message = String(error);
  return { code, message };
}

export function isPipelineError(error: unknown, code?: string): error is PipelineError {
  return !!error && typeof error === 'object' && 'code' in error && (code === undefined || (error as PipelineError).code === code);
}
