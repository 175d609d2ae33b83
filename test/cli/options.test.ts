// The CLI contract of the bulk commands: usage errors exit 2 before touching anything, failures to finish
// exit 1 with a coded message and no stack trace, --strict, --json, --quiet, and the progress bar only on
// a terminal without --no-progress.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../core/db/migrations/index.ts';
import { COMMANDS } from '../../adapters/local/commands/index.ts';
import { cli, summaryOf, tempFolder } from '../pipeline/helpers.ts';
import { closedPort, createTestDatabase, type TestDatabase } from '../support/db.ts';
import { projectRoot } from '../support/mido.ts';

const examples = join(projectRoot, 'examples');
let database: TestDatabase;
const folder = tempFolder('cli-options');
beforeAll(async () => {
  database = await createTestDatabase('cli_options');
});
afterAll(async () => {
  await database?.drop();
  folder.remove();
});

describe('usage errors exit 2', () => {
  const cases: string[][] = [
    ['run'],
    ['import'],
    ['run', 'x', '--pool', 'hot'],
    ['run', 'x', '--workers', 'two'],
    ['run', 'x', '--batch-size', '0'],
    ['run', 'x', '--max-file-size', 'big'],
    ['run', 'x', '--acquire-timeout', '-1'],
    ['run', 'x', '--idle-timeout', 'soon'],
    ['run', 'x', '--frobnicate'],
    ['analyze', 'some/path'],
    ['split', 'some/path'],
    ['stats', '--pool-min', '5', '--pool-max', '2'],
    ['query', '--bpm', 'fast'],
    ['query', '--bpm', '130..120'],
    ['query', '--key', 'H minor'],
    ['query', '--time-signature', '3'],
    ['query', '--min-duration', '-3'],
    ['query', '--limit', '0'],
    ['query', 'piano'],
  ];
  for (const argv of cases) {
    test(argv.join(' '), async () => {
      const result = await cli(argv, { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
      expect(result.code, result.errors).toBe(2);
      expect(result.errors).toMatch(/^midi-pipeline \w+: /);
      expect(result.errors).not.toMatch(/\n\s+at /);
    });
  }

  test('--help lists the bulk commands', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    for (const name of ['run', 'import', 'analyze', 'split', 'query', 'stats', 'migrate']) expect(result.lines.join('\n')).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  test('<command> --help describes every option the command accepts', async () => {
    for (const command of COMMANDS) {
      const result = await cli([command.name, '--help']);
      expect(result.code).toBe(0);
      const text = result.lines.join('\n');
      for (const name of Object.keys(command.options)) {
        // A flag line with a description after it, not just the flag.
        expect(text, `${command.name} --${name}`).toMatch(new RegExp(`^  --${name}\\b[^\\n]*?\\s{2,}\\S`, 'm'));
      }
    }
  });
});

describe('runs that cannot finish exit 1', () => {
  test('database unreachable past the acquire timeout', async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/none`;
    const result = await cli(['stats', '--database-url', url, '--acquire-timeout', '1']);
    expect(result.code).toBe(1);
    expect(result.errors).toMatch(/DB_UNAVAILABLE/);
    expect(result.errors).not.toMatch(/\n\s+at /);
  });

  test('output folder not writable (a path through a regular file)', async () => {
    const file = join(folder.path, 'a-file');
    writeFileSync(file, 'x');
    const result = await cli(['split', '--out', join(file, 'sub'), '--database-url', database.url, '--json']);
    expect(result.code).toBe(1);
    expect(summaryOf(result)).toMatchObject({ status: 'failed', error: { code: 'OUTPUT_UNWRITABLE' } });
    expect(result.errors).toMatch(/OUTPUT_UNWRITABLE/);
  });

  test('a folder that does not exist', async () => {
    const result = await cli(['import', join(folder.path, 'missing'), '--database-url', database.url, '--json']);
    expect(result.code).toBe(1);
    expect(summaryOf(result).invalid).toEqual({ FILE_NOT_FOUND: 1 });
  });

  test('--strict: invalid files make it exit 1, the work still done', async () => {
    const result = await cli(['import', examples, '--database-url', database.url, '--json', '--strict']);
    expect(result.code).toBe(1);
    expect(summaryOf(result)).toMatchObject({ status: 'done', invalid: { MIDI_BAD_HEADER: 1 } });
  });
});

describe('output', () => {
  const db = () => ['--database-url', database.url];

  test('--json: the summary is the only and last stdout line', async () => {
    const result = await cli(['import', examples, ...db(), '--json']);
    expect(result.code).toBe(0);
    expect(result.lines).toHaveLength(1);
    expect(summaryOf(result)).toMatchObject({ command: 'import', status: 'done', filesSeen: 4 });
  });

  test('--quiet: nothing on stdout, no banner', async () => {
    const result = await cli(['import', examples, ...db(), '--quiet']);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([]);
    expect(result.errors).toBe('');
  });

  test('without --json: a readable summary with rates and pool statistics', async () => {
    const result = await cli(['run', examples, ...db(), '--out', join(folder.path, 'out')]);
    expect(result.code).toBe(0);
    const text = result.lines.join('\n');
    expect(text).toMatch(/^run done in [\d.]+ s: 4 files seen, 0 new, 4 duplicates/);
    expect(text).toMatch(/throughput: [\d,.]+ files\/s, [\d.]+ MB\/s/);
    expect(text).toMatch(/pool: \d+ queries, \d+ connections opened/);
    expect(result.errors).toMatch(/via postgres\.js, pool warm/);
  });

  test('progress bar on a terminal only, and not with --no-progress', async () => {
    const onTty = await cli(['import', examples, ...db()], { tty: true });
    // with or without the bar: the total comes from a count that may not have finished yet
    expect(onTty.errors).toMatch(/\r\x1b\[Kimport +(\[[#-]+\] +\d+% +)?[\d,/]+ files +[\d.]+ MB +\d+ files\/s/);
    const noProgress = await cli(['import', examples, ...db(), '--no-progress'], { tty: true });
    expect(noProgress.errors).not.toContain('\r');
    const notTty = await cli(['import', examples, ...db()], { tty: false });
    expect(notTty.errors).not.toContain('\r');
  });

  test('the run is recorded with its options, the database password masked', async () => {
    const url = new URL(database.url);
    url.password = 'secret-pw';
    const result = await cli(['import', examples, '--database-url', url.toString(), '--json', '--batch-size', '7']);
    expect(result.code, result.errors).toBe(0);
    const stats = (await cli(['stats', ...db(), '--json', '--runs', '1'])).json as { runs: { id: string; options: Record<string, unknown> }[] };
    expect(stats.runs[0]!.id).toBe(summaryOf(result).runId);
    expect(stats.runs[0]!.options).toMatchObject({ 'batch-size': '7', batchSize: 7, 'database-url': expect.stringContaining(':***@') });
    expect(JSON.stringify(stats.runs[0])).not.toContain('secret-pw');
  });

  test('stats and migrate', async () => {
    const stats = await cli(['stats', ...db(), '--json']);
    expect(stats.code).toBe(0);
    const s = stats.json as { library: { files: number }; runs: { command: string }[] };
    expect(s.library.files).toBeGreaterThanOrEqual(4);
    expect(s.runs.length).toBeGreaterThan(0);
    const text = await cli(['stats', ...db()]);
    expect(text.lines.join('\n')).toMatch(/^library: [\d,]+ files/);
    const migrate = await cli(['migrate', ...db(), '--json']);
    expect(migrate.json).toEqual({ applied: [], version: MIGRATIONS[MIGRATIONS.length - 1]!.version });
  });
});
