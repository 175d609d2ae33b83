// What several analysis modules share, computed once per file: the notes in start order (and, for the few
// sweeps that need it, in end order), and which notes are drums.
import type { MidiFile } from '../midi/types.ts';
import { drumMask } from './drums.ts';
import { eventRows, type EventRows } from './event-rows.ts';
import { notesByEnd, notesByStart } from './note-order.ts';

export interface AnalysisContext {
  file: MidiFile;
  /** Note indexes sorted by start in seconds; equal starts in table order (track, then note-on order). */
  byStart: Uint32Array;
  /** Note indexes sorted by end, stable: sorted on first use (most files never need them). */
  byEnd(): Uint32Array;
  /** Per note (table order): 1 when it sounds on a drum part. */
  drum: Uint8Array;
  /** The event rows the modules read (meta events, program changes, drum-part changes). */
  rows: EventRows;
}

export function analysisContext(file: MidiFile): AnalysisContext {
  const byStart = notesByStart(file.notes.startSeconds, file.notes.count);
  let byEnd: Uint32Array | undefined;
  const rows = eventRows(file);
  return { file, byStart, byEnd: () => (byEnd ??= notesByEnd(file)), drum: drumMask(file, byStart, rows.drumCandidates), rows };
}
