// One pass over the note table (table order, no indirection) gathering what several modules report:
// pitch and velocity ranges, channels, the last note end, per-track counts and channels, the duration-weighted
// pitch-class histogram of the pitched notes, and which (drum part, channel) pairs have notes.
// Separate passes per module cost 2-3x more over the corpus; the modules turn these facts into their fields.
import type { MidiFile } from '../midi/types.ts';
import { PITCH_CLASS } from './pitch-class.ts';

/** A note's weight in the key histogram: its duration in seconds, capped (see key.ts). */
export const MAX_NOTE_WEIGHT_SECONDS = 4;
/** Pitch class of each MIDI pitch: a load instead of an integer division per note. */

export interface NoteFacts {
  count: number;
  /** 1 for every pitch (0-127) that some note has. */
  pitchSeen: Uint8Array;
  velocityMin: number;
  velocityMax: number;
  velocitySum: number;
  /** Bit c set when channel c (0-15) has notes. */
  channelMask: number;
  notesEndSeconds: number;
  /** Notes and channel bits of the first `trackNotes.length` tracks. */
  trackNotes: Uint32Array;
  trackChannels: Uint16Array;
  /** Duration-weighted pitch classes of the pitched (non-drum) notes, and how many notes that is. */
  pitchClassWeights: Float64Array;
  pitchedNotes: number;
  drumNotes: number;
  /** Bit part = drum * 16 + channel set when that part has notes. */
  partMask: number;
}

/**
 * @param drum per-note drum mask (drums.ts)
 * @param trackLimit per-track facts only for tracks below this index
 */
export function noteFacts(file: MidiFile, drum: Uint8Array, trackLimit: number): NoteFacts {
  const { pitch, velocity, channel, track, startSeconds, endSeconds, count } = file.notes;
  const tracks = Math.min(trackLimit, file.trackCount);
  const pitchSeen = new Uint8Array(128);
  const trackNotes = new Uint32Array(tracks);
  const trackChannels = new Uint16Array(tracks);
  const pitchClassWeights = new Float64Array(12);
  let velocityMin = 127;
  let velocityMax = 0;
  let velocitySum = 0;
  let channelMask = 0;
  let notesEnd = 0;
  let pitchedNotes = 0;
  let partMask = 0;
  // Notes are grouped by track: count each run in locals, store when the track changes.
  let currentTrack = count > 0 ? track[0] : 0;
  let runStart = 0;
  let runChannels = 0;
  for (let i = 0; i < count; i++) {
    const p = pitch[i];
    const v = velocity[i];
    const ch = channel[i];
    const t = track[i];
    const e = endSeconds[i];
    pitchSeen[p] = 1;
    if (v < velocityMin) velocityMin = v;
    if (v > velocityMax) velocityMax = v;
    velocitySum += v;
    if (e > notesEnd) notesEnd = e;
    if (t !== currentTrack) {
      if (currentTrack < tracks) {
        trackNotes[currentTrack] = i - runStart;
        trackChannels[currentTrack] = runChannels;
      }
      channelMask |= runChannels;
      currentTrack = t;
      runStart = i;
      runChannels = 0;
    }
    runChannels |= 1 << ch;
    partMask |= 1 << ((drum[i] << 4) | ch);
    // Without a branch on the drum mask (it mispredicts wherever drum and pitched notes alternate): a drum
    // note adds exactly 0 to its pitch class's weight and to the count.
    const pitched = 1 - drum[i];
    pitchClassWeights[PITCH_CLASS[p]] += pitched * Math.min(e - startSeconds[i], MAX_NOTE_WEIGHT_SECONDS);
    pitchedNotes += pitched;
  }
  if (count > 0) {
    if (currentTrack < tracks) {
      trackNotes[currentTrack] = count - runStart;
      trackChannels[currentTrack] = runChannels;
    }
    channelMask |= runChannels;
  }
  return {
    count,
    pitchSeen,
    velocityMin,
    velocityMax,
    velocitySum,
    channelMask,
    notesEndSeconds: notesEnd,
    trackNotes,
    trackChannels,
    pitchClassWeights,
    pitchedNotes,
    drumNotes: count - pitchedNotes,
    partMask,
  };
}
