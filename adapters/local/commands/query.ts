// `query [filters]`: search the library. One line per file (path, tempo, key, meter, duration,
// instruments), or with --json one JSON line per file and a last line {"count", "nextCursor"}.
import type { Analysis } from '../../../core/analysis/types.ts';
import { type LibraryFilters, parseKey, parseRange, parseTimeSignature } from '../../../core/db/filters.ts';
import { queryLibrary } from '../../../core/db/library.ts';
import { isPipelineError } from '../../../core/errors.ts';
import { intOption, type ParsedArgs, usageError } from '../args.ts';
import { DATABASE_OPTIONS, resolveDatabaseOptions } from '../options.ts';
import { withDatabase } from '../session.ts';
import { EXIT_OK, type Command } from './command.ts';

export const queryCommand: Command = {
  name: 'query',
  usage: 'query [filters]',
  summary: 'search the library: --bpm 120..128 --key "A minor" --time-signature 3/4 --min-duration/--max-duration SECONDS --instrument piano --drums/--no-drums --text WORD --limit N',
  options: {
    ...DATABASE_OPTIONS,
    bpm: 'string',
    key: 'string',
    'time-signature': 'string',
    'min-duration': 'string',
    'max-duration': 'string',
    instrument: 'string',
    drums: 'boolean',
    text: 'string',
    limit: 'string',
    after: 'string',
  },
  async run(args, io) {
    if (args.positionals.length > 0) throw usageError(`query takes filters as options, not ${JSON.stringify(args.positionals[0])}`);
    const filters = parseFilters(args);
    const limit = intOption(args.options, 'limit', 50, 1);
    const after = typeof args.options.after === 'string' ? args.options.after : null;
    const options = resolveDatabaseOptions(args, io);
    const result = await withDatabase(options, io, (db) =>
      queryLibrary(db, filters, { limit, after }).catch((error: unknown) => {
        throw isPipelineError(error, 'FILTER_INVALID') ? usageError(error.message) : error;
      }),
    );
    for (const item of result.items) {
      if (options.json) io.out(JSON.stringify(item));
      else io.out(formatItem(printablePath(item.paths[0] ?? item.sha256), item.analysis));
    }
    if (options.json) io.out(JSON.stringify({ count: result.items.length, nextCursor: result.nextCursor }));
    else if (!options.quiet) io.err(`${result.items.length} file(s)${result.nextCursor ? `; more with --after ${result.nextCursor}` : ''}\n`);
    return EXIT_OK;
  },
};

/** The filters from the options; malformed values are usage errors. */
export function parseFilters({ options }: ParsedArgs): LibraryFilters {
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const filters: LibraryFilters = {};
  try {
    if (text('bpm') !== undefined) filters.bpm = parseRange(text('bpm')!);
    if (text('key') !== undefined) filters.key = parseKey(text('key')!);
    if (text('time-signature') !== undefined) filters.timeSignature = parseTimeSignature(text('time-signature')!);
  } catch (error) {
    throw usageError((error as Error).message);
  }
  if (text('min-duration') !== undefined) filters.minDurationSeconds = seconds(text('min-duration')!, 'min-duration');
  if (text('max-duration') !== undefined) filters.maxDurationSeconds = seconds(text('max-duration')!, 'max-duration');
  if (text('instrument') !== undefined) filters.instrument = text('instrument');
  if (options.drums !== undefined) filters.drums = options.drums === true;
  if (text('text') !== undefined) filters.text = text('text');
  return filters;
}

/** A path on one line: quoted as JSON when it holds control characters (a newline in a file name). */
function printablePath(path: string): string {
  return /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;
}

function seconds(raw: string, name: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw usageError(`--${name} must be a number of seconds, got ${JSON.stringify(raw)}`);
  return value;
}

/** e.g. `/music/a.mid  120 BPM  A minor  4/4  3:05  piano, strings  drums`. */
export function formatItem(path: string, a: Analysis): string {
  const minutes = Math.floor(a.durationSeconds / 60);
  const secs = String(Math.floor(a.durationSeconds % 60)).padStart(2, '0');
  const families = [...new Set(a.instruments.map((i) => i.family.toLowerCase()))].filter((f) => f !== 'drums');
  const parts = [
    path,
    `${Number(a.tempo.dominantBpm.toFixed(1))} BPM`,
    a.key ? `${a.key.tonic} ${a.key.mode}` : 'no key',
    a.timeSignature ? `${a.timeSignature.numerator}/${a.timeSignature.denominator}` : 'no meter',
    `${minutes}:${secs}`,
  ];
  if (families.length > 0) parts.push(families.join(', '));
  if (a.hasDrums) parts.push('drums');
  return parts.join('  ');
}
