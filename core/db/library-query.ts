// The SQL of a library search, built from the filters as a pure function: every filter maps to an indexed
// column of `analyses` (see migrations/0001-initial.ts), and paging is keyset on the file id (`after` the
// last id seen), never OFFSET.
import { PipelineError } from '../errors.ts';
import type { LibraryFilters } from './filters.ts';
import type { DbValue } from './port.ts';

export interface LibraryPage {
  /** Rows per page: default 50, at most 1000. */
  limit?: number;
  /** `nextCursor` of the previous page; absent for the first. */
  after?: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** Paths of a file, most recently seen first, as a JSON array (every driver decodes json the same way). */
export const PATHS_OF_FILE = `(select coalesce(jsonb_agg(p.path order by p.last_seen_at desc, p.path), '[]'::jsonb)
  from file_paths p where p.file_id = f.id) as paths`;

/**
 * e.g. `buildLibraryQuery({bpm: {min: 120, max: 128}}, {limit: 10})` -> `{text: 'select ... where a.bpm >= $1
 * and a.bpm <= $2 ... limit $3', params: [120, 128, 11]}`. One row more than `limit` is asked for, to know
 * whether there is a next page.
 */
export function buildLibraryQuery(filters: LibraryFilters, page: LibraryPage = {}): { text: string; params: DbValue[] } {
  const params: DbValue[] = [];
  const bind = (value: DbValue, type: string): string => {
    // PostgreSQL text cannot hold U+0000: bound, it fails in the database ("invalid byte sequence"), which
    // GET /files?text=%00 turned into a 500. Refused as the bad filter value it is (test/edge/abuse-runtimes).
    if (typeof value === 'string' && value.includes('\u0000')) throw new PipelineError('FILTER_INVALID', 'a filter value contains a NUL character');
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const where: string[] = [];

  if (filters.bpm?.min !== undefined) where.push(`a.bpm >= ${bind(filters.bpm.min, 'float8')}`);
  if (filters.bpm?.max !== undefined) where.push(`a.bpm <= ${bind(filters.bpm.max, 'float8')}`);
  if (filters.key) {
    where.push(`a.key_tonic = ${bind(filters.key.tonic, 'text')}`);
    if (filters.key.mode) where.push(`a.key_mode = ${bind(filters.key.mode, 'text')}`);
  }
  if (filters.timeSignature) {
    where.push(`a.meter_numerator = ${bind(filters.timeSignature.numerator, 'smallint')}`);
    where.push(`a.meter_denominator = ${bind(filters.timeSignature.denominator, 'smallint')}`);
  }
  if (filters.minDurationSeconds !== undefined) where.push(`a.duration_seconds >= ${bind(filters.minDurationSeconds, 'float8')}`);
  if (filters.maxDurationSeconds !== undefined) where.push(`a.duration_seconds <= ${bind(filters.maxDurationSeconds, 'float8')}`);
  if (filters.instrument !== undefined && filters.instrument.trim() !== '') {
    const name = bind(filters.instrument.trim().toLowerCase(), 'text');
    where.push(`(a.instrument_families @> array[${name}] or a.instrument_names @> array[${name}])`);
  }
  if (filters.drums !== undefined) where.push(`a.has_drums = ${bind(filters.drums, 'boolean')}`);
  if (filters.text !== undefined && filters.text.trim() !== '') {
    // Two trigram-indexed lookups (text of the current analysis, and paths) united by id.
    const pattern = bind(`%${escapeLike(filters.text.trim())}%`, 'text');
    where.push(`a.file_id in (
      select t.file_id from analyses t join files tf on tf.id = t.file_id and tf.analysis_version = t.analyzer_version
      where t.search_text ilike ${pattern}
      union
      select p.file_id from file_paths p where p.path ilike ${pattern})`);
  }
  const after = parseCursor(page.after);
  if (after !== null) where.push(`a.file_id > ${bind(after, 'bigint')}`);
  const limit = pageSize(page.limit);

  const text = `select f.id, f.sha256, f.size_bytes, a.document, ${PATHS_OF_FILE}
from analyses a
join files f on f.id = a.file_id and f.analysis_version = a.analyzer_version
${where.length > 0 ? `where ${where.join('\n  and ')}` : ''}
order by a.file_id
limit ${bind(limit + 1, 'integer')}`;
  return { text, params };
}

/** The page size asked for, bounded, e.g. `pageSize(undefined) === 50`, `pageSize(5000) === 1000`. */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new PipelineError('FILTER_INVALID', `limit must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** A cursor is the last file id of the previous page, in decimal. */
function parseCursor(cursor: string | null | undefined): string | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  if (!/^\d{1,18}$/.test(cursor)) throw new PipelineError('FILTER_INVALID', `invalid page cursor "${cursor}"`);
  return cursor;
}

/** LIKE wildcards taken literally, e.g. `escapeLike('100%_x') === '100\\%\\_x'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
