// Every command of the CLI, in the order `--help` lists them.
import type { Command } from './command.ts';
import { inspect } from './inspect.ts';
import { BULK_COMMANDS } from './bulk-commands.ts';
import { serveCommand } from './serve.ts';

export const COMMANDS: Command[] = [inspect, ...BULK_COMMANDS, serveCommand];
