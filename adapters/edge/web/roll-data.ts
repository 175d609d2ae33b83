// What the web page draws a piano roll and a tempo curve from: the notes of the project's own reader
// (core/midi/read.ts, which reads the files @tonejs/midi refuses) as compact parallel arrays in start order,
// and the tempo map as points. Bounded, so a huge file cannot make a huge answer: at most MAX_ROLL_NOTES
// notes (the earliest; `truncated` says so) and MAX_TEMPO_POINTS tempo points (evenly sampled beyond that).
import { analysisContext } from '../../../core/analysis/context.ts';
import type { MidiFile } from '../../../core/midi/types.ts';

/** About 0.6 MB of JSON at most: enough for the whole of nearly every real file. */
export const MAX_ROLL_NOTES = 20_000;
const MAX_TEMPO_POINTS = 2_000;

export interface Roll {
  /** Notes in the file, and whether `notes` holds fewer (the earliest MAX_ROLL_NOTES). */
  noteCount: number;
  truncated: boolean;
  /** Parallel arrays, one entry per note, sorted by start; times in seconds rounded to milliseconds. */
  notes: {
    start: number[];
    duration: number[];
    pitch: number[];
    velocity: number[];
    /** MIDI channel 1-16, as the analysis counts them. */
    channel: number[];
    /** Track index (0-based), as in the analysis's `tracks`. */
    track: number[];
    /** 1 when the note sounds on a drum part (channel 10, GS or GM2 drum parts: core/analysis/drums.ts). */
    drum: number[];
  };
  /**
   * The tempo map as steps: `bpm[i]` from `seconds[i]` on. Formats 0 and 1 have one merged map; format 2 the
   * first track's. Empty for SMPTE timing, where tempo events do not change time.
   */
  tempo: { seconds: number[]; bpm: number[]; sampled: boolean };
}

const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** e.g. `rollOf(readMidi(bytes)).notes.pitch` -> `[60, 62, 64, ...]`; `context` when the analysis made one. */
export function rollOf(file: MidiFile, context = analysisContext(file)): Roll {
  const { notes } = file;
  const { byStart: order, drum } = context;
  const n = Math.min(notes.count, MAX_ROLL_NOTES);
  const out: Roll['notes'] = { start: [], duration: [], pitch: [], velocity: [], channel: [], track: [], drum: [] };
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const start = ms(notes.startSeconds[i]!);
    out.start.push(start);
    out.duration.push(Math.max(0, ms(notes.endSeconds[i]! - notes.startSeconds[i]!)));
    out.pitch.push(notes.pitch[i]!);
    out.velocity.push(notes.velocity[i]!);
    out.channel.push(notes.channel[i]! + 1);
    out.track.push(notes.track[i]!);
    out.drum.push(drum[i]!);
  }
  return { noteCount: notes.count, truncated: notes.count > n, notes: out, tempo: tempoPoints(file) };
}

function tempoPoints(file: MidiFile): Roll['tempo'] {
  const map = file.tempoMaps[0];
  if (!map || map.secondsPerTick !== null) return { seconds: [], bpm: [], sampled: false };
  const step = Math.ceil(map.count / MAX_TEMPO_POINTS);
  const seconds: number[] = [];
  const bpm: number[] = [];
  for (let i = 0; i < map.count; i += step) {
    seconds.push(ms(map.seconds[i]!));
    bpm.push(Math.round((60e6 / map.microsPerQuarter[i]!) * 1000) / 1000);
  }
  return { seconds, bpm, sampled: step > 1 };
}
