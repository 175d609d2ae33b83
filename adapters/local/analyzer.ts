// The Analyzer port over worker threads (node:worker_threads, which Deno implements too): N workers run
// the reader and the analysis; the main thread only dispatches. Jobs go out in small batches per message
// with their buffers transferred (the main thread's copy becomes empty, nothing is copied), at most a few
// batches per worker in flight. A worker that dies fails its jobs with WORKER_CRASHED (retryable) and is
// replaced.
import { Worker } from 'node:worker_threads';
import type { FileOutcome } from '../../core/db/write-files.ts';
import { PipelineError } from '../../core/errors.ts';
import type { Analyzer, AnalyzeTask, SplitOutcome } from '../../core/pipeline/analyzer.ts';
import { failedOutcome } from '../../core/pipeline/jobs.ts';
import { FILES_IN_FLIGHT_PER_WORKER } from '../../core/pipeline/phase-deps.ts';
import type { FromWorker, JobKind, JobMessage, JobResult } from './worker-protocol.ts';

export interface WorkerAnalyzerOptions {
  workers: number;
  /** Jobs per message. Default 8: one message per ~10-20 ms of work amortises the messaging. */
  jobsPerMessage?: number;
  /** Jobs a worker holds at once (running and queued). Default 256: see FILES_IN_FLIGHT_PER_WORKER. */
  jobsPerWorker?: number;
  /** How long a worker may take to load. Default 60 s (the first start compiles TypeScript). */
  startTimeoutMs?: number;
}

const WORKER_ENTRY = new URL('./analysis-worker.mjs', import.meta.url);

interface Job {
  message: JobMessage;
  settle: (result: JobResult) => void;
}

interface Slot {
  worker: Worker;
  busy: Map<number, Job>;
  ready: boolean;
  /** Set once its jobs were failed, so 'error' followed by 'exit' is handled once. */
  dead: boolean;
}

/** Starts `workers` threads and resolves once every one has loaded, e.g. `await startWorkerAnalyzer({workers: 2})`. */
export async function startWorkerAnalyzer(options: WorkerAnalyzerOptions): Promise<Analyzer> {
  const jobsPerMessage = options.jobsPerMessage ?? 8;
  const jobsPerWorker = options.jobsPerWorker ?? FILES_IN_FLIGHT_PER_WORKER;
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closing = false;
  let pumpScheduled = false;

  function spawn(onReady?: () => void, onFail?: (error: unknown) => void): Slot {
    const slot: Slot = { worker: new Worker(WORKER_ENTRY), busy: new Map(), ready: false, dead: false };
    slot.worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        slot.ready = true;
        onReady?.();
        pump();
        return;
      }
      for (const result of message.results) {
        const job = slot.busy.get(result.id);
        slot.busy.delete(result.id);
        job?.settle(result);
      }
      pump();
    });
    const die = (error: unknown) => {
      if (slot.dead) return;
      slot.dead = true;
      if (!slot.ready) onFail?.(error);
      const jobs = [...slot.busy.values()];
      slot.busy.clear();
      const index = slots.indexOf(slot);
      if (!closing && index >= 0) slots[index] = spawn();
      const info = { code: 'WORKER_CRASHED', message: `the analysis worker stopped: ${describe(error)}` };
      for (const job of jobs) job.settle(crashResult(job.message, info));
    };
    slot.worker.on('error', die);
    slot.worker.on('exit', (code) => {
      if (!closing || slot.busy.size > 0) die(new Error(`exit code ${code}`));
    });
    return slot;
  }

  // Sends queued jobs to the least-loaded ready workers. Called when jobs arrive (deferred with
  // setImmediate so one turn's submissions share messages) and straight away when results come back.
  function pump(): void {
    pumpScheduled = false;
    while (queue.length > 0) {
      let best: Slot | null = null;
      for (const slot of slots) {
        if (slot.ready && !slot.dead && slot.busy.size < jobsPerWorker && (!best || slot.busy.size < best.busy.size)) best = slot;
      }
      if (!best) return;
      const room = jobsPerWorker - best.busy.size;
      const batch = queue.splice(0, Math.min(jobsPerMessage, room, Math.max(1, Math.ceil(queue.length / slots.length))));
      const transfer: ArrayBuffer[] = [];
      for (const job of batch) {
        best.busy.set(job.message.id, job);
        transfer.push(job.message.bytes.buffer as ArrayBuffer);
      }
      best.worker.postMessage({ type: 'jobs', jobs: batch.map((j) => j.message) }, transfer);
    }
  }

  function schedulePump(): void {
    // An idle worker gets work at once; otherwise let this turn's other submissions join the message.
    if (slots.some((s) => s.ready && !s.dead && s.busy.size === 0)) return pump();
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(pump);
  }

  function submit(kind: JobKind, task: AnalyzeTask): Promise<JobResult> {
    if (closing) return Promise.reject(new PipelineError('INTERNAL', 'the analyzer is closed'));
    return new Promise((settle) => {
      queue.push({ message: { id: nextId++, kind, bytes: ownBuffer(task.bytes), sha256: task.sha256, maxBytes: task.maxBytes }, settle });
      schedulePump();
    });
  }

  await new Promise<void>((resolve, reject) => {
    let started = 0;
    const timer = setTimeout(() => reject(new PipelineError('WORKER_START_FAILED', `analysis workers did not start within ${options.startTimeoutMs ?? 60_000} ms`)), options.startTimeoutMs ?? 60_000);
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(new PipelineError('WORKER_START_FAILED', `an analysis worker failed to start: ${describe(error)}`, error));
    };
    for (let i = 0; i < options.workers; i++) {
      slots.push(
        spawn(() => {
          if (++started === options.workers) {
            clearTimeout(timer);
            resolve();
          }
        }, fail),
      );
    }
  }).catch(async (error: unknown) => {
    closing = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw error;
  });

  return {
    concurrency: options.workers,
    async analyze(task): Promise<FileOutcome> {
      const result = await submit('analyze', task);
      return result.outcome as FileOutcome;
    },
    async split(task): Promise<SplitOutcome> {
      const result = await submit('split', task);
      return result.outcome as SplitOutcome;
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/**
 * A buffer that can be transferred alone: a view over part of a larger buffer (a pooled Node Buffer, a
 * subarray) would take the rest of that buffer with it, so it is copied first.
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}

function crashResult(message: JobMessage, error: { code: string; message: string }): JobResult {
  if (message.kind === 'analyze') return { id: message.id, kind: 'analyze', outcome: failedOutcome(error, true) };
  return { id: message.id, kind: 'split', outcome: { ok: false, error, retryable: true } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
