// The fuzzer's own checks must catch what they are for: each is shown a defect it has to report.
import { describe, expect, it } from 'vitest';
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import { readMidi } from '../../core/midi/read.ts';
import { splitTracks } from '../../core/split/split.ts';
import { bytes, concat, EOT, header, track } from '../support/bytes.ts';
import { analysisProblems, fileProblems } from './invariants.ts';
import { jsonProblems } from './json-safe.ts';
import { minimise } from './minimise.ts';
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
