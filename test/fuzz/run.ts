// The fuzzing loop shared by `npm run fuzz` (in a worker thread, under a watchdog) and the CI test.
import { analysisRetainedLimit, retainedLimit } from './bounds.ts';
import { checkInput, type Outcome } from './check.ts';
import { makeInput, type Bases } from './inputs.ts';
import { retainedByAnalysis, retainedByRead, type MemoryProbe } from './retained.ts';
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

/**
 * What the parsed file and the analysis retain (inputs that read, large enough), checked against the bounds.
 * Measured before the input's other checks: scratch that modules keep grows on the first input that needs
 * it, and has to be charged to that input.
 */
export function measureRetained(bytes: Uint8Array, probe: MemoryProbe): Pick<Outcome, 'retainedBytes' | 'analysisRetainedBytes' | 'failure'> {
  const retainedBytes = retainedByRead(bytes, probe) ?? undefined;
  if (retainedBytes === undefined) return {};
  const analysisRetainedBytes = retainedByAnalysis(bytes, probe) ?? undefined;
  const n = bytes.length;
  let failure: Outcome['failure'];
  if (retainedBytes > retainedLimit(n)) {
    failure = { kind: 'memory', stage: 'read', message: `file retains ${retainedBytes} bytes for ${n} input bytes` };
  } else if (analysisRetainedBytes !== undefined && analysisRetainedBytes > analysisRetainedLimit(n)) {
    failure = { kind: 'memory', stage: 'analyze', message: `analysis leaves ${analysisRetainedBytes} bytes allocated for ${n} input bytes` };
  }
  return { retainedBytes, analysisRetainedBytes, failure };
}

/** The outcome of checkInput with the memory measurements (when any) merged in; a memory failure wins. */
export function withRetained(outcome: Outcome, memory: ReturnType<typeof measureRetained>): Outcome {
  const merged = { ...outcome, retainedBytes: memory.retainedBytes, analysisRetainedBytes: memory.analysisRetainedBytes };
  if (memory.failure && !outcome.failure) merged.failure = memory.failure;
  return merged;
}

export function runFuzz(options: RunOptions): RunStats {
  const { seed, from, to, bases, onInput, heapEvery = 0, gc, heapUsed, probe } = options;
  const stats = emptyStats();
  for (let index = from; index < to; index++) {
    onInput?.(index);
    const input = makeInput(seed, index, bases);
    const memory = probe ? measureRetained(input.bytes, probe) : {};
    record(stats, seed, input, withRetained(checkWithRetimes(input.bytes, stats), memory));
    if (heapEvery > 0 && heapUsed && (index - from) % heapEvery === heapEvery - 1) {
      gc?.();
      stats.heapSamples.push(heapUsed());
    }
  }
  return stats;
}
