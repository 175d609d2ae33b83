// Statistics over all notes (drums included: the contract excludes drums only from the key).
// Polyphony, where the contract is silent:
// - max: the most notes sounding at one instant; a note sounds over [start, end), so a note ending exactly
//   when another starts does not overlap it, and a zero-length note never sounds.
// - mean: time-weighted mean of the number of sounding notes over the time when at least one sounds
//   (total note seconds / length of the union of the notes' intervals): rests do not dilute it.
// notesPerSecond: noteCount / durationSeconds (0 for a file lasting 0 s).
import type { NoteTable } from '../midi/types.ts';
import type { NoteFacts } from './note-facts.ts';
import { round } from './round.ts';

export interface PitchStats {
  min: number;
  max: number;
  unique: number;
}

export interface VelocityStats {
  min: number;
  max: number;
  mean: number;
}

/** @example pitchStats(facts) // { min: 60, max: 72, unique: 8 }, or null without notes */
export function pitchStats(facts: NoteFacts): PitchStats | null {
  if (facts.count === 0) return null;
  let min = 127;
  let max = 0;
  let unique = 0;
  for (let p = 0; p < 128; p++) {
    if (!facts.pitchSeen[p]) continue;
    unique++;
    if (p < min) min = p;
    max = p;
  }
  return { min, max, unique };
}

/** @example velocityStats(facts) // { min: 40, max: 100, mean: 72.5 }, or null without notes */
export function velocityStats(facts: NoteFacts): VelocityStats | null {
  if (facts.count === 0) return null;
  return { min: facts.velocityMin, max: facts.velocityMax, mean: round(facts.velocitySum / facts.count, 2) };
}

/** MIDI channels (1-16) that carry notes, ascending, e.g. [1, 2, 10]. */
export function channelsUsed(facts: NoteFacts): number[] {
  return channelList(facts.channelMask);
}

/** Channel numbers 1-16 of the bits set in `mask`, e.g. `channelList(0b1000000011)` = [1, 2, 10]. */
export function channelList(mask: number): number[] {
  const out: number[] = [];
  for (let ch = 0; ch < 16; ch++) if (mask & (1 << ch)) out.push(ch + 1);
  return out;
}

/**
 * @param byStart, byEnd note indexes sorted by start and by end (note-order.ts)
 * @example polyphony(notes, byStart, byEnd) // { max: 4, mean: 2.75 }
 */
export function polyphony(notes: NoteTable, byStart: Uint32Array, byEnd: Uint32Array): { max: number; mean: number } {
  const n = notes.count;
  const start = notes.startSeconds;
  const end = notes.endSeconds;
  // Sounding just after a note starts at s: starts so far minus ends at or before s. All starts at s are
  // consecutive in byStart, and the count is exact after the last of them, which is where a maximum is.
  let j = 0;
  let sounding = 0;
  let max = 0;
  let noteSeconds = 0;
  let union = 0;
  let coveredTo = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = byStart[k];
    const s = start[i];
    const e = end[i];
    noteSeconds += e - s;
    if (e > coveredTo) {
      union += e - (s > coveredTo ? s : coveredTo);
      coveredTo = e;
    }
    while (j < n && end[byEnd[j]] <= s) {
      j++;
      sounding--;
    }
    if (++sounding > max) max = sounding;
  }
  return { max, mean: union > 0 ? round(noteSeconds / union, 3) : 0 };
}

/** Notes per second of the file's duration, e.g. 4.2. */
export function notesPerSecond(noteCount: number, durationSeconds: number): number {
  return durationSeconds > 0 ? round(noteCount / durationSeconds, 3) : 0;
}
