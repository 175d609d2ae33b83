// Every command of the CLI, in the order `--help` lists them.
import type { Command } from './command.ts';
import { inspect } from './inspect.ts';

export const COMMANDS: Command[] = [inspect];
