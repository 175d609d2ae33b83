// Values in and out of PostgreSQL, normalised once for every driver. The drivers decode the same column
// differently: bigint is a string in postgres.js and the Neon driver but a BigInt in PGlite; numeric is a
// string everywhere; timestamptz is a Date; jsonb is parsed. Repository functions pass every column through
// one of these, so a row reads the same whichever driver fetched it.
import { PipelineError } from '../errors.ts';

/** An integer column (smallint, integer, bigint) as a JS number; throws past 2^53, e.g. `toInt('42') === 42`. */
export function toInt(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new PipelineError('DB_VALUE_INVALID', `expected an integer from the database, got ${String(value)}`);
  }
  return n;
}

export function toIntOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toInt(value);
}

/** A double precision, real or numeric column as a JS number, e.g. `toNumber('1.50') === 1.5`. */
export function toNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' || typeof value === 'bigint' ? Number(value) : NaN;
  if (Number.isNaN(n) && value !== 'NaN') {
    throw new PipelineError('DB_VALUE_INVALID', `expected a number from the database, got ${String(value)}`);
  }
  return n;
}

export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

/** A timestamptz column as a Date (drivers give a Date; a text timestamp is accepted too). */
export function toDate(value: unknown): Date {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(isoTimestamp(value)) : null;
  if (!d || Number.isNaN(d.getTime())) {
    throw new PipelineError('DB_VALUE_INVALID', `expected a timestamp from the database, got ${String(value)}`);
  }
  return d;
}

export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** A json or jsonb column as a value; drivers parse it already, text is parsed here. */
export function toJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toText(value: unknown): string {
  if (typeof value !== 'string') {
    throw new PipelineError('DB_VALUE_INVALID', `expected text from the database, got ${String(value)}`);
  }
  return value;
}

export function toTextOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toText(value);
}

// PostgreSQL's text output ("2024-05-01 12:00:00.5+00") as ISO 8601 ("2024-05-01T12:00:00.5+00:00").
function isoTimestamp(text: string): string {
  return text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
}

// PostgreSQL text cannot hold NUL, and jsonb rejects unpaired surrogates; MIDI text meta events carry both
// (NUL-padded track names are common). Stored text drops NULs and replaces lone surrogates with U+FFFD.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// A plain character class scans several times faster than UNSTORABLE's look-arounds; almost all text has
// neither NUL nor surrogates, so it is scanned once and returned as it is.
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;

/** Text PostgreSQL accepts, e.g. `storableText('Piano\u0000\u0000') === 'Piano'`. */
export function storableText(text: string): string {
  return MAYBE_UNSTORABLE.test(text) ? text.replace(UNSTORABLE, (c) => (c === '\u0000' ? '' : '\uFFFD')) : text;
}

// JSON.stringify writes NUL as \u0000 and a lone surrogate as \udXXX (paired ones as themselves): JSON
// text without either escape needs no string made storable. (A string holding a backslash and "u0000"
// also matches; it only takes the slower exact path.)
const ESCAPED_UNSTORABLE = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * JSON text for a `$n::text::jsonb` parameter, with every string made storable. Plain JSON.stringify
 * first (a replacer function costs about 3x on an analysis document, measured 140 against 41 us), the
 * replacer only when the text shows something to replace.
 */
export function toJsonText(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined || !ESCAPED_UNSTORABLE.test(json)) return json;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storableText(v) : v));
}

export type ArrayElement = string | number | boolean | null | undefined;

/**
 * A PostgreSQL array literal for a `$n::type[]` parameter, e.g. `toArrayLiteral(['a"b', null, 3])` is
 * `{"a\"b",NULL,"3"}`. Every element is quoted, so any text (commas, braces, backslashes) survives; NULL is
 * written bare. One encoding for all drivers (see DbValue).
 */
export function toArrayLiteral(values: readonly ArrayElement[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    // A number's or a boolean's text holds nothing to escape or make storable.
    else if (typeof v !== 'string') out += '"' + String(v) + '"';
    else out += '"' + escapeElement(storableText(v)) + '"';
  }
  return out + '}';
}

// Most elements hold no quote or backslash: a test is several times cheaper than a replace that finds
// nothing (a batch's 31 array parameters cost the main thread ~96 us per record with a replace on each).
const ELEMENT_SPECIAL = /[\\"]/;

function escapeElement(text: string): string {
  return ELEMENT_SPECIAL.test(text) ? text.replace(/[\\"]/g, '\\$&') : text;
}
