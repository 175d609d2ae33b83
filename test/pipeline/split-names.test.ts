// Child file names from hostile inputs: whatever a track name or a parent path holds, the name is one
// '/'-free component inside a two-hex-digit folder, bounded in bytes, without control characters, not
// hidden, and resolves inside the output folder (adapters/local/file-sink.ts checks that again).
import { resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { insideFolder } from '../../adapters/local/file-sink.ts';
import { childFileName, fileStem, sanitizeName } from '../../core/pipeline/split-names.ts';

const SHA = 'ab12cd34ef'.padEnd(64, '0');
const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

const hostile: [string, string][] = [
  ['parent traversal', '../../x'],
  ['absolute path', '/etc/passwd'],
  ['backslashes', '..\\..\\windows\\system32'],
  ['newlines and tabs', 'line one\nline two\r\n\tend'],
  ['NUL and C0 controls', 'a\u0000b\u0001c\u001fd'],
  ['only dots', '..'],
  ['hidden file', '.bashrc'],
  ['very long', 'x'.repeat(10_000)],
  ['very long multi-byte', '音'.repeat(1000)],
  ['emoji (astral plane)', '🎹🥁'.repeat(50)],
  ['lone surrogates (undecodable bytes)', '\uD800bad\uDFFF'],
  ['replacement characters', '\uFFFD\uFFFDname'],
  ['right-to-left override', 'evil\u202Egnp.mid'],
  ['Windows device name', 'CON'],
  ['quotes and shell characters', `'"; rm -rf / $(x) \`y\``],
];

describe('childFileName', () => {
  for (const [label, text] of hostile) {
    test(`${label}: as track name and as parent file name`, () => {
      for (const name of [childFileName('/music/song.mid', SHA, 3, text), childFileName(`/music/${text}.mid`, SHA, 3, null), childFileName(text, SHA, 70000, text)]) {
        const parts = name.split('/');
        expect(parts).toHaveLength(2);
        expect(parts[0]).toBe('ab');
        const file = parts[1]!;
        expect(file).toMatch(/^[^.\s][^/\\]*\.mid$/);
        // letters, marks, digits and . _ - only: no controls, separators, quotes, or invisible format characters
        expect(file).toMatch(/^[\p{L}\p{M}\p{N}._-]+$/u);
        expect(utf8Bytes(file)).toBeLessThanOrEqual(255);
        expect(file).toContain(`-ab12cd34ef-t`);
        const root = resolve('/tmp/out');
        expect(insideFolder(root, name).startsWith(root + sep)).toBe(true);
      }
    });
  }

  test('examples', () => {
    expect(childFileName('/music/Song (live).mid', SHA, 3, 'Piano / Left')).toBe('ab/Song_live-ab12cd34ef-t03-Piano_Left.mid');
    expect(childFileName('C:\\midi\\a.b.mid', SHA, 12, '../../x')).toBe('ab/a.b-ab12cd34ef-t12-x.mid');
    expect(childFileName('/m/.mid', SHA, 1, '..')).toBe('ab/mid-ab12cd34ef-t01.mid');
    expect(childFileName('/m/...', SHA, 1, null)).toBe('ab/untitled-ab12cd34ef-t01.mid');
    expect(childFileName('/m/Güitar №1.mid', SHA, 1, null)).toBe('ab/Güitar_1-ab12cd34ef-t01.mid');
    expect(fileStem('/a/b/c.tar.mid')).toBe('c.tar');
    expect(sanitizeName('x'.repeat(100), 40)).toBe('x'.repeat(40));
    // cut at a code point, never inside one: 13 three-byte characters fit in 40 bytes
    expect(sanitizeName('音'.repeat(100), 40)).toBe('音'.repeat(13));
  });
});

describe('insideFolder (the sink refuses what the names never produce)', () => {
  const root = resolve('/tmp/out');
  for (const bad of ['../x.mid', 'ab/../../x.mid', '/etc/passwd', 'ab//x.mid', 'ab/./x.mid', 'ab\\..\\x.mid', 'a\u0000b.mid', '']) {
    test(JSON.stringify(bad), () => {
      expect(() => insideFolder(root, bad)).toThrow(expect.objectContaining({ code: 'OUTPUT_OUTSIDE' }));
    });
  }
});
