// An Analyzer that runs the jobs on the calling thread (`--workers 0`, and runtimes without threads).
// Each job yields to the event loop first, so I/O and database writes still interleave with analysis.
import type { Analyzer } from './analyzer.ts';
import type { Hasher } from './hasher.ts';
import { analyzeJob, splitJob } from './jobs.ts';

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function inlineAnalyzer(hasher: Hasher): Analyzer {
  let closed = false;
  const guard = () => {
    if (closed) throw new Error('analyzer closed');
  };
  return {
    concurrency: 1,
    async analyze(task) {
      guard();
      await yieldToEventLoop();
      return analyzeJob(task);
    },
    async split(task) {
      guard();
      await yieldToEventLoop();
      return splitJob(task, hasher);
    },
    async close() {
      closed = true;
    },
  };
}
