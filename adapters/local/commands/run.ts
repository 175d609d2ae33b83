// `run <dir>...`: the orchestrator. Import with analysis in one pass, analyse anything left, split
// multi-track files (children analysed as they are made), and exit with a summary when no work is left.
import { usageError } from '../args.ts';
import { BULK_OPTIONS } from '../options.ts';
import { runPipelineCommand } from '../pipeline-command.ts';
import type { Command } from './command.ts';

export const runCommand: Command = {
  name: 'run',
  usage: 'run <dir>...',
  summary: 'import + analyze + split, then exit with a summary (files/s, MB/s, pool statistics)',
  options: { ...BULK_OPTIONS, out: 'string' },
  async run(args, io) {
    if (args.positionals.length === 0) throw usageError('run needs at least one folder or file');
    return runPipelineCommand({ command: 'run', roots: args.positionals, out: args.options.out as string | undefined }, args, io);
  },
};
