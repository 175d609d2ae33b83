// Maps an async stream with up to `limit` calls running at once, yielding results as they finish (not in
// input order). The source is pulled only while fewer than `limit` results wait to be consumed, so a slow
// consumer stops the reads: backpressure from the end of the pipeline to the walk.

/** e.g. `for await (const file of mapConcurrent(walk(roots), 8, read)) ...` with 8 reads in flight. */
export async function* mapConcurrent<T, R>(source: AsyncIterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const running = new Set<Promise<void>>();
  const finished: R[] = [];
  let exhausted = false;
  let failed = false;
  let failure: unknown;
  let wake: (() => void) | null = null;

  const start = (item: T) => {
    const task: Promise<void> = fn(item)
      .then(
        (result) => void finished.push(result),
        (error: unknown) => {
          if (!failed) (failed = true), (failure = error);
        },
      )
      .finally(() => {
        running.delete(task);
        const w = wake;
        wake = null;
        w?.();
      });
    running.add(task);
  };

  try {
    for (;;) {
      while (!exhausted && !failed && running.size + finished.length < limit) {
        const next = await iterator.next();
        if (next.done) exhausted = true;
        else start(next.value);
      }
      if (failed) throw failure;
      if (finished.length > 0) {
        yield finished.shift()!;
        continue;
      }
      if (exhausted && running.size === 0) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    // Stopped early (an error, or the consumer broke out): close the source; calls in flight settle alone.
    if (!exhausted) await iterator.return?.();
  }
}
