// The text a file carries: track names, copyright, markers, lyrics (meta events FF 03, FF 02, FF 06, FF 05;
// SMF 1.0 "Meta-Events"), decoded by text-decode.ts. Bounded so that a hostile file cannot blow up the JSON:
// at most MAX_TEXT_CHARS per string, MAX_ITEMS entries per list (MAX_LYRICS for lyrics, which come one
// syllable per event) and MAX_LIST_CHARS characters per list; entries past a bound are dropped.
// Names, markers and the copyright are trimmed and empty ones skipped; lyrics keep their spaces and line
// breaks (syllables are meant to be joined), only empty ones are skipped. Lists are in file order.
// Karaoke (.kar, Tune 1000 "Soft Karaoke") files carry their lyrics in text events (FF 01) instead, in a track
// whose text events include "@" lines (@KMIDI KARAOKE FILE, @T title, ...): when a file has no lyric events,
// the non-"@" text events of such tracks are its lyrics, their leading "\" (new paragraph) or "/" (new line)
// turned into a line break.
import { Meta, type MidiFile } from '../midi/types.ts';
import type { TextSummary } from './types.ts';
import { payloadOf } from './meta-events.ts';
import { decodeText } from './text-decode.ts';

export const MAX_ITEMS = 256;
export const MAX_LYRICS = 2048;
export const MAX_LIST_CHARS = 16_384;

class BoundedList {
  readonly items: string[] = [];
  private chars = 0;
  constructor(private readonly maxItems: number) {}

  add(text: string): void {
    if (text.length === 0 || this.items.length >= this.maxItems || this.chars + text.length > MAX_LIST_CHARS) return;
    this.items.push(text);
    this.chars += text.length;
  }

  /** No more room: further texts need not even be decoded. */
  get full(): boolean {
    return this.items.length >= this.maxItems || this.chars >= MAX_LIST_CHARS;
  }
}

/**
 * @param meta the rows of all meta events, ascending (event-rows.ts)
 * @example textOf(file, rows.meta) // { trackNames: ['Piano'], copyright: '(c) 1999', markers: ['Verse'], lyrics: ['Hel', 'lo '] }
 */
export function textOf(file: MidiFile, meta: number[]): TextSummary {
  const { events, bytes, trackStart } = file;
  const { data1, payloadStart, payloadLength } = events;
  const trackNames = new BoundedList(MAX_ITEMS);
  const markers = new BoundedList(MAX_ITEMS);
  const lyrics = new BoundedList(MAX_LYRICS);
  let copyright: string | null = null;
  let karaokeTracks: number[] | null = null;
  let t = 0; // the track of `row`
  for (const row of meta) {
    while (trackStart[t + 1] <= row) t++;
    const type = data1[row];
    if (type === Meta.trackName) {
      if (!trackNames.full) trackNames.add(decodeText(payloadOf(file, row)).trim());
    } else if (type === Meta.marker) {
      if (!markers.full) markers.add(decodeText(payloadOf(file, row)).trim());
    } else if (type === Meta.lyric) {
      if (!lyrics.full) lyrics.add(decodeText(payloadOf(file, row)));
    } else if (type === Meta.copyright && copyright === null) {
      const text = decodeText(payloadOf(file, row)).trim();
      if (text.length > 0) copyright = text;
    } else if (type === Meta.text && payloadLength[row] > 0 && bytes[payloadStart[row]] === AT) {
      karaokeTracks ??= [];
      if (karaokeTracks[karaokeTracks.length - 1] !== t) karaokeTracks.push(t);
    }
  }
  if (lyrics.items.length === 0 && karaokeTracks) {
    // Meta rows are in track order, and so are the karaoke tracks.
    let k = 0;
    t = 0;
    for (const row of meta) {
      if (k === karaokeTracks.length || lyrics.full) break;
      while (trackStart[t + 1] <= row) t++;
      while (k < karaokeTracks.length && karaokeTracks[k] < t) k++;
      if (karaokeTracks[k] !== t) continue;
      if (data1[row] !== Meta.text || payloadLength[row] === 0 || bytes[payloadStart[row]] === AT) continue;
      lyrics.add(decodeText(payloadOf(file, row)).replace(/^[\\/]/, '\n'));
    }
  }
  return { trackNames: trackNames.items, copyright, markers: markers.items, lyrics: lyrics.items };
}

const AT = 0x40; // "@"
