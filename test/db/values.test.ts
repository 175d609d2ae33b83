// Value normalisation and parameter encoding, shared by all drivers.
import { describe, expect, test } from 'vitest';
import { storableText, toArrayLiteral, toDate, toInt, toJson, toJsonText, toNumber } from '../../core/db/values.ts';

describe('decoding', () => {
  test('integers from number, string and BigInt', () => {
    expect([toInt(42), toInt('42'), toInt(42n), toInt('9007199254740991')]).toEqual([42, 42, 42, 9007199254740991]);
    expect(() => toInt('9007199254740993')).toThrow(expect.objectContaining({ code: 'DB_VALUE_INVALID' }));
    expect(() => toInt('1.5')).toThrow(expect.objectContaining({ code: 'DB_VALUE_INVALID' }));
  });
  test('numbers from numeric text', () => {
    expect([toNumber('1.50'), toNumber(2.5), toNumber('NaN')]).toEqual([1.5, 2.5, NaN]);
    expect(() => toNumber('abc')).toThrow(expect.objectContaining({ code: 'DB_VALUE_INVALID' }));
  });
  test('timestamps from Date and PostgreSQL text', () => {
    expect(toDate('2024-05-01 12:00:00.5+00').toISOString()).toBe('2024-05-01T12:00:00.500Z');
    expect(toDate('2024-05-01 14:00:00+02').toISOString()).toBe('2024-05-01T12:00:00.000Z');
    expect(toDate(new Date(0)).getTime()).toBe(0);
  });
  test('json from parsed values and text', () => {
    expect(toJson('{"a":[1]}')).toEqual({ a: [1] });
    expect(toJson({ a: 1 })).toEqual({ a: 1 });
  });
});

describe('encoding', () => {
  test('array literals quote every element and escape quotes and backslashes', () => {
    expect(toArrayLiteral(['a"b', null, 3, 'c\\d', '{x,y}', true, undefined, ''])).toBe('{"a\\"b",NULL,"3","c\\\\d","{x,y}","true",NULL,""}');
    expect(toArrayLiteral([])).toBe('{}');
  });
  test('text PostgreSQL can store: no NUL, no lone surrogates', () => {
    expect(storableText('Piano\u0000\u0000')).toBe('Piano');
    expect(storableText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(storableText('🎹')).toBe('🎹');
    expect(toJsonText({ name: 'x\u0000y', list: ['\u0000'] })).toBe('{"name":"xy","list":[""]}');
  });
});
