// The collapsed chord progression that the segment sweeps (chord-grid.ts, chord-sweep.ts) append to.
import { chordName } from './chord-templates.ts';

export const PROGRESSION_LIMIT = 64;

/** Consecutive repeats and unrecognised segments (-1) add nothing. */
export class Progression {
  count = 0;
  names: string[] = [];
  private last = -1;

  add(chord: number): void {
    if (chord < 0 || chord === this.last) return;
    this.last = chord;
    this.count++;
    if (this.names.length < PROGRESSION_LIMIT) this.names.push(chordName(chord));
  }
}
