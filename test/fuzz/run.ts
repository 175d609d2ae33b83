// The fuzzing loop shared by `npm run fuzz` (in a worker thread, under a watchdog) and the CI test.
import { checkInput, type Outcome } from './check.ts';
import { makeInput, type Bases } from './inputs.ts';
import { emptyStats, record, type RunStats } from './stats.ts';

export interface RunOptions {
  seed: number;
  /** Input indexes [from, to). */
  from: number;
  to: number;
  bases: Bases;
  /** Called before each input: the script's watchdog learns which input is running. */
  onInput?: (index: number) => void;
  /** Sample the heap every this many inputs (after `gc` when given). */
  heapEvery?: number;
  gc?: () => void;
  /** Heap in use now, in bytes (typed-array stores included). */
  heapUsed?: () => number;
}

/** Reruns of an input over the time bound before it counts as a failure: a busy machine is not a defect. */
const TIME_RETRIES = 2;

function checkWithRetimes(bytes: Uint8Array, stats: RunStats): Outcome {
  let outcome = checkInput(bytes);
  for (let retry = 0; retry < TIME_RETRIES && outcome.failure?.kind === 'time'; retry++) {
    const again = checkInput(bytes);
    if (!again.failure) {
      stats.retimed++;
      return again;
    }
    outcome = again;
  }
  return outcome;
}

export function runFuzz(options: RunOptions): RunStats {
  const { seed, from, to, bases, onInput, heapEvery = 0, gc, heapUsed } = options;
  const stats = emptyStats();
  for (let index = from; index < to; index++) {
    onInput?.(index);
    const input = makeInput(seed, index, bases);
    record(stats, seed, input, checkWithRetimes(input.bytes, stats));
    if (heapEvery > 0 && heapUsed && (index - from) % heapEvery === heapEvery - 1) {
      gc?.();
      stats.heapSamples.push(heapUsed());
    }
  }
  return stats;
}
