// Splits a multi-track file into one format-0 file per track that has notes. Each child carries the
// tempo, time-signature and key-signature events of every other track (the conductor track, usually),
// merged in time, so its notes sound at the same seconds as in the parent.
import { trackEvents, type WritableEvent } from '../midi/events.ts';
import { noteRange } from '../midi/notes.ts';
import { Meta, type MidiFile } from '../midi/types.ts';
import { writeMidi } from '../midi/write.ts';

export interface SplitChild {
  /** Index of the parent's track chunk this child was made from. */
  trackIndex: number;
  noteCount: number;
  bytes: Uint8Array;
}

const CONDUCTOR_META: ReadonlySet<number> = new Set([Meta.tempo, Meta.timeSignature, Meta.keySignature]);

function isConductorEvent(e: WritableEvent): boolean {
  return e.status === 0xff && CONDUCTOR_META.has(e.data1);
}

/** Tracks with notes, or an empty list when the file has fewer than two tracks (nothing to split). */
export function splitTracks(file: MidiFile): SplitChild[] {
  if (file.trackCount < 2) return [];
  const tracks = Array.from({ length: file.trackCount }, (_, t) => t);
  const withNotes = tracks.filter((t) => {
    const [first, last] = noteRange(file.notes, t);
    return last > first;
  });
  if (withNotes.length === 0) return [];

  // Format 2 tracks are independent sequences with their own tempo: nothing to merge in.
  const conductor = file.format === 2 ? [] : conductorEvents(file);

  return withNotes.map((t) => {
    const own = trackEvents(file, t);
    const merged = own.events.slice();
    for (const c of conductor) if (c.track !== t) merged.push(c.event);
    // Conductor events first at equal ticks, so a tempo change applies to notes starting with it.
    const order = merged.map((e, i) => ({ e, i, conductor: isConductorEvent(e) ? 0 : 1 }));
    order.sort((a, b) => a.e.tick - b.e.tick || a.conductor - b.conductor || a.i - b.i);
    const [first, last] = noteRange(file.notes, t);
    const bytes = writeMidi({
      format: 0,
      ppq: file.ppq,
      smpte: file.smpte,
      tracks: [{ events: order.map((x) => x.e), endTick: own.endTick }],
    });
    return { trackIndex: t, noteCount: last - first, bytes };
  });
}

/** Tempo, time-signature and key-signature events of all tracks, with the track each came from. */
function conductorEvents(file: MidiFile): { track: number; event: WritableEvent }[] {
  const { events: table, bytes } = file;
  const out: { track: number; event: WritableEvent }[] = [];
  for (let t = 0; t < file.trackCount; t++) {
    for (let i = file.trackStart[t]; i < file.trackStart[t + 1]; i++) {
      if (table.status[i] !== 0xff || !CONDUCTOR_META.has(table.data1[i])) continue;
      const start = table.payloadStart[i];
      const payload = bytes.subarray(start, start + table.payloadLength[i]);
      out.push({ track: t, event: { tick: table.tick[i], status: 0xff, data1: table.data1[i], data2: 0, payload } });
    }
  }
  return out;
}
