// The process entry for Node (through bin/midi-pipeline.js) and Deno (`deno task cli`): real stdio in,
// exit code out. Everything else is in cli.ts.
import process from 'node:process';
import { run } from './cli.ts';
import type { CliIo } from './io.ts';

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (text) => process.stderr.write(text),
  env: process.env,
  errIsTty: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
};

// Output piped into `head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

const code = await run(process.argv.slice(2), io);
// Let stdout drain before exiting; pending handles (pools, workers) are closed by the commands themselves.
process.exitCode = code;
