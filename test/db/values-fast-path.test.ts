// storableText, toJsonText and toArrayLiteral take a fast path for text with nothing to replace; their output must equal
// the exact definitions (below, as they were written before the fast path) on every input, including the
// ones that contain what the fast path looks for, and escapes that only look like it.
import { describe, expect, test } from 'vitest';
import { storableText, toArrayLiteral, toJsonText } from '../../core/db/values.ts';
import { makeAnalysis } from './fixtures.ts';

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const exactStorable = (text: string) => text.replace(UNSTORABLE, (c) => (c === '\u0000' ? '' : '\uFFFD'));
const exactJson = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? exactStorable(v) : v));
const exactArrayLiteral = (values: readonly (string | number | boolean | null | undefined)[]) =>
  `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${exactStorable(String(v)).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;

const samples = [
  '',
  'Piano',
  'Piano\u0000\u0000',
  '\u0000',
  'a\uD800b',
  'a\uDC00b',
  '\uDC00\uD800',
  '🎹 paired surrogates',
  '🎹\uD83C',
  'backslash u0000 as text: \\u0000',
  'backslash ud800 as text: \\ud800 \\uDFFF',
  'quote " and backslash \\',
  'control \u0001\u001f\n\t',
  'Güitar №1 音楽',
  'x'.repeat(5000) + '\u0000',
];

describe('fast paths equal the exact definitions', () => {
  test('storableText', () => {
    for (const s of samples) expect(storableText(s), JSON.stringify(s)).toBe(exactStorable(s));
  });

  test('toJsonText on strings, nested values and analysis documents', () => {
    for (const s of samples) {
      expect(toJsonText(s)).toBe(exactJson(s));
      expect(toJsonText({ name: s, list: [s, 1, null, { deep: s }] })).toBe(exactJson({ name: s, list: [s, 1, null, { deep: s }] }));
    }
    for (const trackNames of [['Piano'], ['Pia\u0000no', '\uD800'], ['\\u0000 literal']]) {
      const analysis = makeAnalysis({ n: 1, trackNames, lyrics: ['Hel', 'lo\u0000'] });
      expect(toJsonText(analysis)).toBe(exactJson(analysis));
      expect(() => JSON.parse(toJsonText(analysis))).not.toThrow();
    }
    expect(toJsonText(undefined)).toBe(exactJson(undefined));
  });

  test('toArrayLiteral on text, numbers, booleans and nulls', () => {
    const values = [...samples, 'a "quoted" \\ path', '{"piano","strings"}', 0, -1.5, 1e21, 3e-7, NaN, 2 ** 53, true, false, null, undefined];
    for (const v of values) expect(toArrayLiteral([v, 'x', v]), JSON.stringify(v)).toBe(exactArrayLiteral([v, 'x', v]));
    expect(toArrayLiteral(values)).toBe(exactArrayLiteral(values));
  });

  test('toArrayLiteral still makes every element storable', () => {
    expect(toArrayLiteral(['a\u0000b', '\uD800', 'ok'])).toBe('{"ab","\uFFFD","ok"}');
  });
});
