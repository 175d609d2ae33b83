// Entry of the fuzzing worker thread (scripts/fuzz.ts), in plain JavaScript: on Node 20, module hooks that
// `--import tsx` registers in the main thread do not reach worker threads, so this thread registers tsx's
// loader itself before loading the TypeScript body.
const { register } = await import('tsx/esm/api');
register();
await import('./worker.ts');
