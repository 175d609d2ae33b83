// `inspect <file|dir>...`: analyse files without any database. With --json, one line per file:
// {"path", "ok": true, "analysis"} or {"path", "ok": false, "error": {"code", "message"}}.
import { analyzeMidi } from '../../../core/analysis/analyze.ts';
import { toErrorInfo, type ErrorInfo } from '../../../core/errors.ts';
import { toneJson } from '../../../core/midi/tone-json.ts';
import { sizeOption, usageError } from '../args.ts';
import { formatAnalysis, formatError } from '../format.ts';
import { sha256Hex } from '../hash.ts';
import { DEFAULT_MAX_FILE_SIZE, readFileBounded } from '../read-file.ts';
import { walkMidiFiles } from '../walk.ts';
import { EXIT_FAILED, EXIT_OK, type Command } from './command.ts';

export const inspect: Command = {
  name: 'inspect',
  usage: 'inspect <file|dir>...',
  summary: 'analyse files without any database; --json prints one JSON line per file',
  options: { json: 'boolean', strict: 'boolean', 'max-file-size': 'string', notes: 'string', quiet: 'boolean' },
  async run({ positionals, options }, io) {
    if (positionals.length === 0) throw usageError('inspect needs at least one file or directory');
    const maxBytes = sizeOption(options, 'max-file-size', DEFAULT_MAX_FILE_SIZE);
    const notes = options.notes;
    if (notes !== undefined && notes !== 'tone') throw usageError(`--notes accepts only "tone", got ${JSON.stringify(notes)}`);
    let invalid = 0;
    let missing = 0;
    let count = 0;
    for await (const entry of walkMidiFiles(positionals, io.cwd)) {
      count++;
      let result: { ok: true; analysis: unknown; notes?: unknown } | { ok: false; error: ErrorInfo };
      if (entry.error) {
        result = { ok: false, error: entry.error };
        if (entry.error.code === 'FILE_NOT_FOUND') missing++;
      } else {
        try {
          const bytes = await readFileBounded(entry.path, maxBytes);
          const analysis = analyzeMidi(bytes, { sha256: sha256Hex(bytes), maxBytes });
          result = notes === 'tone' ? { ok: true, analysis, notes: toneJson(bytes) } : { ok: true, analysis };
        } catch (error) {
          result = { ok: false, error: toErrorInfo(error) };
        }
      }
      if (!result.ok) invalid++;
      if (options.json) io.out(JSON.stringify({ path: entry.path, ...result }));
      else if (!options.quiet || !result.ok) io.out(result.ok ? formatAnalysis(entry.path, result.analysis as never) : formatError(entry.path, result.error));
    }
    if (!options.json && !options.quiet) io.err(`${count} files, ${count - invalid} analysed, ${invalid} invalid or unreadable\n`);
    // A path the user named that does not exist means the job could not be done as asked.
    if (missing > 0 || (options.strict && invalid > 0)) return EXIT_FAILED;
    return EXIT_OK;
  },
};
