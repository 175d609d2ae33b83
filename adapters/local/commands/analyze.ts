// `analyze`: analyse every file whose analysis is missing, failed with a retryable error, or older than
// the analyzer version. Several processes may run it on one database: claims are leases.
import { usageError } from '../args.ts';
import { BULK_OPTIONS } from '../options.ts';
import { runPipelineCommand } from '../pipeline-command.ts';
import type { Command } from './command.ts';

export const analyzeCommand: Command = {
  name: 'analyze',
  usage: 'analyze',
  summary: 'analyse files with a missing, retryable-failed or outdated analysis (several processes may share the work)',
  options: BULK_OPTIONS,
  async run(args, io) {
    if (args.positionals.length > 0) throw usageError('analyze takes no paths (it works on the library); use import or run for folders');
    return runPipelineCommand({ command: 'analyze' }, args, io);
  },
};
