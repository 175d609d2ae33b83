// Statistics over all notes (drums included: the contract excludes drums only from the key).
// notesPerSecond: noteCount / durationSeconds (0 for a file lasting 0 s).
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

/** Notes per second of the file's duration, e.g. 4.2. */
export function notesPerSecond(noteCount: number, durationSeconds: number): number {
  return durationSeconds > 0 ? round(noteCount / durationSeconds, 3) : 0;
}
