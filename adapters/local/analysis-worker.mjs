// Entry of an analysis worker thread, in plain JavaScript so that every runtime can start it: Deno runs
// TypeScript itself; Node 20 needs tsx's loader registered in this thread, because module hooks of the
// main thread (bin/midi-pipeline.js's register(), or `node --import tsx`) do not reach worker threads.
// Registering here when they did would only add a second, equivalent hook.
if (typeof globalThis.Deno === 'undefined') {
  const { register } = await import('tsx/esm/api');
  register();
}
await import('./analysis-worker.ts');
