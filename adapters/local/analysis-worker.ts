// The body of one analysis worker thread: runs the jobs of core/pipeline/jobs.ts on the batches the main
// thread sends and answers each batch with one message (split children's bytes transferred back).
// Analyses go back encoded for the database (encodeOutcome: columns and JSON text), not as objects.
// Loaded through analysis-worker.mjs, which makes TypeScript loadable first where the runtime needs it.
import { parentPort } from 'node:worker_threads';
import { encodeOutcome } from '../../core/db/write-files.ts';
import { analyzeJob, splitJob } from '../../core/pipeline/jobs.ts';
import { nodeHasher } from './hasher.ts';
import type { FromWorker, JobResult, ToWorker } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs only as a worker thread');

port.on('message', (message: ToWorker) => {
  const results: JobResult[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const job of message.jobs) {
    const task = { bytes: job.bytes, sha256: job.sha256, maxBytes: job.maxBytes };
    if (job.kind === 'analyze') {
      results.push({ id: job.id, kind: 'analyze', outcome: encodeOutcome(analyzeJob(task)) });
    } else {
      const outcome = splitJob(task, nodeHasher);
      if (outcome.ok) {
        for (const child of outcome.children) {
          child.outcome = encodeOutcome(child.outcome);
          transfer.push(child.bytes.buffer as ArrayBuffer);
        }
      }
      results.push({ id: job.id, kind: 'split', outcome });
    }
  }
  port.postMessage({ type: 'results', results } satisfies FromWorker, transfer);
});

// Jobs are sent only after this: Deno's worker_threads drops messages that arrive before a listener.
port.postMessage({ type: 'ready' } satisfies FromWorker);
