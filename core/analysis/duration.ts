// How long a file lasts. durationSeconds is the time of the latest event of any kind, End-of-Track
// included, over the tempo map merged from all tracks (contract; mido's `MidiFile.length` means the same).
// Format 2 tracks are independent sequences, each timed by its own tempo events: the longest one counts,
// and durationTicks is that track's length in ticks.
import { ticksToSeconds } from '../midi/tempo-map.ts';
import type { MidiFile } from '../midi/types.ts';

export interface Duration {
  seconds: number;
  ticks: number;
}

/** @example durationOf(file) // { seconds: 8, ticks: 1920 } */
export function durationOf(file: MidiFile): Duration {
  const { trackEndTick, trackCount } = file;
  if (file.format !== 2) {
    let ticks = 0;
    for (let t = 0; t < trackCount; t++) if (trackEndTick[t] > ticks) ticks = trackEndTick[t];
    return { seconds: ticksToSeconds(file.tempoMaps[0], ticks), ticks };
  }
  let seconds = 0;
  let ticks = 0;
  for (let t = 0; t < trackCount; t++) {
    const s = ticksToSeconds(file.tempoMaps[t], trackEndTick[t]);
    if (s > seconds || (s === seconds && trackEndTick[t] > ticks)) {
      seconds = s;
      ticks = trackEndTick[t];
    }
  }
  return { seconds, ticks };
}
