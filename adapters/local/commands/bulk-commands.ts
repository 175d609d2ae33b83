// The library commands of the bulk pipeline, in the order `--help` lists them (registered in index.ts).
import { analyzeCommand } from './analyze.ts';
import type { Command } from './command.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { queryCommand } from './query.ts';
import { runCommand } from './run.ts';
import { splitCommand } from './split.ts';
import { statsCommand } from './stats.ts';

export const BULK_COMMANDS: Command[] = [runCommand, importCommand, analyzeCommand, splitCommand, queryCommand, statsCommand, migrateCommand];
