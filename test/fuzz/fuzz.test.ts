// The short fuzzing run for CI: a few thousand seeded inputs through read, analysis and split, in this
// process (`npm run fuzz` is the full run, in a watched worker). Small bases keep it within about 10 s on
// a shared 2-core machine: corpus files up to 20 KB, generated hostile inputs up to 16 KB.
import { describe, expect, it } from 'vitest';
import { corpusBases } from './corpus-bases.ts';
import { createBases } from './inputs.ts';
import { runFuzz } from './run.ts';

const SEED = 20261128;
const COUNT = 3000;

describe('fuzzing (short run)', () => {
  it(`gives every one of ${COUNT} mutated inputs a result or a typed error, within the bounds`, () => {
    const bases = createBases(corpusBases(20_000), 16 * 1024);
    const stats = runFuzz({ seed: SEED, from: 0, to: COUNT, bases });
    const failures = stats.failures.map((f) => `${f.kind} in ${f.stage} (npm run fuzz -- --seed ${f.seed} --only ${f.index}): ${f.message}`);
    expect(failures).toEqual([]);
    expect(stats.inputs).toBe(COUNT);
    // The mutations must leave enough inputs readable to reach analysis and split, and break enough to reach
    // every typed error; a run that is all one or the other tests little.
    expect(stats.outcomes.result).toBeGreaterThan(COUNT * 0.5);
    if (bases.corpus.length > 0) for (const code of ['MIDI_NOT_SMF', 'MIDI_BAD_HEADER', 'MIDI_NO_TRACKS']) expect(stats.outcomes[code]).toBeGreaterThan(0);
    expect(stats.splits.split).toBeGreaterThan(COUNT * 0.2);
  });
});
