// What must hold for every input that reads, whatever its bytes. Expected values come from the SMF grammar
// and the contract (../shared/docs/contract.md), never from the code under test: e.g. a note needs at least
// 3 input bytes (delta, key, velocity under running status), so there are at most n/3 notes.
import type { Analysis } from '../../core/analysis/types.ts';
import type { MidiFile } from '../../core/midi/types.ts';

/** Problems of a parsed file, e.g. ["note 12: start tick 40 after end tick 20"]; at most `limit`. */
export function fileProblems(file: MidiFile, inputLength: number, limit = 8): string[] {
  const out: string[] = [];
  const add = (p: string) => {
    if (out.length < limit) out.push(p);
  };
  const { events, notes, trackStart, trackCount } = file;
  if (trackCount < 1) add(`trackCount ${trackCount}`);
  if (trackStart.length !== trackCount + 1 || trackStart[trackCount] !== events.count) add('trackStart does not cover the event table');
  for (let t = 1; t <= trackCount; t++) if (trackStart[t] < trackStart[t - 1]) add(`trackStart decreases at ${t}`);
  // An event takes at least 2 bytes (delta + one data byte under running status), a note 3.
  if (events.count > inputLength / 2) add(`${events.count} events from ${inputLength} bytes`);
  if (notes.count > inputLength / 3) add(`${notes.count} notes from ${inputLength} bytes`);
  for (let i = 0; i < events.count && out.length < limit; i++) {
    const tick = events.tick[i];
    if (!(tick >= 0 && Number.isFinite(tick))) add(`event ${i}: tick ${tick}`);
    if (events.payloadStart[i] + events.payloadLength[i] > file.bytes.length) add(`event ${i}: payload past the end`);
  }
  for (let t = 0; t < trackCount; t++) if (!Number.isFinite(file.trackEndTick[t])) add(`track ${t}: end tick ${file.trackEndTick[t]}`);
  for (let i = 0; i < notes.count && out.length < limit; i++) {
    if (notes.pitch[i] > 127 || notes.velocity[i] < 1 || notes.velocity[i] > 127 || notes.channel[i] > 15) add(`note ${i}: bad pitch/velocity/channel`);
    if (notes.track[i] >= trackCount || (i > 0 && notes.track[i] < notes.track[i - 1])) add(`note ${i}: track ${notes.track[i]} out of order`);
    const [s, e] = [notes.startTick[i], notes.endTick[i]];
    if (!(s >= 0 && s <= e && Number.isFinite(e))) add(`note ${i}: ticks ${s}..${e}`);
    const [ss, es] = [notes.startSeconds[i], notes.endSeconds[i]];
    if (!(ss >= 0 && ss <= es && Number.isFinite(es))) add(`note ${i}: seconds ${ss}..${es}`);
  }
  return out;
}

/** Problems of an analysis against its file and the contract's field meanings. */
export function analysisProblems(a: Analysis, file: MidiFile): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  check(a.noteCount === file.notes.count, `noteCount ${a.noteCount} vs ${file.notes.count} notes read`);
  check(a.trackCount === file.trackCount, 'trackCount differs from the file');
  check(a.format === 0 || a.format === 1 || a.format === 2, `format ${a.format}`);
  check((a.ppq === null) === (a.smpte !== null), 'exactly one of ppq and smpte');
  check(a.drumNoteCount >= 0 && a.drumNoteCount <= a.noteCount, `drumNoteCount ${a.drumNoteCount}`);
  check(a.durationSeconds >= 0 && a.durationTicks >= 0, 'negative duration');
  check(a.notesEndSeconds <= a.durationSeconds, `notesEndSeconds ${a.notesEndSeconds} after durationSeconds ${a.durationSeconds}`);
  const t = a.tempo;
  check(t.minBpm > 0 && t.minBpm <= t.maxBpm, `tempo range ${t.minBpm}..${t.maxBpm}`);
  check(t.initialBpm >= t.minBpm && t.initialBpm <= t.maxBpm, `initialBpm ${t.initialBpm} outside ${t.minBpm}..${t.maxBpm}`);
  check(t.dominantBpm >= t.minBpm && t.dominantBpm <= t.maxBpm, `dominantBpm ${t.dominantBpm} outside ${t.minBpm}..${t.maxBpm}`);
  check(a.key === null || (a.key.confidence >= 0 && a.key.confidence <= 1), 'key confidence outside 0..1');
  check(a.channels.every((c, i) => c >= 1 && c <= 16 && (i === 0 || c > a.channels[i - 1])), `channels ${a.channels}`);
  check(a.tracks.length <= a.trackCount, 'more tracks listed than read');
  check(a.polyphony.max <= a.noteCount && a.polyphony.mean >= 0, `polyphony ${JSON.stringify(a.polyphony)}`);
  check(a.notesPerSecond >= 0, 'negative notesPerSecond');
  check((a.pitch === null) === (a.noteCount === 0) && (a.pitch === null || a.pitch.min <= a.pitch.max), 'pitch stats');
  check(a.velocity === null || (a.velocity.min >= 1 && a.velocity.max <= 127), 'velocity stats');
  return out;
}
