// Per-track summary: name, note count, channels (counted in note-facts.ts). Linear in events + tracks, so
// the 65,535-track corpus file stays fast. Only the first MAX_TRACKS_LISTED tracks are listed
// (a hostile file could otherwise turn 786 KB of empty tracks into megabytes of JSON); `trackCount`
// in the analysis keeps the real number.
import { Meta, type MidiFile } from '../midi/types.ts';
import type { TrackSummary } from './types.ts';
import { payloadOf } from './meta-events.ts';
import type { NoteFacts } from './note-facts.ts';
import { channelList } from './notes-stats.ts';
import { decodeText } from './text-decode.ts';

export const MAX_TRACKS_LISTED = 1024;

/**
 * @param facts from noteFacts(file, drum, MAX_TRACKS_LISTED)
 * @param meta the rows of all meta events, ascending (event-rows.ts)
 * @example tracksOf(file, facts, rows.meta) // [{ index: 0, name: 'Piano', noteCount: 120, channels: [1] }]
 */
export function tracksOf(file: MidiFile, facts: NoteFacts, meta: number[]): TrackSummary[] {
  const listed = Math.min(file.trackCount, MAX_TRACKS_LISTED);
  const { events, trackStart } = file;
  // Each listed track's name: its first track-name event with text left after trimming.
  const names: (string | null)[] = new Array(listed).fill(null);
  let t = 0;
  for (const row of meta) {
    while (trackStart[t + 1] <= row) t++;
    if (t >= listed) break;
    if (names[t] !== null || events.data1[row] !== Meta.trackName) continue;
    const text = decodeText(payloadOf(file, row)).trim();
    if (text.length > 0) names[t] = text;
  }
  const out: TrackSummary[] = new Array(listed);
  for (let t = 0; t < listed; t++) {
    out[t] = { index: t, name: names[t], noteCount: facts.trackNotes[t], channels: channelList(facts.trackChannels[t]) };
  }
  return out;
}
