// Pitch-class names in the contract's spelling (sharps only).
import type { PitchClassName } from './types.ts';

/** Index = pitch class (MIDI note number mod 12), e.g. `PITCH_CLASS_NAMES[10]` = "A#". */
export const PITCH_CLASS_NAMES: readonly PitchClassName[] = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

/** Pitch class of each MIDI note number, a table lookup on hot paths: `PITCH_CLASS[61]` = 1 (C#). */
export const PITCH_CLASS: Uint8Array = Uint8Array.from({ length: 128 }, (_, p) => p % 12);
