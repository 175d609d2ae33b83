// Per-track summary: name, note count, channels. Linear in notes + events + tracks, with no per-track
// scans, so the 65,535-track corpus file stays fast. Only the first MAX_TRACKS_LISTED tracks are listed
// (a hostile file could otherwise turn 786 KB of empty tracks into megabytes of JSON); `trackCount`
// in the analysis keeps the real number.
import { Meta, type MidiFile } from '../midi/types.ts';
import type { TrackSummary } from './types.ts';
import { payloadOf } from './meta-events.ts';
import { decodeText } from './text-decode.ts';

export const MAX_TRACKS_LISTED = 1024;

/** @example tracksOf(file) // [{ index: 0, name: 'Piano', noteCount: 120, channels: [1] }] */
export function tracksOf(file: MidiFile): TrackSummary[] {
  const listed = Math.min(file.trackCount, MAX_TRACKS_LISTED);
  const { notes, events, trackStart } = file;
  const noteCount = new Uint32Array(listed);
  const channelMask = new Uint16Array(listed);
  const { track, channel, count } = notes;
  for (let i = 0; i < count; i++) {
    const t = track[i];
    if (t >= listed) break; // notes are grouped by track in ascending order
    noteCount[t]++;
    channelMask[t] |= 1 << channel[i];
  }
  const out: TrackSummary[] = new Array(listed);
  for (let t = 0; t < listed; t++) {
    let name: string | null = null;
    for (let row = trackStart[t]; row < trackStart[t + 1]; row++) {
      if (events.status[row] === 0xff && events.data1[row] === Meta.trackName) {
        const text = decodeText(payloadOf(file, row)).trim();
        if (text.length > 0) {
          name = text;
          break;
        }
      }
    }
    const channels: number[] = [];
    for (let ch = 0; ch < 16; ch++) if (channelMask[t] & (1 << ch)) channels.push(ch + 1);
    out[t] = { index: t, name, noteCount: noteCount[t], channels };
  }
  return out;
}
