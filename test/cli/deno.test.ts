// The same CLI under Deno (the deno npm package's binary): `run` with worker threads loading the
// TypeScript worker natively, into PostgreSQL through postgres.js and into PGlite, then `query`. The task
// form (`deno task cli`) is not used: in this repository Deno's task runner resolves `deno` to the npm
// shim in node_modules/.bin and fails, so the task's own command line is run directly.
import { spawn } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { finished, summaryFromStdout, tempFolder } from '../pipeline/helpers.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { projectRoot } from '../support/mido.ts';

const DENO = join(projectRoot, 'node_modules', '.bin', 'deno');
const deno = (args: string[], cwd: string) =>
  finished(
    spawn(DENO, ['run', '--allow-read', '--allow-write', '--allow-env', '--allow-net', '--allow-sys', join(projectRoot, 'adapters/local/main.ts'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' },
    }),
  );

describe.skipIf(!existsSync(DENO))('the CLI under Deno', () => {
  const folder = tempFolder('deno');
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('cli_deno');
    cpSync(join(projectRoot, 'examples'), join(folder.path, 'examples'), { recursive: true });
  });
  afterAll(async () => {
    await database?.drop();
    folder.remove();
  });

  test('run into PostgreSQL with two worker threads, then query', async () => {
    const result = await deno(['run', 'examples', '--database-url', database.url, '--out', 'split', '--json', '--workers', '2'], folder.path);
    expect(result.code, result.stderr).toBe(0);
    expect(summaryFromStdout(result.stdout)).toMatchObject({ status: 'done', filesSeen: 4, newFiles: 4, analysed: 6, invalid: { MIDI_BAD_HEADER: 1 }, split: { parents: 1, children: 3 } });
    expect(existsSync(join(folder.path, 'split'))).toBe(true);
    const query = await deno(['query', '--drums', '--database-url', database.url, '--json'], folder.path);
    expect(query.code, query.stderr).toBe(0);
    const lines = query.stdout.trim().split('\n');
    expect(JSON.parse(lines.pop()!)).toEqual({ count: 1, nextCursor: null });
    expect(JSON.parse(lines[0]!).paths).toEqual([join(folder.path, 'examples', 'drum-loop.mid')]);
  }, 180_000);

  test('run into the embedded PGlite default, twice', async () => {
    const first = await deno(['run', 'examples', '--json'], folder.path);
    expect(first.code, first.stderr).toBe(0);
    expect(summaryFromStdout(first.stdout)).toMatchObject({ status: 'done', filesSeen: 4, newFiles: 4, split: { parents: 1, children: 3 } });
    const second = await deno(['run', 'examples', '--json'], folder.path);
    expect(summaryFromStdout(second.stdout)).toMatchObject({ status: 'done', newFiles: 0, duplicates: 4, analysed: 0 });
  }, 180_000);
});
