// What several analysis modules share, computed once per file: the notes in start order (the one sort)
// and which notes are drums.
import type { MidiFile } from '../midi/types.ts';
import { drumMask } from './drums.ts';
import { notesByStart } from './note-order.ts';

export interface AnalysisContext {
  file: MidiFile;
  /** Note indexes sorted by start in seconds; equal starts in table order (track, then note-on order). */
  order: Uint32Array;
  /** Per note (table order): 1 when it sounds on a drum part. */
  drum: Uint8Array;
}

export function analysisContext(file: MidiFile): AnalysisContext {
  const order = notesByStart(file.notes.startSeconds, file.notes.count);
  return { file, order, drum: drumMask(file, order) };
}
