// Entry of an analysis worker thread, in plain JavaScript so that every runtime can start it: Deno runs
// TypeScript itself; Node 20 needs tsx's loader registered in this thread (module hooks registered by the
// main thread, as bin/midi-pipeline.js does, do not reach worker threads), after which the .ts body loads.
if (typeof globalThis.Deno === 'undefined' && !process.execArgv.some((arg) => /\btsx\b/.test(arg))) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import('./analysis-worker.ts');
