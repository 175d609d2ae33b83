// `migrate`: apply the schema migrations (the other database commands do this on their own first; this
// is for doing it ahead of time, e.g. in a deployment step).
import { migrate } from '../../../core/db/migrate.ts';
import { openLocalDb } from '../db/open-db.ts';
import { DATABASE_OPTIONS, resolveDatabaseOptions } from '../options.ts';
import { EXIT_OK, type Command } from './command.ts';
import { usageError } from '../args.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'apply schema migrations',
  options: DATABASE_OPTIONS,
  async run(args, io) {
    if (args.positionals.length > 0) throw usageError('migrate takes no arguments');
    const options = resolveDatabaseOptions(args, io);
    const db = await openLocalDb({ ...options.db, log: options.quiet ? undefined : (line) => io.err(`${line}\n`) });
    try {
      const result = await migrate(db);
      if (options.json) io.out(JSON.stringify(result));
      else if (!options.quiet) io.out(result.applied.length > 0 ? `applied migration(s) ${result.applied.join(', ')}; schema version ${result.version}` : `schema up to date (version ${result.version})`);
      return EXIT_OK;
    } finally {
      await db.close();
    }
  },
};
