// The text forms of the query filters, and the SQL they become.
import { describe, expect, test } from 'vitest';
import { parseKey, parseRange, parseTimeSignature } from '../../core/db/filters.ts';
import { buildLibraryQuery, escapeLike, pageSize } from '../../core/db/library-query.ts';

describe('parsers', () => {
  test.each([
    ['120..128', { min: 120, max: 128 }],
    ['120', { min: 120, max: 120 }],
    ['120..', { min: 120 }],
    ['..90.5', { max: 90.5 }],
    [' 60 .. 70 ', { min: 60, max: 70 }],
  ])('range %s', (text, expected) => expect(parseRange(text)).toEqual(expected));
  test.each(['', '..', 'fast', '130..120', '1.2.3', '1' + '0'.repeat(400), '..' + '9'.repeat(400)])('bad range %j', (text) => expect(() => parseRange(text)).toThrow(expect.objectContaining({ code: 'FILTER_INVALID' })));

  test.each([
    ['A minor', { tonic: 'A', mode: 'minor' }],
    ['Am', { tonic: 'A', mode: 'minor' }],
    ['a', { tonic: 'A' }],
    ['F# major', { tonic: 'F#', mode: 'major' }],
    ['Bb', { tonic: 'A#' }],
    ['Eb min', { tonic: 'D#', mode: 'minor' }],
    ['CM', { tonic: 'C', mode: 'major' }],
    ['c MAJOR', { tonic: 'C', mode: 'major' }],
    ['Cb', { tonic: 'B' }],
  ])('key %s', (text, expected) => expect(parseKey(text)).toEqual(expected));
  test.each(['H minor', 'A dorian', '', 'A##'])('bad key %j', (text) => expect(() => parseKey(text)).toThrow(expect.objectContaining({ code: 'FILTER_INVALID' })));

  test('time signatures', () => {
    expect(parseTimeSignature('3/4')).toEqual({ numerator: 3, denominator: 4 });
    expect(parseTimeSignature(' 6 / 8 ')).toEqual({ numerator: 6, denominator: 8 });
    expect(() => parseTimeSignature('3:4')).toThrow(expect.objectContaining({ code: 'FILTER_INVALID' }));
  });
});

describe('buildLibraryQuery', () => {
  test('binds every value, pages by id, asks one row more than the limit', () => {
    const { text, params } = buildLibraryQuery({ bpm: { min: 120, max: 128 }, key: { tonic: 'A', mode: 'minor' }, drums: false }, { limit: 10, after: '42' });
    expect(params).toEqual([120, 128, 'A', 'minor', false, '42', 11]);
    expect(text).toContain('a.bpm >= $1::float8');
    expect(text).toContain('a.file_id > $6::bigint');
    expect(text).toMatch(/order by a\.file_id\s+limit \$7::integer$/);
    expect(text).not.toMatch(/offset/i);
  });
  test('instrument and text are case-insensitive; LIKE wildcards are escaped', () => {
    const { params } = buildLibraryQuery({ instrument: ' Piano ', text: '100%_x' });
    expect(params).toEqual(['piano', '%100\\%\\_x%', 51]);
    expect(escapeLike('a\\b')).toBe('a\\\\b');
  });
  test('page sizes and cursors are checked', () => {
    expect([pageSize(undefined), pageSize(5000), pageSize(1)]).toEqual([50, 1000, 1]);
    expect(() => pageSize(0)).toThrow(expect.objectContaining({ code: 'FILTER_INVALID' }));
    expect(() => buildLibraryQuery({}, { after: '1; drop table files' })).toThrow(expect.objectContaining({ code: 'FILTER_INVALID' }));
  });
});
