// Compares our notes with @tonejs/midi 2.0.28 chunk by chunk, and explains every difference by a documented
// Tone behaviour proved from Tone's own event stream (midi-file's parse, the parser Tone bundles).
//
// What Tone 2.0.28 does (node_modules/@tonejs/midi/src/Midi.ts, Track.ts; its build bundles midi-file):
// - Track list: midi-file reads exactly `numTracks` chunks (header count; stops early at end of input) and
//   throws a string unless each is "MTrk". Midi.ts `splitTracks` then splits every chunk into one track per
//   (program, channel) pair, the program being the channel's last Program Change so far (channel-less events
//   go to the chunk's first track), and for format 1 it drops `tracks[0]` when its `duration` is 0 (no notes,
//   or only zero-length notes at time 0). So Tone's track list is NOT the file's chunks.
// - Pairing (Track.ts constructor): per Tone track, each noteOn in file order takes the first not yet used
//   noteOff with the same note number and `absoluteTime >= noteOn.absoluteTime`. The search ignores channel,
//   but after splitTracks a track holds one channel, so channels never mix; they do split by program.
//   midi-file turns a note-on with velocity 0 into a noteOff. Consequences, each checked below:
//   * a noteOn with no later noteOff is dropped (we end it at the track's last tick, issue 2);
//   * a noteOff that comes before any note is sounding (an orphan) can still end a later noteOn at the same
//     tick, giving it duration 0 (we ignore orphan note-offs: nothing is sounding when it arrives);
//   * when a Program Change on the channel falls between a note's on and off, the two land in different Tone
//     tracks: the note is dropped or paired with an unrelated later off.
// - Values: `velocity` is stored as velocity / 127; midi-file keeps data bytes > 127 as they are (velocity
//   144/127, pitch 200) where we clip them to 127 like mido's clip=True; midi-file parses on after an
//   End-of-Track to the chunk's end, where we stop at End-of-Track.
import * as toneModule from '@tonejs/midi';
import * as midiFileModule from 'midi-file';
import { readMidi } from '../../core/midi/read.ts';
import type { MidiFile } from '../../core/midi/types.ts';

type ToneMidiClass = new (bytes: ArrayLike<number>) => {
  header: unknown;
  tracks: { channel: number; notes: { midi: number; ticks: number; durationTicks: number; velocity: number }[] }[];
};
// CommonJS: the named export or the default's (design.md "Pitfalls already found").
const ToneMidi: ToneMidiClass =
  (toneModule as unknown as { Midi?: ToneMidiClass }).Midi ?? (toneModule as unknown as { default: { Midi: ToneMidiClass } }).default.Midi;
type ParseMidi = (bytes: ArrayLike<number>) => { header: { numTracks: number; format: number }; tracks: MidiFileEvent[][] };
const parseMidi: ParseMidi =
  (midiFileModule as unknown as { parseMidi?: ParseMidi }).parseMidi ?? (midiFileModule as unknown as { default: { parseMidi: ParseMidi } }).default.parseMidi;

interface MidiFileEvent {
  deltaTime: number;
  type: string;
  channel?: number;
  noteNumber?: number;
  velocity?: number;
  programNumber?: number;
}

/** Why a group of notes is left out of the exact comparison; every rule is a Tone behaviour listed above. */
export type ToneRule =
  | 'program-change-while-sounding'
  | 'orphan-note-off-at-later-note-on-tick'
  | 'data-byte-over-127'
  | 'note-events-after-end-of-track'
  | 'chunk-beyond-header-count';

export const toneRuleReasons: Record<ToneRule, string> = {
  'program-change-while-sounding':
    'a Program Change on the channel falls between a note-on and its note-off: Tone splits tracks by (program, channel), so the on and off land in different tracks and Tone drops the note or pairs it with an unrelated later off',
  'orphan-note-off-at-later-note-on-tick':
    'a note-off arrives while no such note sounds, at the same tick as a later note-on of that key: Tone pairs by absoluteTime >= on time regardless of file order, so the stale off ends the later note at once (duration 0); the off cannot end a note that starts after it',
  'data-byte-over-127':
    'a note event of this key has a data byte > 127 (illegal in MIDI 1.0): midi-file keeps the raw value (pitch or velocity above 127), we clip to 127 as mido clip=True does',
  'note-events-after-end-of-track':
    'note events of this key follow the End-of-Track inside the chunk: midi-file parses on to the chunk end, we stop at End-of-Track (SMF 1.0: End-of-Track is the last event of a track)',
  'chunk-beyond-header-count':
    "the file has more track chunks than the header declares: midi-file reads exactly the header's count, we read every MTrk chunk",
};

export interface ToneFileResult {
  path: string;
  /** Notes compared exactly (after removing the notes Tone provably drops as never turned off). */
  comparedNotes: number;
  /** Our notes that were never turned off and that Tone drops, verified to end at the track's last tick. */
  unterminatedNotes: number;
  excluded: Partial<Record<ToneRule, number>>;
  /** Per rule, how many of the (chunk, channel, pitch) groups it left out really differ from Tone. */
  ruleGroupsWhereToneDiffers: Partial<Record<ToneRule, number>>;
  /** Notes left out of the Tone comparison by a rule on Tone's pairing but checked against issue 2's FIFO rule. */
  ruleCheckedNotes: number;
  /** Differences nothing above explains: "chunk c channel ch pitch p: only ours [...] only Tone [...]". */
  mismatches: string[];
  /** False when Tone's whole-file parse holds notes that its chunk-by-chunk parse does not (see toneView). */
  chunkAttributionHolds: boolean;
}

type ToneTracks = InstanceType<ToneMidiClass>['tracks'];

/** Tone's parse of a file that it accepts: the whole file, and each chunk alone with midi-file's events. */
export interface ToneView {
  whole: ToneTracks;
  chunks: { tracks: ToneTracks; events: MidiFileEvent[] }[];
}

/** A note as both sides can express it: channel, pitch, start tick, duration ticks, velocity 0-127. */
type NoteKey = string;
const noteKey = (channel: number, pitch: number, start: number, duration: number, velocity: number): NoteKey =>
  `${channel}:${pitch}@${start}+${duration}v${velocity}`;
const toneKeys = (tracks: ToneTracks): NoteKey[] =>
  tracks.flatMap((t) => t.notes.map((n) => noteKey(t.channel, n.midi, n.ticks, n.durationTicks, Math.round(n.velocity * 127))));

/** The chunks midi-file reads (header count, stopping at the end of input), as their data bytes. */
function toneChunks(bytes: Uint8Array): { division: Uint8Array; chunks: Uint8Array[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4);
  const numTracks = view.getUint16(10);
  const division = bytes.subarray(12, 14);
  const chunks: Uint8Array[] = [];
  let pos = 8 + headerLength;
  for (let i = 0; pos < bytes.length && i < numTracks; i++) {
    const length = view.getUint32(pos + 4);
    chunks.push(bytes.subarray(pos + 8, Math.min(bytes.length, pos + 8 + length)));
    pos += 8 + length;
  }
  return { division, chunks };
}

/** One chunk as a format 0 file, so Tone's notes can be attributed to the chunk they came from. */
function singleChunkFile(division: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(14 + 8 + data.length);
  const view = new DataView(out.buffer);
  out.set([0x4d, 0x54, 0x68, 0x64], 0);
  view.setUint32(4, 6);
  view.setUint16(8, 0);
  view.setUint16(10, 1);
  out.set(division, 12);
  out.set([0x4d, 0x54, 0x72, 0x6b], 14);
  view.setUint32(18, data.length);
  out.set(data, 22);
  return out;
}

/**
 * Tone's notes for a file, or null when Tone refuses it (it throws strings, sometimes a TypeError). Each chunk
 * is also parsed alone as a format 0 file, because Tone's tracks do not say which chunk they came from. A chunk
 * without events gives Tone no track at all, and its Header then reads `tracks[0]` of nothing and throws, so
 * such a chunk simply has no tracks here (it has no notes either).
 */
export function toneView(bytes: Uint8Array): ToneView | null {
  let whole: ToneTracks;
  try {
    whole = new ToneMidi(bytes).tracks;
  } catch {
    return null;
  }
  const { division, chunks } = toneChunks(bytes);
  return {
    whole,
    chunks: chunks.map((data) => {
      const single = singleChunkFile(division, data);
      const events = parseMidi(single).tracks[0];
      return { events, tracks: events.length === 0 ? [] : new ToneMidi(single).tracks };
    }),
  };
}

/**
 * The per-chunk parse must give the notes of Tone's whole-file parse, give or take the format-1 first track
 * Tone drops when its duration is 0, so that comparing chunk by chunk compares what Tone really produces.
 */
function chunkAttributionHolds(view: ToneView): boolean {
  const chunkTracks = view.chunks.flatMap((c) => c.tracks);
  const { onlyOurs: onlyChunks, onlyTone: onlyWhole } = multisetDiff(toneKeys(chunkTracks), toneKeys(view.whole));
  if (onlyWhole.length > 0) return false;
  if (onlyChunks.length === 0) return true;
  return view.whole.length === chunkTracks.length - 1 && multisetDiff(onlyChunks, toneKeys(chunkTracks.slice(0, 1))).onlyOurs.length === 0;
}

interface GroupFacts {
  /** Tone's rule that makes this (channel, pitch) group incomparable, if any. */
  rule?: ToneRule;
  /** Notes still sounding when the chunk ends (FIFO over Tone's own events up to End-of-Track). */
  unterminated: number;
  /**
   * The notes issue 2's rule gives over midi-file's events: per (channel, pitch) first in first out, velocity-0
   * note-on as note-off, notes still sounding ended at the chunk's last tick (End-of-Track). Written here, not
   * taken from our reader, so that where Tone is wrong our notes are still checked against the rule.
   */
  fifo: NoteKey[];
}

/** Walks midi-file's events of one chunk and works out, per (channel, pitch), which Tone behaviours apply. */
function analyseChunkEvents(events: MidiFileEvent[]): Map<number, GroupFacts> {
  const groups = new Map<number, GroupFacts>();
  const sounding = new Map<number, { start: number; velocity: number }[]>(); // key -> FIFO of sounding notes
  const orphanOffTicks = new Map<number, Set<number>>();
  let tick = 0;
  let lastTick = 0;
  let sawEndOfTrack = false;
  const program = new Array<number>(16).fill(0); // splitTracks starts every channel at program 0
  const facts = (key: number) => {
    let f = groups.get(key);
    if (!f) groups.set(key, (f = { unterminated: 0, fifo: [] }));
    return f;
  };
  for (const event of events) {
    tick += event.deltaTime;
    if (!sawEndOfTrack) lastTick = tick;
    if (event.type === 'endOfTrack') sawEndOfTrack = true;
    if (event.type === 'programChange' && event.channel !== undefined) {
      // Only a change of program moves later events of the channel to another Tone track.
      if (event.programNumber !== program[event.channel] && !sawEndOfTrack) {
        for (const [key, queue] of sounding) {
          if (queue.length > 0 && key >> 8 === event.channel) facts(key).rule ??= 'program-change-while-sounding';
        }
      }
      program[event.channel] = event.programNumber ?? 0;
      continue;
    }
    if (event.type !== 'noteOn' && event.type !== 'noteOff') continue;
    const channel = event.channel ?? 0;
    const pitch = event.noteNumber ?? 0;
    const velocity = event.velocity ?? 0;
    const key = (channel << 8) | pitch;
    if (pitch > 127 || velocity > 127) {
      facts(key).rule ??= 'data-byte-over-127';
      facts((channel << 8) | Math.min(pitch, 127)).rule ??= 'data-byte-over-127';
    }
    if (sawEndOfTrack) {
      facts(key).rule ??= 'note-events-after-end-of-track';
      continue;
    }
    let queue = sounding.get(key);
    if (!queue) sounding.set(key, (queue = []));
    if (event.type === 'noteOn') {
      if (orphanOffTicks.get(key)?.has(tick)) facts(key).rule ??= 'orphan-note-off-at-later-note-on-tick';
      queue.push({ start: tick, velocity });
      facts(key);
    } else if (queue.length > 0) {
      const on = queue.shift()!;
      facts(key).fifo.push(noteKey(channel, pitch, on.start, tick - on.start, on.velocity));
    } else {
      let ticks = orphanOffTicks.get(key);
      if (!ticks) orphanOffTicks.set(key, (ticks = new Set()));
      ticks.add(tick);
    }
  }
  for (const [key, queue] of sounding) {
    if (queue.length === 0) continue;
    const f = facts(key);
    f.unterminated = queue.length;
    for (const on of queue) f.fifo.push(noteKey(key >> 8, key & 0xff, on.start, lastTick - on.start, on.velocity));
  }
  return groups;
}

function multisetDiff(ours: NoteKey[], tone: NoteKey[]): { onlyOurs: NoteKey[]; onlyTone: NoteKey[] } {
  const counts = new Map<NoteKey, number>();
  for (const k of ours) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const k of tone) counts.set(k, (counts.get(k) ?? 0) - 1);
  const onlyOurs: NoteKey[] = [];
  const onlyTone: NoteKey[] = [];
  for (const [k, n] of counts) {
    for (let i = 0; i < n; i++) onlyOurs.push(k);
    for (let i = 0; i < -n; i++) onlyTone.push(k);
  }
  return { onlyOurs, onlyTone };
}

const sample = (keys: NoteKey[]) => `[${keys.slice(0, 4).join(' ')}${keys.length > 4 ? ` +${keys.length - 4}` : ''}]`;

/** Ours against Tone for one file both accept; `ours` is readMidi(bytes), `tone` is toneView(bytes). */
export function compareWithTone(path: string, ours: MidiFile, tone: ToneView): ToneFileResult {
  const result: ToneFileResult = { path, comparedNotes: 0, unterminatedNotes: 0, ruleCheckedNotes: 0, ruleGroupsWhereToneDiffers: {}, excluded: {}, mismatches: [], chunkAttributionHolds: chunkAttributionHolds(tone) };
  const exclude = (rule: ToneRule, n: number) => {
    result.excluded[rule] = (result.excluded[rule] ?? 0) + n;
  };

  // Our notes per track, in note-on order (the note table's order within a track).
  const oursByTrack: number[][] = Array.from({ length: ours.trackCount }, () => []);
  for (let i = 0; i < ours.notes.count; i++) oursByTrack[ours.notes.track[i]].push(i);
  for (let t = tone.chunks.length; t < ours.trackCount; t++) exclude('chunk-beyond-header-count', oursByTrack[t].length);
  if (tone.chunks.length > ours.trackCount) result.mismatches.push(`Tone reads ${tone.chunks.length} chunks, we read ${ours.trackCount} tracks`);

  for (let c = 0; c < Math.min(tone.chunks.length, ours.trackCount); c++) {
    const toneNotes = new Map<number, NoteKey[]>();
    for (const track of tone.chunks[c].tracks) {
      for (const n of track.notes) {
        const key = (track.channel << 8) | n.midi;
        let list = toneNotes.get(key);
        if (!list) toneNotes.set(key, (list = []));
        list.push(noteKey(track.channel, n.midi, n.ticks, n.durationTicks, Math.round(n.velocity * 127)));
      }
    }
    const ourNotes = new Map<number, number[]>();
    for (const i of oursByTrack[c]) {
      const key = (ours.notes.channel[i] << 8) | ours.notes.pitch[i];
      let list = ourNotes.get(key);
      if (!list) ourNotes.set(key, (list = []));
      list.push(i);
    }
    const groups = analyseChunkEvents(tone.chunks[c].events);
    const ourKey = (i: number) =>
      noteKey(ours.notes.channel[i], ours.notes.pitch[i], ours.notes.startTick[i], ours.notes.endTick[i] - ours.notes.startTick[i], ours.notes.velocity[i]);
    for (const key of new Set([...toneNotes.keys(), ...ourNotes.keys()])) {
      const mine = ourNotes.get(key) ?? [];
      const facts = groups.get(key);
      if (facts?.rule) {
        exclude(facts.rule, mine.length);
        if (multisetDiff(mine.map(ourKey), toneNotes.get(key) ?? []).onlyOurs.length > 0 || (toneNotes.get(key)?.length ?? 0) !== mine.length) {
          result.ruleGroupsWhereToneDiffers[facts.rule] = (result.ruleGroupsWhereToneDiffers[facts.rule] ?? 0) + 1;
        }
        // Where Tone is wrong, the rule itself (over the same events) must still give our notes.
        if (facts.rule === 'program-change-while-sounding' || facts.rule === 'orphan-note-off-at-later-note-on-tick') {
          const { onlyOurs, onlyTone: onlyRule } = multisetDiff(mine.map(ourKey), facts.fifo);
          result.ruleCheckedNotes += mine.length;
          if (onlyOurs.length || onlyRule.length) {
            result.mismatches.push(`chunk ${c} channel ${key >> 8} pitch ${key & 0xff} (${facts.rule}): only ours ${sample(onlyOurs)} only the FIFO rule ${sample(onlyRule)}`);
          }
        }
        continue;
      }
      // Tone drops the last `unterminated` notes of the key; ours must end them at the track's last tick.
      const dropped = Math.min(facts?.unterminated ?? 0, mine.length);
      const kept = mine.slice(0, mine.length - dropped);
      const endTick = ours.trackEndTick[c];
      for (const i of mine.slice(mine.length - dropped)) {
        if (ours.notes.endTick[i] !== endTick) {
          result.mismatches.push(
            `chunk ${c} channel ${key >> 8} pitch ${key & 0xff}: note from tick ${ours.notes.startTick[i]} is never turned off but ends at ${ours.notes.endTick[i]}, not at the track end ${endTick}`,
          );
        }
      }
      result.unterminatedNotes += dropped;
      const oursKeys = kept.map(ourKey);
      const { onlyOurs, onlyTone } = multisetDiff(oursKeys, toneNotes.get(key) ?? []);
      result.comparedNotes += kept.length;
      if (onlyOurs.length || onlyTone.length) {
        result.mismatches.push(`chunk ${c} channel ${key >> 8} pitch ${key & 0xff}: only ours ${sample(onlyOurs)} only Tone ${sample(onlyTone)}`);
      }
    }
  }
  return result;
}

export { readMidi };
