// Killing `run` and `analyze` with SIGKILL at different points, then running again, finishes the job with
// nothing lost and nothing twice (library-checks.ts). Real processes on a real PostgreSQL database; each
// kill waits for a point in the work that the database shows (rows written so far), so it lands there
// rather than at a guessed time.
import type { ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { corpusDir, hasCorpus } from '../support/mido.ts';
import { finished, spawnCli, tempFolder } from './helpers.ts';
import { expectCompleteLibrary } from './library-checks.ts';

/** Starts the CLI, kills it with SIGKILL once `when` holds; true when it was killed (not already finished). */
async function killWhen(args: string[], when: () => Promise<boolean>, timeoutMs = 120_000): Promise<boolean> {
  const child: ChildProcess = spawnCli(args);
  const exit = finished(child);
  let exited = false;
  void exit.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (!exited && Date.now() < deadline) {
    if (await when()) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const result = await exit;
  return result.signal === 'SIGKILL';
}

describe.skipIf(!hasCorpus())('kill -9 and run again', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  const out = tempFolder('kill-out');
  const count = async (query: string) => Number((await sql.unsafe(query))[0]!.n);

  beforeAll(async () => {
    database = await createTestDatabase('pipeline_kill');
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await database?.drop();
    out.remove();
  });

  test('run killed during startup, mid-import and twice mid-split, then run to the end', async () => {
    const args = ['run', corpusDir(), '--database-url', database.url, '--out', out.path, '--json', '--batch-size', '50', '--workers', '2'];
    const tableExists = async () => (await sql`select to_regclass('public.files') is not null as ok`)[0]!.ok === true;
    const killed: string[] = [];
    // 1. before any file is written: the schema may or may not exist yet
    if (await killWhen(args, async () => (await tableExists()) || false)) killed.push('startup');
    // 2. mid-import
    if (await killWhen(args, async () => (await tableExists()) && (await count('select count(*) as n from files')) >= 300)) killed.push('import');
    // 3. mid-split: some children registered, not all parents split
    if (await killWhen(args, async () => (await tableExists()) && (await count('select count(*) as n from track_splits')) >= 40)) killed.push('split');
    // 4. again mid-split, later on
    if (await killWhen(args, async () => (await count('select count(*) as n from files where split_at is not null')) >= 150)) killed.push('late split');
    // The kills must have landed (each waits for its point); a run that finished before its point would
    // make this test prove less than it says.
    expect(killed).toEqual(['startup', 'import', 'split', 'late split']);

    const last = finished(spawnCli(args));
    const result = await last;
    expect(result.code, result.stderr).toBe(0);
    await expectCompleteLibrary(sql, out.path);
    // a killed run never records its end; the next run on the machine closes it as abandoned
    const runs = await sql`select status, error_code from runs order by started_at`;
    expect(runs.map((r) => `${r.status}:${r.error_code ?? ''}`)).toEqual([...runs.slice(1).map(() => 'failed:RUN_ABANDONED'), 'done:']);
  }, 300_000);

  test('analyze killed mid-way is finished by the next analyze, at once (the dead process\'s leases are taken back)', async () => {
    // Start over: register only, then analyse in a separate phase.
    await sql.unsafe('truncate files, file_paths, analyses, track_splits, runs restart identity cascade');
    const db = ['--database-url', database.url];
    const imported = await finished(spawnCli(['import', corpusDir(), '--no-analyze', ...db, '--json']));
    expect(imported.code, imported.stderr).toBe(0);
    const total = await count('select count(*) as n from files');
    const killed = await killWhen(['analyze', ...db, '--batch-size', '50', '--workers', '1'], async () => (await count(`select count(*) as n from files where status <> 'pending'`)) >= 200);
    expect(killed).toBe(true);
    const leasedByDead = await count('select count(*) as n from files where lease_owner is not null');
    expect(leasedByDead).toBeGreaterThan(0);

    const started = Date.now();
    const again = await finished(spawnCli(['analyze', ...db, '--json']));
    expect(again.code, again.stderr).toBe(0);
    // well inside the 120 s lease: nothing waited for the dead process's claims to expire
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await count(`select count(*) as n from files where status = 'pending' or lease_owner is not null`)).toBe(0);
    expect(await count('select count(*) as n from files')).toBe(total);
    // a claim given back does not count as an attempt: each file was attempted once at this version
    expect(await count('select count(*) as n from files where attempts <> 1')).toBe(0);
  }, 300_000);
});
