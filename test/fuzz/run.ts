// The fuzzing loop shared by `npm run fuzz` (in a worker thread, under a watchdog) and the CI test.
import { retainedLimit } from './bounds.ts';
import { checkInput, type Outcome } from './check.ts';
import { makeInput, type Bases } from './inputs.ts';
import { retainedByRead, type MemoryProbe } from './retained.ts';
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
  /** Measure what each large enough parsed file retains (needs a real GC). */
  probe?: MemoryProbe;
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
  const { seed, from, to, bases, onInput, heapEvery = 0, gc, heapUsed, probe } = options;
  const stats = emptyStats();
  for (let index = from; index < to; index++) {
    onInput?.(index);
    const input = makeInput(seed, index, bases);
    const outcome = checkWithRetimes(input.bytes, stats);
    if (probe && !outcome.failure && outcome.outcome === 'result') {
      outcome.retainedBytes = retainedByRead(input.bytes, probe) ?? undefined;
      if (outcome.retainedBytes !== undefined && outcome.retainedBytes > retainedLimit(input.bytes.length)) {
        outcome.failure = { kind: 'memory', stage: 'read', message: `file retains ${outcome.retainedBytes} bytes for ${input.bytes.length} input bytes` };
      }
    }
    record(stats, seed, input, outcome);
    if (heapEvery > 0 && heapUsed && (index - from) % heapEvery === heapEvery - 1) {
      gc?.();
      stats.heapSamples.push(heapUsed());
    }
  }
  return stats;
}
