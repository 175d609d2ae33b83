// An independent view of a split: both files parsed with midi-file (not our reader), notes paired and
// placed in seconds by the arithmetic below (not core/midi's tempo map). A child must hold exactly the
// notes of its parent's track, at the same times in seconds, and the parent's whole tempo map, meters and
// key signatures (format 0/1; a format 2 track keeps its own).
import * as midiFileModule from 'midi-file';

interface MidiFileEvent {
  deltaTime: number;
  type: string;
  channel?: number;
  noteNumber?: number;
  velocity?: number;
  microsecondsPerBeat?: number;
  numerator?: number;
  denominator?: number;
  key?: number;
  scale?: number;
}
interface Parsed {
  header: { format: number; numTracks: number; ticksPerBeat?: number; framesPerSecond?: number; ticksPerFrame?: number };
  tracks: MidiFileEvent[][];
}
type ParseMidi = (bytes: ArrayLike<number>) => Parsed;
// CommonJS: the named export or the default's (design.md, "Pitfalls already found").
const parseMidi: ParseMidi =
  (midiFileModule as unknown as { parseMidi?: ParseMidi }).parseMidi ?? (midiFileModule as unknown as { default: { parseMidi: ParseMidi } }).default.parseMidi;

/** midi-file throws strings on input it cannot take; null then. */
export function parseWithMidiFile(bytes: Uint8Array): Parsed | null {
  try {
    return parseMidi(bytes);
  } catch {
    return null;
  }
}

interface Timed {
  tick: number;
  event: MidiFileEvent;
}

function absolute(track: MidiFileEvent[]): Timed[] {
  let tick = 0;
  return track.map((event) => ({ tick: (tick += event.deltaTime), event }));
}

/** Ticks -> seconds over the tempo events of `sources` (120 BPM until the first), or SMPTE's fixed rate. */
function secondsOf(file: Parsed, sources: number[]): (tick: number) => number {
  const { ticksPerBeat, framesPerSecond, ticksPerFrame } = file.header;
  if (!ticksPerBeat) {
    const fps = framesPerSecond === 29 ? 29.97 : framesPerSecond!;
    return (tick) => tick / (fps * ticksPerFrame!);
  }
  const tempos = sources
    .flatMap((t) => absolute(file.tracks[t]!).filter((e) => e.event.type === 'setTempo'))
    .sort((a, b) => a.tick - b.tick);
  return (tick) => {
    let seconds = 0;
    let at = 0;
    let us = 500_000;
    for (const t of tempos) {
      if (t.tick >= tick) break;
      seconds += ((t.tick - at) * us) / 1e6 / ticksPerBeat;
      at = t.tick;
      us = t.event.microsecondsPerBeat!;
    }
    return seconds + ((tick - at) * us) / 1e6 / ticksPerBeat;
  };
}

/**
 * The notes of one track as sorted strings "start|end|channel|pitch|velocity" (seconds to the µs): note-ons
 * paired first-in first-out per channel and pitch with the next note-off (or velocity-0 note-on), a note-on
 * never ended running to the track's last tick (the reader's documented repair), orphan offs ignored,
 * data bytes clipped to 127 as the reader does.
 */
export function trackNotes(file: Parsed, track: number): string[] {
  const sources = file.header.format === 2 ? [track] : file.tracks.map((_, i) => i);
  const seconds = secondsOf(file, sources);
  const events = absolute(file.tracks[track]!);
  const lastTick = events.length > 0 ? events[events.length - 1]!.tick : 0;
  const open = new Map<string, { tick: number; velocity: number }[]>();
  const notes: string[] = [];
  const us = (tick: number) => Math.round(seconds(tick) * 1e6);
  const add = (start: number, end: number, channel: number, pitch: number, velocity: number) =>
    notes.push(`${us(start)}|${us(end)}|${channel}|${Math.min(pitch, 127)}|${Math.min(velocity, 127)}`);
  for (const { tick, event } of events) {
    if (event.type !== 'noteOn' && event.type !== 'noteOff') continue;
    const key = `${event.channel}:${event.noteNumber}`;
    if (event.type === 'noteOn' && event.velocity! > 0) {
      const list = open.get(key) ?? [];
      list.push({ tick, velocity: event.velocity! });
      open.set(key, list);
    } else {
      const on = open.get(key)?.shift();
      if (on) add(on.tick, tick, event.channel!, event.noteNumber!, on.velocity);
    }
  }
  for (const [key, list] of open) {
    const [channel, pitch] = key.split(':').map(Number);
    for (const on of list) add(on.tick, lastTick, channel!, pitch!, on.velocity);
  }
  return notes.sort();
}

/** Tempo, meter and key events as sorted strings "tick|kind|values" from the given tracks. */
export function conductorEvents(file: Parsed, tracks: number[]): string[] {
  const out: string[] = [];
  for (const t of tracks) {
    for (const { tick, event: e } of absolute(file.tracks[t]!)) {
      if (e.type === 'setTempo') out.push(`${tick}|tempo|${e.microsecondsPerBeat}`);
      else if (e.type === 'timeSignature') out.push(`${tick}|meter|${e.numerator}/${e.denominator}`);
      else if (e.type === 'keySignature') out.push(`${tick}|key|${e.key}/${e.scale}`);
    }
  }
  return out.sort();
}
