// A small, strict argument parser: `--name value`, `--name=value`, `--flag`, `--no-flag`, positionals.
// Unknown options and missing values are usage errors (exit code 2), never silently ignored.
import { PipelineError } from '../../core/errors.ts';

export type OptionKind = 'string' | 'boolean';
export type OptionSpec = Record<string, OptionKind>;

export interface ParsedArgs {
  positionals: string[];
  /** Strings for string options, booleans for flags; absent when not given. */
  options: Record<string, string | boolean>;
}

export function usageError(message: string): PipelineError {
  return new PipelineError('USAGE', message);
}

/** e.g. parseArgs(['a.mid', '--json', '--limit=5'], { json: 'boolean', limit: 'string' }) */
export function parseArgs(argv: string[], spec: OptionSpec): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) throw usageError(`unknown option ${arg}`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (spec[name] === 'string') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw usageError(`--${name} needs a value`);
      options[name] = value;
    } else if (spec[name] === 'boolean') {
      if (inline !== undefined) throw usageError(`--${name} takes no value`);
      options[name] = true;
    } else if (name.startsWith('no-') && spec[name.slice(3)] === 'boolean') {
      if (inline !== undefined) throw usageError(`--${name} takes no value`);
      options[name.slice(3)] = false;
    } else {
      throw usageError(`unknown option --${name}`);
    }
  }
  return { positionals, options };
}

/** A non-negative integer option, e.g. `--workers 4`; `fallback` when absent. */
export function intOption(options: ParsedArgs['options'], name: string, fallback: number, min = 0): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) throw usageError(`--${name} must be a whole number, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw usageError(`--${name} must be at least ${min}`);
  return value;
}

/** Byte sizes such as `64MiB`, `500k`, `1048576`. */
export function sizeOption(options: ParsedArgs['options'], name: string, fallback: number): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const match = typeof raw === 'string' ? /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(raw.trim()) : null;
  if (!match) throw usageError(`--${name} must be a size such as 64MiB, got ${JSON.stringify(raw)}`);
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(match[1]) * scale);
}
