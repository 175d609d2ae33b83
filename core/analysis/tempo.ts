// Tempo summary from the tempo map(s). Rules where the contract is silent:
// - initialBpm: the tempo in force when the first note starts (tick 0 in a file without notes), so a
//   conductor track that sets the tempo a few ticks in, before any note, still gives the initial tempo;
//   120 when no tempo event precedes it (SMF 1.0 default of 500,000 µs per quarter).
// - dominantBpm: the tempo in force for the most seconds between 0 and durationSeconds (tempo events with the
//   same microseconds per quarter add up); the initial tempo when the file lasts 0 s. Trailing silence up to
//   End-of-Track counts, as the contract says: a slow final tempo held over a long silent tail can win
//   (bach_846.mid of the corpus: 27 BPM, from 71 s of silence after a ritardando);
// - BPM values are rounded to 0.001.
// - minBpm/maxBpm: over every tempo in force at some point, the 120 default included when time passes
//   before the first tempo event.
// - changes: tempo events that set a tempo different from the one in force just before them (events at
//   the same tick count once, the last one winning, as in the tempo map).
// Format 2: every track is its own sequence with its own map; changes add up and dominance weighs each
// track's own duration. SMPTE division: tempo events do not affect timing, but they are still reported.
import { buildTempoMap, segmentAt, ticksToSeconds } from '../midi/tempo-map.ts';
import { Meta, type MidiFile, type TempoMap } from '../midi/types.ts';
import type { TempoSummary } from './types.ts';
import { round } from './round.ts';
import { mapOfTrack } from './timed-events.ts';

const MICROS_PER_MINUTE = 60_000_000;

/** BPM of a tempo in microseconds per quarter note, e.g. `bpmOf(500000)` = 120. */
export function bpmOf(microsPerQuarter: number): number {
  return round(MICROS_PER_MINUTE / microsPerQuarter, 3);
}

/**
 * @param firstNote the earliest note (index into the note table), or -1 when there are none
 * @param durationSeconds the file's duration (duration.ts)
 * @example tempoSummary(file, -1, 8) // { initialBpm: 120, dominantBpm: 60, minBpm: 60, maxBpm: 120, changes: 1 }
 */
export function tempoSummary(file: MidiFile, firstNote: number, durationSeconds: number): TempoSummary {
  const maps = file.smpte ? [writtenTempoMap(file)] : file.tempoMaps;
  const perTrack = file.format === 2 && !file.smpte;
  // Seconds in force per tempo (µs per quarter); min and max tempo in µs (the fastest is the fewest µs).
  const time = new Map<number, number>();
  let fastest = Infinity;
  let slowest = 0;
  let changes = 0;
  for (let m = 0; m < maps.length; m++) {
    const map = maps[m];
    const end = perTrack ? ticksToSeconds(map, file.trackEndTick[m]) : durationSeconds;
    const micros = map.microsPerQuarter;
    for (let i = 0; i < map.count; i++) {
      const tempo = micros[i];
      if (tempo < fastest) fastest = tempo;
      if (tempo > slowest) slowest = tempo;
      if (i > 0 && tempo !== micros[i - 1]) changes++;
      const from = segmentSeconds(file, map, i);
      const to = Math.min(end, i + 1 < map.count ? segmentSeconds(file, map, i + 1) : end);
      if (to > from) time.set(tempo, (time.get(tempo) ?? 0) + (to - from));
    }
  }
  const initialMap = firstNote >= 0 && perTrack ? mapOfTrack(file, file.notes.track[firstNote]) : maps[0];
  const initialTick = firstNote >= 0 ? file.notes.startTick[firstNote] : 0;
  const initial = initialMap.microsPerQuarter[segmentAt(initialMap, initialTick)];
  let dominant = initial;
  let longest = 0;
  for (const [tempo, seconds] of time) {
    if (seconds > longest) {
      longest = seconds;
      dominant = tempo;
    }
  }
  return { initialBpm: bpmOf(initial), dominantBpm: bpmOf(dominant), minBpm: bpmOf(slowest), maxBpm: bpmOf(fastest), changes };
}

/** Seconds at which segment `i` starts; SMPTE maps built here keep ticks, timed at the fixed SMPTE rate. */
function segmentSeconds(file: MidiFile, map: TempoMap, i: number): number {
  return file.smpte ? map.tick[i] * (file.tempoMaps[0].secondsPerTick as number) : map.seconds[i];
}

/**
 * SMPTE-timed files: the reader's map ignores tempo events (they do not affect timing), so rebuild one
 * from the written events, in ticks, for reporting what the file declares.
 */
function writtenTempoMap(file: MidiFile): TempoMap {
  const { events, bytes } = file;
  const rows: number[] = [];
  for (let row = 0; row < events.count; row++) {
    if (events.status[row] !== 0xff || events.data1[row] !== Meta.tempo || events.payloadLength[row] < 3) continue;
    const at = events.payloadStart[row];
    if (((bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2]) > 0) rows.push(row);
  }
  rows.sort((a, b) => events.tick[a] - events.tick[b] || a - b);
  const ticks = rows.map((row) => events.tick[row]);
  const micros = rows.map((row) => {
    const at = events.payloadStart[row];
    return (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
  });
  return buildTempoMap(ticks, micros, 1, null);
}
