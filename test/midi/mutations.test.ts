// A quick seeded mutation run over the reader (the full fuzzing lives in `npm run fuzz`): every mutated
// input must give a MidiFile or a PipelineError with a MIDI code, never another exception.
import { describe, expect, it } from 'vitest';
import { readMidi } from '../../core/midi/read.ts';
import { createRandom } from '../fuzz/random.ts';
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';

function mutate(input: Uint8Array, next: () => number): Uint8Array {
  const out = Array.from(input);
  const edits = 1 + Math.floor(next() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * Math.max(1, out.length));
    const kind = Math.floor(next() * 5);
    if (kind === 0) out[at] ^= 1 << Math.floor(next() * 8);
    else if (kind === 1) out.splice(at, 0, Math.floor(next() * 256));
    else if (kind === 2) out.splice(at, 1 + Math.floor(next() * 4));
    else if (kind === 3) out[at] = [0x00, 0x7f, 0x80, 0xff, 0xf0, 0xf7, 0x90][Math.floor(next() * 7)];
    else out.length = Math.min(out.length, at + 1);
  }
  return Uint8Array.from(out);
}

const MIDI_CODES = new Set(['MIDI_EMPTY', 'MIDI_NOT_SMF', 'MIDI_BAD_HEADER', 'MIDI_NO_TRACKS']);

describe.skipIf(!hasCorpus())('mutated corpus files', () => {
  it('always give a result or a typed MIDI error', () => {
    const seeds = corpusPaths()
      .map((p) => readCorpusFile(p))
      .filter((b) => b.length > 0 && b.length < 20_000)
      .slice(0, 200);
    const next = createRandom(20261128).next; // seeded, so a failing input can be made again
    let results = 0;
    let errors = 0;
    for (let i = 0; i < 3000; i++) {
      const input = mutate(seeds[i % seeds.length], next);
      try {
        const file = readMidi(input);
        expect(file.trackCount).toBeGreaterThan(0);
        expect(file.notes.count).toBeLessThanOrEqual(input.length);
        results++;
      } catch (error) {
        const code = (error as { code?: string }).code ?? String(error);
        expect(MIDI_CODES.has(code), `input ${i}: ${code}`).toBe(true);
        errors++;
      }
    }
    expect(results + errors).toBe(3000);
    expect(results).toBeGreaterThan(1000);
  });
});
