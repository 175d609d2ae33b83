// The common options of the database and bulk commands (../shared/docs/contract.md), resolved in one
// place. Precedence: command-line flag > environment (DATABASE_URL; the pool's MIDI_PIPELINE_* variables,
// resolved by db/pool-settings.ts) > the defaults below. Bad values are usage errors (exit code 2).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { intOption, type OptionSpec, type ParsedArgs, sizeOption, usageError } from './args.ts';
import { DEFAULT_DATA_DIR, type LocalDbOptions } from './db/open-db.ts';
import type { PoolPreset, PoolSettings } from './db/pool-settings.ts';
import type { CliIo } from './io.ts';
import { DEFAULT_MAX_FILE_SIZE } from './read-file.ts';

// prettier-ignore
/** The defaults table of the bulk commands. */
export const DEFAULTS = {
  dataDir:     DEFAULT_DATA_DIR,        // embedded PGlite database and default split output live here
  workers:     availableParallelism(),  // analysis worker threads
  batchSize:   500,                     // records per database round trip, files per claim
  maxFileSize: DEFAULT_MAX_FILE_SIZE,   // 64 MiB
  splitFolder: 'split',                 // default --out, inside the data dir
} as const;

export const DATABASE_OPTIONS: OptionSpec = {
  'database-url': 'string',
  'data-dir': 'string',
  pool: 'string',
  'pool-min': 'string',
  'pool-max': 'string',
  'acquire-timeout': 'string',
  'idle-timeout': 'string',
  'max-lifetime': 'string',
  validate: 'boolean',
  workers: 'string',
  json: 'boolean',
  quiet: 'boolean',
};

export const BULK_OPTIONS: OptionSpec = {
  ...DATABASE_OPTIONS,
  'batch-size': 'string',
  'max-file-size': 'string',
  progress: 'boolean',
  strict: 'boolean',
};

export interface OutputOptions {
  json: boolean;
  quiet: boolean;
}

export interface DatabaseOptions extends OutputOptions {
  /** For openLocalDb: URL (flag, else DATABASE_URL), data dir, pool preset and overrides. */
  db: LocalDbOptions;
  dataDir: string;
  workers: number;
}

export interface BulkOptions extends DatabaseOptions {
  batchSize: number;
  maxFileSize: number;
  /** Draw the progress bar: stderr is a terminal and no --no-progress (nor --quiet, nor --json). */
  progress: boolean;
  strict: boolean;
}

export function resolveDatabaseOptions({ options }: ParsedArgs, io: CliIo): DatabaseOptions {
  const dataDir = resolve(io.cwd, stringOption(options, 'data-dir') ?? DEFAULTS.dataDir);
  const workers = intOption(options, 'workers', DEFAULTS.workers, 0);
  const preset = stringOption(options, 'pool');
  if (preset !== undefined && preset !== 'warm' && preset !== 'lazy') throw usageError(`--pool must be warm or lazy, got ${JSON.stringify(preset)}`);
  const pool: Partial<Omit<PoolSettings, 'preset'>> = {};
  if (options['pool-min'] !== undefined) pool.min = intOption(options, 'pool-min', 0, 0);
  if (options['pool-max'] !== undefined) pool.max = intOption(options, 'pool-max', 1, 1);
  if (options['acquire-timeout'] !== undefined) pool.acquireTimeoutSeconds = secondsOption(options, 'acquire-timeout', false) as number;
  if (options['idle-timeout'] !== undefined) pool.idleTimeoutSeconds = secondsOption(options, 'idle-timeout', true) as number | null;
  if (options['max-lifetime'] !== undefined) pool.maxLifetimeSeconds = lifetimeOption(options);
  if (options.validate !== undefined) pool.validate = options.validate === true;
  if (pool.min !== undefined && pool.max !== undefined && pool.min > pool.max) throw usageError(`--pool-min (${pool.min}) is above --pool-max (${pool.max})`);
  return {
    db: {
      databaseUrl: stringOption(options, 'database-url'),
      dataDir,
      preset: preset as PoolPreset | undefined,
      // The pool serves the main thread (writes, claims, lookups), not the workers; its presets size by
      // workers all the same, as the seed change-log's warm pool did, so that is what they get.
      workers: Math.max(1, workers),
      options: pool,
      env: io.env,
    },
    dataDir,
    workers,
    json: options.json === true,
    quiet: options.quiet === true,
  };
}

export function resolveBulkOptions(args: ParsedArgs, io: CliIo): BulkOptions {
  const base = resolveDatabaseOptions(args, io);
  const { options } = args;
  const maxFileSize = sizeOption(options, 'max-file-size', DEFAULTS.maxFileSize);
  if (maxFileSize < 1) throw usageError('--max-file-size must be at least 1 byte');
  return {
    ...base,
    batchSize: intOption(options, 'batch-size', DEFAULTS.batchSize, 1),
    maxFileSize,
    progress: io.errIsTty && options.progress !== false && !base.quiet && !base.json,
    strict: options.strict === true,
  };
}

function stringOption(options: ParsedArgs['options'], name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** Seconds, e.g. "30" or "2.5"; with `never`, also "never"/"off"/"0" for null. */
function secondsOption(options: ParsedArgs['options'], name: string, never: boolean): number | null {
  const raw = stringOption(options, name) ?? '';
  if (never && /^(never|none|off|0)$/i.test(raw.trim())) return null;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw usageError(`--${name} must be a positive number of seconds${never ? ' or "never"' : ''}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function lifetimeOption(options: ParsedArgs['options']): number | null | 'library' {
  const raw = stringOption(options, 'max-lifetime') ?? '';
  return /^(library|default)$/i.test(raw.trim()) ? 'library' : secondsOption(options, 'max-lifetime', true);
}
