// End to end on the shared corpus into the embedded default (PGlite in --data-dir): the same counts as
// the corpus holds (corpus-truth.ts), and a second run adds nothing. The database is opened afterwards
// with PGlite itself to check the rows.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '../../adapters/local/db/pglite.ts';
import type { Db } from '../../core/db/port.ts';
import { toInt } from '../../core/db/values.ts';
import type { RunSummary } from '../../core/pipeline/summary.ts';
import { corpusDir, hasCorpus } from '../support/mido.ts';
import { corpusTruth } from './corpus-truth.ts';
import { cli, summaryOf, tempFolder } from './helpers.ts';

describe.skipIf(!hasCorpus())('corpus into PGlite (the embedded default)', () => {
  const data = tempFolder('corpus-pglite');
  let first: RunSummary;
  let second: RunSummary;

  beforeAll(async () => {
    const args = ['run', corpusDir(), '--data-dir', data.path, '--json', '--workers', '2'];
    first = summaryOf(await cli(args, { env: {} }));
    second = summaryOf(await cli(args, { env: {} }));
  }, 240_000);
  afterAll(() => data.remove());

  test('counts match the corpus, and a second run adds nothing', async () => {
    const truth = corpusTruth();
    expect(truth.contradictions).toEqual([]);
    expect(first).toMatchObject({ status: 'done', filesSeen: truth.files.length, newFiles: truth.contents.size, duplicates: 0, invalid: truth.invalidByCode, split: { parents: truth.splitParents, children: truth.splitChildren } });
    expect(first.pool).toEqual({ settings: null, stats: null });
    expect(second).toMatchObject({ status: 'done', filesSeen: truth.files.length, newFiles: 0, duplicates: truth.files.length, analysed: 0, invalidFiles: 0, split: { parents: 0, children: 0 } });

    const db: Db = await openPglite({ dataDir: join(data.path, 'pglite') });
    try {
      const corpus = `${corpusDir()}/`;
      const [paths] = await db.query(`select count(*) as paths, count(distinct file_id) as files from file_paths where starts_with(path, $1)`, [corpus]);
      expect([toInt(paths!.paths), toInt(paths!.files)]).toEqual([truth.files.length, truth.contents.size]);
      const rows = await db.query(
        `select f.sha256, f.status, f.error_code from files f where exists (select 1 from file_paths p where p.file_id = f.id and starts_with(p.path, $1))`,
        [corpus],
      );
      const stored = Object.fromEntries(rows.map((r) => [String(r.sha256), `${r.status}:${r.error_code ?? ''}`]));
      const expected = Object.fromEntries(truth.files.map((f) => [f.sha256, f.errorCode ? `failed:${f.errorCode}` : 'analyzed:']));
      expect(stored).toEqual(expected);
      const [split] = await db.query(`select (select count(*) from track_splits) as links, (select count(*) from files where split_at is not null) as parents,
        (select count(*) from files where status = 'pending' or lease_owner is not null or split_lease_owner is not null) as unfinished`);
      expect([toInt(split!.links), toInt(split!.parents), toInt(split!.unfinished)]).toEqual([truth.splitChildren, truth.splitParents, 0]);
      const runs = await db.query(`select status from runs`);
      expect(runs.map((r) => r.status)).toEqual(['done', 'done']);
    } finally {
      await db.close();
    }
  });
});
