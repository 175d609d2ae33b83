// `import <dir>...`: walk, hash, dedupe and register files, analysing new contents in the same pass
// unless --no-analyze.
import { usageError } from '../args.ts';
import { BULK_OPTIONS } from '../options.ts';
import { runPipelineCommand } from '../pipeline-command.ts';
import type { Command } from './command.ts';

export const importCommand: Command = {
  name: 'import',
  usage: 'import <dir>...',
  summary: 'walk, hash, dedupe and register files, analysing new ones in the same pass (--no-analyze: register only)',
  options: { ...BULK_OPTIONS, analyze: 'boolean' },
  async run(args, io) {
    if (args.positionals.length === 0) throw usageError('import needs at least one folder or file');
    return runPipelineCommand({ command: 'import', roots: args.positionals, analyze: args.options.analyze !== false }, args, io);
  },
};
