// The shape every CLI command has: its options, its help line, and a run function that returns an exit code.
import type { OptionSpec, ParsedArgs } from '../args.ts';
import type { CliIo } from '../io.ts';

export interface Command {
  name: string;
  /** e.g. "inspect <file|dir>..." */
  usage: string;
  summary: string;
  options: OptionSpec;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Exit codes (contract): 0 done, 1 the run could not finish, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
