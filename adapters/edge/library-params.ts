// `GET /files?...`: the `query` command's filters as query parameters, with the same names as the CLI
// options (`bpm=120..128`, `key=A minor`, `time-signature=3/4`, `min-duration`, `max-duration`,
// `instrument`, `drums` / `no-drums`, `text`, `limit`) plus `after`, the cursor of the next page. Unknown,
// repeated or unparseable parameters are a 400, never a guess.
import { type LibraryFilters, type NumberRange, parseKey, parseRange, parseTimeSignature } from '../../core/db/filters.ts';
import type { LibraryPage } from '../../core/db/library-query.ts';
import { PipelineError } from '../../core/errors.ts';
import { flagValue, singleValues } from './query-params.ts';

export const LIBRARY_PARAMS = ['bpm', 'key', 'time-signature', 'min-duration', 'max-duration', 'instrument', 'drums', 'no-drums', 'text', 'limit', 'after'] as const;
export type LibraryParam = (typeof LIBRARY_PARAMS)[number];

/** Longer text filters are refused: nothing stored is searched usefully by a paragraph. */
export const MAX_TEXT_FILTER_LENGTH = 200;

/**
 * e.g. `parseLibraryParams(new URLSearchParams('bpm=120..128&key=Am&limit=10'))` ->
 * `{filters: {bpm: {min: 120, max: 128}, key: {tonic: 'A', mode: 'minor'}}, page: {limit: 10}}`.
 * Throws QUERY_INVALID for unknown or repeated names, FILTER_INVALID for bad values (both 400).
 */
export function parseLibraryParams(params: URLSearchParams): { filters: LibraryFilters; page: LibraryPage } {
  const value = singleValues(params, LIBRARY_PARAMS);
  const filters: LibraryFilters = {};
  const page: LibraryPage = {};

  if (value.bpm !== undefined) filters.bpm = finiteRange(parseRange(value.bpm), 'bpm');
  if (value.key !== undefined) filters.key = parseKey(value.key);
  if (value['time-signature'] !== undefined) filters.timeSignature = parseTimeSignature(value['time-signature']);
  if (value['min-duration'] !== undefined) filters.minDurationSeconds = seconds(value['min-duration'], 'min-duration');
  if (value['max-duration'] !== undefined) filters.maxDurationSeconds = seconds(value['max-duration'], 'max-duration');
  if (value.instrument !== undefined) filters.instrument = value.instrument;
  if (value.drums !== undefined && value['no-drums'] !== undefined) throw invalid('give drums or no-drums, not both');
  if (value.drums !== undefined) filters.drums = flagValue(value.drums, 'drums');
  if (value['no-drums'] !== undefined) filters.drums = !flagValue(value['no-drums'], 'no-drums');
  if (value.text !== undefined) {
    if (value.text.length > MAX_TEXT_FILTER_LENGTH) throw invalid(`text is ${value.text.length} characters long; at most ${MAX_TEXT_FILTER_LENGTH}`);
    filters.text = value.text;
  }
  if (value.limit !== undefined) {
    // Core caps the page size (MAX_PAGE_SIZE) and rejects 0; digits only here, so "1e3" or "-1" is a 400.
    if (!/^\d{1,9}$/.test(value.limit)) throw invalid(`limit must be a whole number from 1, got "${value.limit}"`);
    page.limit = Number(value.limit);
  }
  if (value.after !== undefined) page.after = value.after;
  return { filters, page };
}

// parseRange accepts any run of digits, so "1" followed by 400 zeros becomes Infinity; refused here.
function finiteRange(range: NumberRange, name: string): NumberRange {
  for (const bound of [range.min, range.max]) if (bound !== undefined && !Number.isFinite(bound)) throw invalid(`${name}: ${bound} is not a finite number`);
  return range;
}

function seconds(text: string, name: string): number {
  const n = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n)) throw invalid(`${name} must be a number of seconds, e.g. 90 or 12.5, got "${text.slice(0, 64)}"`);
  return n;
}

// The same code as core's parsers use for a bad filter value.
function invalid(message: string): Error {
  return new PipelineError('FILTER_INVALID', message);
}
