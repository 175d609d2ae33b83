// The writer/split path: every child of a split must read back, alone, as the parent's track: the same
// notes in the same order at the same ticks and (conductor events merged in) the same seconds.
import { readMidi } from '../../core/midi/read.ts';
import type { MidiFile } from '../../core/midi/types.ts';
import type { SplitChild } from '../../core/split/split.ts';

/** Warnings a correct child may carry: its header's SMPTE rate, and meta events copied as they were. */
const CHILD_WARNINGS = new Set(['SMPTE_DIVISION', 'META_LENGTH', 'TEMPO_ZERO']);

function sameSeconds(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Problems of the children of `parent`, e.g. ["child of track 2: note 5 starts at tick 96, parent 48"]. */
export function splitProblems(parent: MidiFile, children: SplitChild[], limit = 8): string[] {
  const out: string[] = [];
  const add = (p: string) => {
    if (out.length < limit) out.push(p);
  };
  const p = parent.notes;
  let lastTrack = -1;
  let cursor = 0; // children come in track order, so one forward pass finds every track's notes
  for (const child of children) {
    const t = child.trackIndex;
    const where = `child of track ${t}`;
    if (t <= lastTrack || t >= parent.trackCount) add(`${where}: track index out of order or range`);
    lastTrack = t;
    let file: MidiFile;
    try {
      file = readMidi(child.bytes);
    } catch (error) {
      add(`${where}: does not read back (${(error as { code?: string }).code ?? String(error)})`);
      continue;
    }
    const odd = file.warnings.filter((w) => !CHILD_WARNINGS.has(w.code));
    if (odd.length > 0) add(`${where}: warnings ${odd.map((w) => w.code).join(', ')}`);
    if (file.format !== 0 || file.trackCount !== 1) add(`${where}: format ${file.format} with ${file.trackCount} tracks`);
    // The parent's notes of track t: a contiguous run, tracks being in ascending order.
    let first = cursor;
    while (first < p.count && p.track[first] < t) first++;
    let last = first;
    while (last < p.count && p.track[last] === t) last++;
    cursor = last;
    const c = file.notes;
    if (c.count !== last - first || child.noteCount !== last - first) {
      add(`${where}: ${c.count} notes read back (${child.noteCount} claimed), parent track has ${last - first}`);
      continue;
    }
    for (let i = 0; i < c.count; i++) {
      const j = first + i;
      if (c.pitch[i] !== p.pitch[j] || c.channel[i] !== p.channel[j] || c.velocity[i] !== p.velocity[j]) {
        add(`${where}: note ${i} is ${c.channel[i]}/${c.pitch[i]}/${c.velocity[i]}, parent ${p.channel[j]}/${p.pitch[j]}/${p.velocity[j]}`);
        break;
      }
      if (c.startTick[i] !== p.startTick[j] || c.endTick[i] !== p.endTick[j]) {
        add(`${where}: note ${i} at ticks ${c.startTick[i]}..${c.endTick[i]}, parent ${p.startTick[j]}..${p.endTick[j]}`);
        break;
      }
      if (!sameSeconds(c.startSeconds[i], p.startSeconds[j]) || !sameSeconds(c.endSeconds[i], p.endSeconds[j])) {
        add(`${where}: note ${i} at ${c.startSeconds[i]}..${c.endSeconds[i]} s, parent ${p.startSeconds[j]}..${p.endSeconds[j]} s`);
        break;
      }
    }
  }
  return out;
}
