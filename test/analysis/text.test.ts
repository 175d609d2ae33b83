// Text meta events: decoded without throwing, bounded.
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, decodeText } from '../../core/analysis/text-decode.ts';
import { MAX_ITEMS, MAX_LIST_CHARS } from '../../core/analysis/text.ts';
import { MAX_TRACKS_LISTED } from '../../core/analysis/tracks.ts';
import { meta, noteOff, noteOn, trackName, type RawEvent } from '../support/smf.ts';
import { analyze } from './helpers.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('text decoding', () => {
  it('decodes ASCII and valid UTF-8 as UTF-8', () => {
    expect(decodeText(utf8('Piano'))).toBe('Piano');
    expect(decodeText(utf8('Café – 日本 🎹'))).toBe('Café – 日本 🎹');
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    expect(decodeText(bytes(0x43, 0x61, 0x66, 0xe9))).toBe('Café'); // Latin-1 é
    expect(decodeText(bytes(0x93, 0x48, 0x69, 0x94, 0x80))).toBe('\u201cHi\u201d\u20ac'); // curly quotes, euro
    expect(decodeText(bytes(0xc3, 0x28))).toBe('Ã('); // broken UTF-8 sequence
  });

  it('drops a UTF-8 character cut by the length bound instead of giving up on UTF-8', () => {
    // 'é' is 2 bytes: 513 of them cut at 1024 bytes (4 per character of the bound) end on a whole one;
    // a leading 'a' shifts the cut into the middle of one.
    const cut = decodeText(utf8('a' + 'é'.repeat(600)));
    expect(cut).toBe('a' + 'é'.repeat(MAX_TEXT_CHARS - 2) + '…');
    // A text that itself ends inside a character is not UTF-8.
    expect(decodeText(bytes(0x43, 0x61, 0x66, 0xc3))).toBe('CafÃ');
  });

  it('removes NULs and other control characters but keeps tabs and line breaks', () => {
    expect(decodeText(bytes(0x41, 0x00, 0x42, 0x00, 0x00))).toBe('AB');
    expect(decodeText(bytes(0x05, 0x01, 0x00, 0x7f))).toBe('');
    expect(decodeText(bytes(0x61, 0x0d, 0x0a, 0x09, 0x62))).toBe('a\r\n\tb');
  });

  it(`keeps at most ${MAX_TEXT_CHARS} characters, marking the cut`, () => {
    const long = decodeText(utf8('x'.repeat(100_000)));
    expect(long).toHaveLength(MAX_TEXT_CHARS);
    expect(long.endsWith('…')).toBe(true);
    expect(decodeText(utf8('y'.repeat(MAX_TEXT_CHARS)))).toBe('y'.repeat(MAX_TEXT_CHARS));
    // Never half a surrogate pair.
    const emoji = decodeText(utf8('🎹'.repeat(300)));
    expect(emoji.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(() => encodeURIComponent(emoji)).not.toThrow();
  });

  it('never throws on any byte sequence', () => {
    let seed = 12345;
    for (let n = 0; n < 2000; n++) {
      const length = n % 40;
      const random = new Uint8Array(length);
      for (let i = 0; i < length; i++) random[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      expect(typeof decodeText(random)).toBe('string');
    }
  });
});

describe('text summary', () => {
  const note = [noteOn(0, 0, 60), noteOff(480, 0, 60)];

  it('collects track names, the copyright, markers and lyrics', () => {
    const a = analyze({
      tracks: [
        [trackName(0, 'Song'), meta(0, 0x02, '(c) 2024 Someone '), meta(0, 0x02, 'second copyright'), meta(0, 0x06, 'Verse'), meta(960, 0x06, 'Chorus')],
        [trackName(0, [0x50, 0x69, 0x61, 0x6e, 0x6f, 0x00]), meta(0, 0x05, 'Hel'), meta(0, 0x05, 'lo '), meta(0, 0x05, ''), meta(0, 0x05, 'world\r'), ...note],
      ],
    });
    expect(a.text).toEqual({ trackNames: ['Song', 'Piano'], copyright: '(c) 2024 Someone', markers: ['Verse', 'Chorus'], lyrics: ['Hel', 'lo ', 'world\r'] });
    expect(a.tracks.map((t) => t.name)).toEqual(['Song', 'Piano']);
  });

  it('reads karaoke (.kar) lyrics from the text events of a track with "@" lines, when there are no lyric events', () => {
    const kar = [meta(0, 0x01, '@KMIDI KARAOKE FILE'), meta(0, 0x01, '@TTwinkle'), meta(0, 0x01, '\\Twin'), meta(0, 0x01, 'kle '), meta(0, 0x01, '/Lit'), meta(0, 0x01, 'tle')];
    expect(analyze({ tracks: [[meta(0, 0x01, 'not lyrics')], kar] }).text.lyrics).toEqual(['\nTwin', 'kle ', '\nLit', 'tle']);
    // Lyric events win: text events are then just text.
    expect(analyze({ tracks: [[...kar, meta(0, 0x05, 'La')]] }).text.lyrics).toEqual(['La']);
  });

  it('is empty for a file without text', () => {
    expect(analyze({ tracks: [note] }).text).toEqual({ trackNames: [], copyright: null, markers: [], lyrics: [] });
  });

  it(`bounds lists to ${MAX_ITEMS} entries and ${MAX_LIST_CHARS} characters`, () => {
    const many: RawEvent[] = Array.from({ length: 1000 }, (_, i) => meta(0, 0x06, `m${i}`));
    const long: RawEvent[] = Array.from({ length: 200 }, () => trackName(0, 'n'.repeat(200)));
    const a = analyze({ tracks: [[...many, ...long]] });
    expect(a.text.markers).toHaveLength(MAX_ITEMS);
    expect(a.text.markers[0]).toBe('m0');
    expect(a.text.trackNames.join('').length).toBeLessThanOrEqual(MAX_LIST_CHARS);
    expect(JSON.stringify(a).length).toBeLessThan(64_000);
  });
});

describe('tracks', () => {
  it('lists each track with its name, note count and channels', () => {
    const a = analyze({
      tracks: [
        [trackName(0, 'Conductor')],
        [trackName(0, 'Band'), noteOn(0, 0, 60), noteOn(0, 9, 36), noteOff(480, 0, 60), noteOff(0, 9, 36), noteOn(0, 0, 62), noteOff(480, 0, 62)],
        [noteOn(0, 3, 40), noteOff(480, 3, 40)],
      ],
    });
    expect(a.trackCount).toBe(3);
    expect(a.tracks).toEqual([
      { index: 0, name: 'Conductor', noteCount: 0, channels: [] },
      { index: 1, name: 'Band', noteCount: 3, channels: [1, 10] },
      { index: 2, name: null, noteCount: 1, channels: [4] },
    ]);
  });

  it(`lists at most ${MAX_TRACKS_LISTED} tracks, quickly, however many the file has`, () => {
    const tracks: RawEvent[][] = Array.from({ length: 5000 }, (_, t) => (t === 4999 ? [noteOn(0, 0, 60), noteOff(480, 0, 60)] : []));
    const started = performance.now();
    const a = analyze({ tracks });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(a.trackCount).toBe(5000);
    expect(a.tracks).toHaveLength(MAX_TRACKS_LISTED);
    expect(a.noteCount).toBe(1);
  });
});
