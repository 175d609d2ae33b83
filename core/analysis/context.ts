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
  const rows = eventRows(file);
  return contextOf(file, byStart, drumMask(file, byStart, rows.drumCandidates), rows);
}

/** The context from parts already computed (scripts/profile-core.ts times each part on its own). */
export function contextOf(file: MidiFile, byStart: Uint32Array, drum: Uint8Array, rows: EventRows): AnalysisContext {
  return new Context(file, byStart, drum, rows);
}

/**
 * A class rather than an object literal with a closure: every file's closure was a new call target at the
 * sites calling byEnd(), and optimised code that had inlined the previous file's deoptimised on the next
 * (polyphony deoptimised about 40 times per corpus pass).
 */
class Context implements AnalysisContext {
  private ends: Uint32Array | undefined;
  constructor(
    readonly file: MidiFile,
    readonly byStart: Uint32Array,
    readonly drum: Uint8Array,
    readonly rows: EventRows,
  ) {}

  byEnd(): Uint32Array {
    return (this.ends ??= notesByEnd(this.file));
  }
}
