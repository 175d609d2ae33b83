// A library made from the project's own example files (examples/*.mid) the way a user makes one: the CLI's
// `run` (import, analyse, split) over a copy of the folder, in this process. The copy lives in a temporary
// folder so the recorded paths (and the split files) are the suite's own, readable for the piano roll.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../adapters/local/cli.ts';
import { memoryIo } from '../../../adapters/local/io.ts';
import { projectRoot } from '../../support/mido.ts';

export const EXAMPLES = join(projectRoot, 'examples');

export interface ExampleLibrary {
  folder: string;
  /** Where the copies of examples/*.mid are. */
  examples: string;
  remove(): void;
}

/** `databaseArgs`: `['--database-url', url]` or `['--data-dir', dir]`. */
export async function makeExampleLibrary(databaseArgs: string[], folder = mkdtempSync(join(tmpdir(), 'mp-web-'))): Promise<ExampleLibrary> {
  const examples = join(folder, 'examples');
  cpSync(EXAMPLES, examples, { recursive: true, filter: (path) => !path.endsWith('.md') });
  const io = memoryIo({ ...process.env, DATABASE_URL: '' }, folder);
  const code = await run(['run', examples, '--out', join(folder, 'split'), '--workers', '1', '--no-progress', '--quiet', ...databaseArgs], io);
  if (code !== 0) throw new Error(`midi-pipeline run exited ${code}: ${io.errors}`);
  return { folder, examples, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
