// Three `analyze` processes on one PostgreSQL database share the work without analysing a file twice:
// their claims add up to the number of files, each file was claimed once, and every verdict is the one
// corpus-truth.ts expects.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { corpusDir, hasCorpus } from '../support/mido.ts';
import { corpusTruth } from './corpus-truth.ts';
import { finished, spawnCli, summaryFromStdout } from './helpers.ts';

describe.skipIf(!hasCorpus())('concurrent analyze', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  beforeAll(async () => {
    database = await createTestDatabase('pipeline_concurrent');
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await database?.drop();
  });

  test('three processes, each file analysed exactly once', async () => {
    const db = ['--database-url', database.url];
    const imported = await finished(spawnCli(['import', corpusDir(), '--no-analyze', ...db, '--json']));
    expect(imported.code, imported.stderr).toBe(0);
    const truth = corpusTruth();
    const [pending] = await sql`select count(*)::int as n from files where status = 'pending'`;
    expect(pending!.n).toBe(truth.contents.size);

    // Small claims and one worker each, so the three overlap for most of the run.
    const runs = await Promise.all([0, 1, 2].map(() => finished(spawnCli(['analyze', ...db, '--json', '--workers', '1', '--batch-size', '10']))));
    const summaries = runs.map((r) => {
      expect(r.code, r.stderr).toBe(0);
      return summaryFromStdout(r.stdout);
    });
    const claimed = summaries.map((s) => s.counts.analyze.claimed);
    expect(claimed.reduce((a, b) => a + b, 0)).toBe(truth.contents.size);
    expect(summaries.reduce((a, s) => a + s.analysed + s.failed, 0)).toBe(truth.contents.size);
    // The work was really shared (not one process doing it all while the others found nothing).
    expect(claimed.filter((c) => c > 0).length).toBeGreaterThanOrEqual(2);

    const [state] = await sql`select count(*) filter (where status = 'pending' or lease_owner is not null)::int as unfinished,
      count(*) filter (where attempts <> 1)::int as claimed_twice, count(*) filter (where status = 'analyzed')::int as analyzed from files`;
    expect(state).toEqual({ unfinished: 0, claimed_twice: 0, analyzed: truth.files.filter((f) => !f.errorCode).length });
    const codes = await sql`select error_code, count(*)::int as n from files where status = 'failed' group by 1`;
    expect(Object.fromEntries(codes.map((c) => [c.error_code as string, c.n as number]))).toEqual(truth.invalidByCode);
  }, 240_000);
});
