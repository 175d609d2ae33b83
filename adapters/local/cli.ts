// `midi-pipeline <command> [options]`: dispatches to the commands, turns errors into messages and exit
// codes. Testable without a process: `run(argv, io)` returns the exit code; only main.ts exits.
import { toErrorInfo } from '../../core/errors.ts';
import { parseArgs } from './args.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Command } from './commands/command.ts';
import { COMMANDS } from './commands/index.ts';
import type { CliIo } from './io.ts';
import { OPTION_HELP } from './option-help.ts';

export const VERSION = '0.1.0';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [`midi-pipeline ${VERSION}: import, analyse, split and search MIDI collections`, '', 'Usage: midi-pipeline <command> [options]', '', ...lines, '', 'Run `midi-pipeline <command> --help` for its options.', ''].join('\n');
}

function commandHelp(command: Command): string {
  const flags = Object.entries(command.options).map(([name, kind]) => {
    const value = OPTION_HELP[name]?.value ?? 'VALUE';
    return { flag: `--${name}${kind === 'string' ? ` ${value}` : ''}`, text: OPTION_HELP[name]?.text ?? '' };
  });
  const width = Math.max(...flags.map((f) => f.flag.length));
  const options = flags.map((f) => `  ${f.flag.padEnd(width)}  ${f.text}`.trimEnd()).join('\n');
  return `Usage: midi-pipeline ${command.usage}\n\n${command.summary}\n\nOptions:\n${options}\n`;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.out(VERSION);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`midi-pipeline: unknown command "${name}"\n\n${help()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return EXIT_OK;
  }
  try {
    return await command.run(parseArgs(rest, command.options), io);
  } catch (error) {
    const info = toErrorInfo(error);
    io.err(`midi-pipeline ${name}: ${info.code === 'USAGE' ? '' : `${info.code}: `}${info.message}\n`);
    return info.code === 'USAGE' ? EXIT_USAGE : EXIT_FAILED;
  }
}
