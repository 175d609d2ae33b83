// WriteBatcher against the real PostgreSQL while every backend of its pool is terminated every 200 ms (the
// chaos scenario "terminate every 200 ms"). A 500-record batch of files with sizeable analyses takes longer
// than 200 ms to write, so sent whole it never lands and the run used to fail with DB_UNAVAILABLE; the
// batcher must fall back to smaller statements, land every record exactly once, and count each new
// content once.
import type postgres from 'postgres';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPostgresJs, type PostgresJsDb } from '../../adapters/local/db/postgres-js.ts';
import { migrate } from '../../core/db/migrate.ts';
import { toInt } from '../../core/db/values.ts';
import type { FileRecord } from '../../core/db/write-files.ts';
import { WriteBatcher } from '../../core/pipeline/write-batcher.ts';
import { makeAnalysis, sha } from '../db/fixtures.ts';
import { adminSql, closedPort, createTestDatabase, type TestDatabase, terminateBackends, uniqueAppName, withPort } from '../support/db.ts';

const RECORDS = 500;
// The last 50 records are second paths of the first 50 contents (path only, as import sends a duplicate):
// 450 contents, 500 paths. Written in pieces, a content and its repeat land in different statements.
const CONTENTS = 450;
// About 13 kB of analysis JSON per file (a song with its lyrics), like the larger files of a real
// collection: a full batch then takes well over 200 ms to write here, 25 records a few tens of ms.
const LYRICS = Array.from({ length: 800 }, (_, i) => `syllable${i}`);

let database: TestDatabase;
let admin: postgres.Sql;
let check: postgres.Sql;
let db: PostgresJsDb;
const app = uniqueAppName('batcher-terminated');

beforeAll(async () => {
  database = await createTestDatabase('batcher_terminated');
  admin = adminSql();
  check = (await import('postgres')).default(database.url, { max: 1, onnotice: () => {} });
  // A 10 s acquire timeout (30 s by default) keeps the failing case short; it is the retry budget every
  // statement gets, the smallest batch included.
  db = await openPostgresJs({
    url: database.url,
    workers: 1,
    env: {},
    preset: 'lazy',
    options: { applicationName: app, validate: false, acquireTimeoutSeconds: 10 },
    retryDelay: { baseMs: 20, maxMs: 200 },
  });
  await migrate(db);
});
afterAll(async () => {
  await db?.close();
  await check?.end({ timeout: 5 });
  await admin?.end({ timeout: 5 });
  await database?.drop();
});

test('backends terminated every 200 ms: a 500-record batch still lands, each record once', async () => {
  const records: FileRecord[] = Array.from({ length: RECORDS }, (_, i) => {
    if (i >= CONTENTS) return { sha256: sha(i - CONTENTS + 1), sizeBytes: 1000 + i - CONTENTS + 1, path: `terminated/again/${i - CONTENTS + 1}.mid` };
    const analysis = makeAnalysis({ n: i + 1, lyrics: LYRICS });
    return { sha256: analysis.sha256, sizeBytes: analysis.sizeBytes, path: `terminated/${i + 1}.mid`, outcome: { ok: true as const, analysis } };
  });
  let newContents = 0;
  let recordsWritten = 0;
  let statements = 0;
  const batcher = new WriteBatcher(db, {
    batchSize: RECORDS,
    onWritten: (written, batch) => {
      statements++;
      recordsWritten += batch.length;
      for (const w of written) if (w.inserted) newContents++;
    },
  });

  let running = true;
  let kills = 0;
  const killer = (async () => {
    while (running) {
      kills += await terminateBackends(admin, app);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  try {
    for (const record of records) {
      batcher.add(record);
      await batcher.ready();
    }
    await batcher.flush();
  } finally {
    running = false;
    await killer;
  }

  expect(kills).toBeGreaterThan(0);
  // The batch really went out in pieces (one statement of all 500 never outlives the kills here); were it
  // to land whole, this test would not be testing the halving.
  expect(statements).toBeGreaterThan(1);
  const [row] = await check`select (select count(*) from files) as files, (select count(*) from file_paths) as paths,
    (select count(*) from analyses) as analyses, (select count(*) from files where status = 'analyzed') as analyzed`;
  expect({ files: toInt(row!.files), paths: toInt(row!.paths), analyses: toInt(row!.analyses), analyzed: toInt(row!.analyzed) }).toEqual({
    files: CONTENTS,
    paths: RECORDS,
    analyses: CONTENTS,
    analyzed: CONTENTS,
  });
  // Every record reported written once, and every content (all new to the empty database) counted new once.
  expect(recordsWritten).toBe(RECORDS);
  expect(newContents).toBe(CONTENTS);
}, 120_000);

test('a database that cannot be reached: DB_UNAVAILABLE after one acquire timeout, not one per halving', async () => {
  const down = await openPostgresJs({
    url: withPort(database.url, await closedPort()),
    workers: 1,
    env: {},
    preset: 'lazy',
    options: { acquireTimeoutSeconds: 1, connectTimeoutSeconds: 1 },
    retryDelay: { baseMs: 20, maxMs: 200 },
  });
  try {
    const batcher = new WriteBatcher(down, { batchSize: 100 });
    for (let i = 1; i <= 100; i++) batcher.add({ sha256: sha(10_000 + i), sizeBytes: 1, path: `down/${i}.mid` });
    const started = Date.now();
    // Refused connections never carried the statement: a smaller one would not help, so no halving (seven
    // halvings from 100 to 1 would take eight timeouts).
    await expect(batcher.flush()).rejects.toMatchObject({ code: 'DB_UNAVAILABLE', cause: { code: 'ECONNREFUSED' } });
    expect(Date.now() - started).toBeLessThan(2500);
  } finally {
    await down.close();
  }
}, 30_000);
