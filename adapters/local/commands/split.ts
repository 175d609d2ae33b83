// `split [--out DIR]`: split multi-track files into per-track files under DIR (default: the data dir's
// split folder) and register them as children of their parents.
import { usageError } from '../args.ts';
import { BULK_OPTIONS } from '../options.ts';
import { runPipelineCommand } from '../pipeline-command.ts';
import type { Command } from './command.ts';

export const splitCommand: Command = {
  name: 'split',
  usage: 'split [--out DIR]',
  summary: 'split multi-track files into per-track files under DIR and register them as children',
  options: { ...BULK_OPTIONS, out: 'string' },
  async run(args, io) {
    if (args.positionals.length > 0) throw usageError('split takes no paths (it works on the library); use --out for the output folder');
    return runPipelineCommand({ command: 'split', out: args.options.out as string | undefined }, args, io);
  },
};
