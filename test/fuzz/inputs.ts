// Input #i of a run: a base (a corpus file, a hand-built fixture or a generated hostile file) and a chain of
// mutations, all drawn from the PRNG seeded by (seed, i). Corpus files are read from the shared corpus at
// run time; their bytes never enter the repository.
import { handBuiltFixtures, type Fixture } from './fixtures.ts';
import { GENERATORS, GENERATOR_NAMES } from './generators.ts';
import { MUTATORS, pickMutator } from './mutators.ts';
import { createRandom, inputSeed, type Random } from './random.ts';

/** Mutation chains may grow an input (duplicated chunks, repeated regions); past this it is cut. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

export interface Bases {
  corpus: Fixture[];
  fixtures: Fixture[];
  /** Generated inputs are log-uniform in size between 64 bytes and this. */
  maxGeneratedBytes: number;
}

export interface FuzzInput {
  index: number;
  bytes: Uint8Array;
  /** e.g. "corpus:midi/x.mid", "fixture:rmid", "generated:denseNotes(4096)". */
  base: string;
  ops: string[];
}

export function createBases(corpus: Fixture[], maxGeneratedBytes: number): Bases {
  return { corpus, fixtures: handBuiltFixtures(), maxGeneratedBytes };
}

function pickBase(r: Random, bases: Bases): { name: string; bytes: Uint8Array; generated: boolean } {
  const x = r.next();
  if (x < 0.8 && bases.corpus.length > 0) {
    const f = r.pick(bases.corpus);
    return { name: `corpus:${f.name}`, bytes: f.bytes, generated: false };
  }
  if (x < 0.93) {
    const f = r.pick(bases.fixtures);
    return { name: `fixture:${f.name}`, bytes: f.bytes, generated: false };
  }
  const name = r.pick(GENERATOR_NAMES);
  const size = Math.round(64 * Math.pow(bases.maxGeneratedBytes / 64, r.next()));
  return { name: `generated:${name}(${size})`, bytes: GENERATORS[name](size), generated: true };
}

/** The same (seed, index, bases) always gives the same input. */
export function makeInput(seed: number, index: number, bases: Bases): FuzzInput {
  const r = createRandom(inputSeed(seed, index));
  const base = pickBase(r, bases);
  // Generated inputs are hostile already: half of them go in unmutated, so the bounds meet their pure form.
  let count = base.generated && r.chance(0.5) ? 0 : 1;
  while (count > 0 && count < 6 && r.chance(0.5)) count++;
  const ctx = { r, other: () => (r.chance(0.5) && bases.corpus.length > 0 ? r.pick(bases.corpus) : r.pick(bases.fixtures)).bytes };
  let bytes = base.bytes;
  const ops: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = pickMutator(r);
    ops.push(name);
    bytes = MUTATORS[name].mutate(bytes, ctx);
    if (bytes.length > MAX_INPUT_BYTES) bytes = bytes.slice(0, MAX_INPUT_BYTES);
  }
  return { index, bytes, base: base.name, ops };
}
