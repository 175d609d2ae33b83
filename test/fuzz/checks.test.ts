// The fuzzer's own checks must catch what they are for: each is shown a defect it has to report.
import { describe, expect, it } from 'vitest';
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import { readMidi } from '../../core/midi/read.ts';
import { splitTracks } from '../../core/split/split.ts';
import { bytes, concat, EOT, header, track } from '../support/bytes.ts';
import { analysisProblems, fileProblems } from './invariants.ts';
import { jsonProblems } from './json-safe.ts';
import { MUTATORS } from './mutators.ts';
import { minimise } from './minimise.ts';
import { createRandom } from './random.ts';
import { layoutOf } from './smf-layout.ts';
import { splitProblems } from './split-check.ts';

const twoTracks = concat(header(1, 2, 96), track(bytes('00 ff5103 07a120', EOT)), track(bytes('00 903c40 60 803c40 00 903e40 60 803e40', EOT)));

describe('jsonProblems', () => {
  it('passes plain JSON values and flags what JSON.stringify would silently change', () => {
    expect(jsonProblems({ a: [1, 'x', null, true, { b: 0.5 }] })).toEqual([]);
    expect(jsonProblems({ a: NaN, b: [Infinity], c: { d: undefined }, e: new Uint8Array(1) })).toEqual(['a: NaN', 'b[0]: Infinity', 'c.d: undefined', 'e: Uint8Array is not a plain object']);
    const shared = { x: 1 };
    expect(jsonProblems({ a: shared, b: shared })).toEqual([]);
  });
});

describe('fileProblems', () => {
  it('passes a correct file and flags a note ending before it starts', () => {
    const file = readMidi(twoTracks);
    expect(fileProblems(file, twoTracks.length)).toEqual([]);
    file.notes.endTick[0] = -1;
    expect(fileProblems(file, twoTracks.length)).toEqual(['note 0: ticks 0..-1']);
  });
});

describe('analysisProblems', () => {
  it('passes a correct analysis and flags notes ending after the file', () => {
    const file = readMidi(twoTracks);
    const a = analyzeMidi(twoTracks, { sha256: '0'.repeat(64) });
    expect(analysisProblems(a, file)).toEqual([]);
    expect(analysisProblems({ ...a, notesEndSeconds: a.durationSeconds + 1 }, file)).toHaveLength(1);
  });
});

describe('splitProblems', () => {
  it('passes a correct split and flags a child whose notes moved', () => {
    const file = readMidi(twoTracks);
    const children = splitTracks(file);
    expect(splitProblems(file, children)).toEqual([]);
    const moved = concat(header(0, 1, 96), track(bytes('00 ff5103 07a120 10 903c40 60 803c40 00 903e40 60 803e40', EOT)));
    expect(splitProblems(file, [{ ...children[0], bytes: moved }])).toEqual(['child of track 1: note 0 at ticks 16..112, parent 0..96']);
  });
});

describe('minimise', () => {
  it('shrinks an input to the bytes that matter', () => {
    const input = Uint8Array.from([1, 2, 3, 0xaa, 4, 5, 0xbb, 6]);
    const fails = (c: Uint8Array) => c.includes(0xaa) && c.includes(0xbb);
    expect(Array.from(minimise(input, fails))).toEqual([0xaa, 0xbb]);
  });
});

describe('layoutOf (what the structure-aware mutations aim at)', () => {
  it('finds the chunks, delta times, meta lengths and status bytes of a hand-built file', () => {
    // MThd at 0; MTrk at 14, body at 22: 00 | ff 51 03 07a120 | 00 | 90 3c 40 | 60 | 3c 00 (running) | 00 | ff 2f 00
    const input = concat(header(0, 1, 96), track(bytes('00 ff5103 07a120 00 903c40 60 3c00', EOT)));
    const layout = layoutOf(input);
    expect(layout.chunks.map((c) => [c.at, c.id, c.declared])).toEqual([[0, 'MThd', 6], [14, 'MTrk', 18]]);
    expect(layout.vlqs.map((v) => [v.at, v.kind])).toEqual([[22, 'delta'], [25, 'meta-length'], [29, 'delta'], [33, 'delta'], [36, 'delta'], [39, 'meta-length']]);
    expect(layout.statuses).toEqual([23, 30, 37]);
  });
});

describe('mutators', () => {
  it('each changes a hand-built file, and the same seed gives the same bytes', () => {
    const input = concat(header(1, 2, 96), track(bytes('00 ff5103 07a120 00 ff0103 414243', EOT)), track(bytes('00 903c40 60 3c00 00 f003 7e7ff7', EOT)));
    for (const [name, { mutate }] of Object.entries(MUTATORS)) {
      const run = () => {
        const r = createRandom(7);
        return mutate(input, { r, other: () => input.slice(0, 30) });
      };
      expect(Array.from(run()), name).not.toEqual(Array.from(input));
      expect(Array.from(run()), name).toEqual(Array.from(run()));
    }
  });
});
