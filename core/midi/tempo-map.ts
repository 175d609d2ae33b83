// Ticks to seconds. A tempo map is a list of segments, each starting at a tempo event; time before the
// first tempo event runs at 500,000 microseconds per quarter note (120 BPM), as SMF 1.0 prescribes.
import type { NoteTable, SmpteDivision, TempoMap } from './types.ts';

export const DEFAULT_MICROS_PER_QUARTER = 500_000;

/** Frames per second of an SMPTE division; "29" means 30 drop-frame, i.e. 30000/1001 (SMF 1.0, "Header Chunk"). */
export function smpteFramesPerSecond(fps: number): number {
  return fps === 29 ? 30000 / 1001 : fps;
}

/**
 * Builds the map from tempo events sorted by tick (stable: at equal ticks the later event wins).
 * With SMPTE division the tempo events do not affect timing, so the map is a single fixed rate.
 * @example buildTempoMap([0, 960], [500000, 250000], 480, null) // 2 s at tick 960, then twice as fast
 */
export function buildTempoMap(ticks: ArrayLike<number>, micros: ArrayLike<number>, ppq: number | null, smpte: SmpteDivision | null): TempoMap {
  if (smpte || ppq === null) {
    const rate = smpte ? smpteFramesPerSecond(smpte.fps) * smpte.ticksPerFrame : 1;
    return {
      count: 1,
      tick: Float64Array.of(0),
      seconds: Float64Array.of(0),
      microsPerQuarter: Float64Array.of(DEFAULT_MICROS_PER_QUARTER),
      ppq: null,
      secondsPerTick: 1 / rate,
    };
  }
  const n = ticks.length;
  // The three columns in one buffer: one allocation per map (a file has one map, or one per format 2 track).
  const columns = new Float64Array(3 * (n + 1));
  const tick = columns.subarray(0, n + 1);
  const seconds = columns.subarray(n + 1, 2 * (n + 1));
  const microsPerQuarter = columns.subarray(2 * (n + 1));
  tick[0] = 0;
  microsPerQuarter[0] = DEFAULT_MICROS_PER_QUARTER;
  let count = 1;
  for (let i = 0; i < n; i++) {
    const t = ticks[i];
    const last = count - 1;
    if (t === tick[last]) {
      microsPerQuarter[last] = micros[i]; // same instant: the later event wins
      continue;
    }
    tick[count] = t;
    seconds[count] = seconds[last] + ((t - tick[last]) * microsPerQuarter[last]) / (ppq * 1e6);
    microsPerQuarter[count] = micros[i];
    count++;
  }
  return {
    count,
    tick: tick.subarray(0, count),
    seconds: seconds.subarray(0, count),
    microsPerQuarter: microsPerQuarter.subarray(0, count),
    ppq,
    secondsPerTick: null,
  };
}

/** Index of the segment containing `tick`: the last one starting at or before it. */
export function segmentAt(map: TempoMap, tick: number, from = 0): number {
  const starts = map.tick;
  let lo = from;
  let hi = map.count - 1;
  if (starts[hi] <= tick) return hi;
  // Gallop forward from `from`: note ends are usually within a segment or two of their starts.
  let step = 1;
  while (lo + step < hi && starts[lo + step] <= tick) {
    lo += step;
    step *= 2;
  }
  hi = Math.min(hi, lo + step);
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= tick) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Seconds at `tick`, e.g. 1 at tick 960 with 480 ppq and no tempo event. */
export function ticksToSeconds(map: TempoMap, tick: number, segment = segmentAt(map, tick)): number {
  if (map.secondsPerTick !== null) return tick * map.secondsPerTick;
  return map.seconds[segment] + ((tick - map.tick[segment]) * map.microsPerQuarter[segment]) / ((map.ppq as number) * 1e6);
}

/**
 * Fills the `startSeconds`/`endSeconds` columns (at least `count` entries each, allocated with the table) of
 * every note. Notes are grouped by track and, within a track, their starts never decrease: so each track is
 * one forward sweep over its map, and each end is found from its start's segment (usually the same one;
 * galloping otherwise).
 * @param maps the merged map, or (`perTrack`, format 2) one map per track. An array and a flag rather than
 *   a callback: a new closure per file was a new call target each time, and deoptimised this function.
 */
export function fillNoteSeconds(notes: NoteTable, maps: TempoMap[], perTrack: boolean): void {
  const n = notes.count;
  const { track, startTick, endTick, startSeconds, endSeconds } = notes;
  let i = 0;
  while (i < n) {
    const t = track[i];
    let j = i + 1;
    while (j < n && track[j] === t) j++;
    const map = maps[perTrack ? t : 0];
    if (map.secondsPerTick !== null) {
      const perTick = map.secondsPerTick;
      for (let x = i; x < j; x++) {
        startSeconds[x] = startTick[x] * perTick;
        endSeconds[x] = endTick[x] * perTick;
      }
    } else if (map.count === 1) {
      // The very expression of ticksToSeconds on segment 0, (tick * µs) / (ppq * 1e6), not tick * (µs /
      // (ppq * 1e6)): the two can be an ulp apart, and a note ending with End-of-Track must end exactly when
      // the file does (rounded to microseconds, an ulp once made notes end 1 µs after the duration).
      const micros = map.microsPerQuarter[0];
      const divisor = (map.ppq as number) * 1e6;
      for (let x = i; x < j; x++) {
        startSeconds[x] = (startTick[x] * micros) / divisor;
        endSeconds[x] = (endTick[x] * micros) / divisor;
      }
    } else {
      // ticksToSeconds written out over locals (the same expression, so the same bits): reading the map's
      // fields for every note cost a third of this function.
      const { tick: ticks, seconds, microsPerQuarter } = map;
      const divisor = (map.ppq as number) * 1e6;
      const last = map.count - 1;
      let segment = 0;
      let segmentEnd = last > 0 ? ticks[1] : Infinity;
      for (let x = i; x < j; x++) {
        const start = startTick[x];
        if (start >= segmentEnd) {
          while (segment < last && ticks[segment + 1] <= start) segment++;
          segmentEnd = segment < last ? ticks[segment + 1] : Infinity;
        }
        startSeconds[x] = seconds[segment] + ((start - ticks[segment]) * microsPerQuarter[segment]) / divisor;
        const end = endTick[x];
        const endSegment = end < segmentEnd ? segment : segmentAt(map, end, segment + 1);
        endSeconds[x] = seconds[endSegment] + ((end - ticks[endSegment]) * microsPerQuarter[endSegment]) / divisor;
      }
    }
    i = j;
  }
}
