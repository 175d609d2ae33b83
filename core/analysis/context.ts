// What several analysis modules share, computed once per file: the notes in start and in end order, and
// which notes are drums.
import type { MidiFile } from '../midi/types.ts';
import { drumMask } from './drums.ts';
import { notesByEnd, notesByStart } from './note-order.ts';

export interface AnalysisContext {
  file: MidiFile;
  /** Note indexes sorted by start in seconds; equal starts in table order (track, then note-on order). */
  byStart: Uint32Array;
  /** Note indexes sorted by end, stable. */
  byEnd: Uint32Array;
  /** Per note (table order): 1 when it sounds on a drum part. */
  drum: Uint8Array;
}

export function analysisContext(file: MidiFile): AnalysisContext {
  const byStart = notesByStart(file.notes.startSeconds, file.notes.count);
  return { file, byStart, byEnd: notesByEnd(file), drum: drumMask(file, byStart) };
}
