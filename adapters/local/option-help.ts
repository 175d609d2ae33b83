// What each option of the CLI takes and does, for `midi-pipeline <command> --help`. One table for every
// command: an option means the same wherever it appears (../shared/docs/contract.md).

import { DEFAULTS } from './options.ts';

// prettier-ignore
export const OPTION_HELP: Record<string, { value?: string; text: string }> = {
  'database-url':    { value: 'URL',     text: 'PostgreSQL to use (else DATABASE_URL; else the embedded PGlite database in --data-dir)' },
  'data-dir':        { value: 'DIR',     text: 'folder of the embedded database and the default split output (default ./.midi-pipeline)' },
  pool:              { value: 'PRESET',  text: 'connection pool preset: warm (default: at most workers + 2 connections, pre-opened, validated after idle; measured in docs/performance.md) or lazy (postgres.js defaults); env MIDI_PIPELINE_POOL' },
  'pool-min':        { value: 'N',       text: 'connections opened at start (warm: workers)' },
  'pool-max':        { value: 'N',       text: 'most connections at once (warm: workers + 2, lazy: 10)' },
  'acquire-timeout': { value: 'SECONDS', text: 'how long a statement may wait for a working connection, retries included (default 30)' },
  'idle-timeout':    { value: 'SECONDS', text: 'close connections idle this long; "never" (default) keeps them' },
  'max-lifetime':    { value: 'SECONDS', text: 'replace connections this old; "never" (warm) or "library" (lazy: 30-60 min)' },
  validate:          {                   text: 'check connections with `select 1` before use after the pool was idle (warm: on; --no-validate: off)' },
  workers:           { value: 'N',       text: 'analysis worker threads (default: number of CPUs; 0 analyses on the main thread)' },
  json:              {                   text: 'machine-readable output: JSON lines, the summary as the last stdout line' },
  quiet:             {                   text: 'print nothing but errors' },
  'batch-size':      { value: 'N',       text: `records per database round trip and files per claim (default ${DEFAULTS.batchSize})` },
  'max-file-size':   { value: 'BYTES',   text: `larger files are recorded as FILE_TOO_LARGE, not read (default ${DEFAULTS.maxFileSize / 2 ** 20}MiB; suffixes KiB, MiB, GiB)` },
  progress:          {                   text: 'progress bar on stderr when it is a terminal (default on; --no-progress turns it off)' },
  strict:            {                   text: 'exit 1 when any file is not valid MIDI' },
  out:               { value: 'DIR',     text: 'where split writes the per-track files (default <data-dir>/split); nothing is written outside it' },
  analyze:           {                   text: 'analyse new files in the same pass (default on; --no-analyze registers only)' },
  notes:             { value: 'tone',    text: 'add the notes in @tonejs/midi JSON to each result' },
  bpm:               { value: 'A..B',    text: 'dominant tempo in BPM, a value or an inclusive range (120..128, 90.., ..100)' },
  key:               { value: 'KEY',     text: 'detected key, e.g. "A minor", "F# major"' },
  'time-signature':  { value: 'N/D',     text: 'first time signature, e.g. 3/4' },
  'min-duration':    { value: 'SECONDS', text: 'at least this long' },
  'max-duration':    { value: 'SECONDS', text: 'at most this long' },
  instrument:        { value: 'NAME',    text: 'a GM family (piano, strings, ...) or instrument name' },
  drums:             {                   text: 'only files with drums (--no-drums: only files without)' },
  text:              { value: 'WORD',    text: 'in track names, copyright, markers, lyrics or paths' },
  limit:             { value: 'N',       text: 'most results per page' },
  after:             { value: 'CURSOR',  text: 'the next page: the cursor the previous page ended with' },
  runs:              { value: 'N',       text: 'how many of the last runs to list' },
  port:              { value: 'PORT',    text: 'port to listen on (default 8787; 0 picks a free one)' },
  host:              { value: 'HOST',    text: 'address to listen on (default 127.0.0.1)' },
  'max-body-size':   { value: 'BYTES',   text: 'largest request body (default 16MiB, env MAX_BODY_BYTES)' },
  'db-pool':         { value: 'MODE',    text: 'shared (one warm pool, default) or per-request (a pool per request, as on Workers)' },
  'db-driver':       { value: 'DRIVER',  text: 'postgres-js (default) or neon-serverless (WebSockets: Neon, or NEON_WS_PROXY)' },
};
