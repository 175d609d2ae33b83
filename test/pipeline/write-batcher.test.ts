// WriteBatcher on a real PGlite database: records go out in batches of batchSize, one statement each; a
// partial batch waits for flush(), which waits for what was added before it; producers wait on ready()
// while the queue is over its bound; a failed write surfaces on the next add/ready/flush. Statements are
// counted by a DbSession that passes through.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { openPglite } from '../../adapters/local/db/pglite.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { Db, DbSession } from '../../core/db/port.ts';
import { toInt } from '../../core/db/values.ts';
import { WriteBatcher } from '../../core/pipeline/write-batcher.ts';

let db: Db;
let statements = 0;
const counting: DbSession = {
  query: (text, params, options) => {
    statements++;
    return db.query(text, params, options);
  },
  exec: (script) => db.exec(script),
};
const record = (n: number) => ({ sha256: n.toString(16).padStart(64, '0'), sizeBytes: n, path: `p/${n}.mid` });
const files = async () => toInt((await db.query('select count(*) as n from files'))[0]!.n);

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.exec('truncate files, file_paths, analyses, track_splits restart identity cascade');
  statements = 0;
});

test('25 records at batch size 10: two full batches as they fill, the rest on flush', async () => {
  const written: number[] = [];
  const batcher = new WriteBatcher(counting, { batchSize: 10, onWritten: (w) => written.push(w.length) });
  for (let i = 1; i <= 25; i++) {
    batcher.add(record(i));
    await batcher.ready();
  }
  await batcher.flush();
  expect(written).toEqual([10, 10, 5]);
  expect(statements).toBe(3);
  expect(await files()).toBe(25);
});

test('flush() waits for the records added before it, not for those a producer keeps adding', async () => {
  const batcher = new WriteBatcher(counting, { batchSize: 10 });
  for (let i = 1; i <= 15; i++) batcher.add(record(i));
  let flushed = false;
  const flush = batcher.flush().then(() => (flushed = true));
  // A producer that keeps the queue busy (as later split claims do) until the flush returns, or 2,000 records.
  let added = 15;
  while (!flushed && added < 2000) {
    batcher.add(record(++added));
    await batcher.ready();
  }
  await flush;
  expect(added).toBeLessThan(2000);
  const present = await db.query(`select count(*) as n from files where size_bytes <= 15`);
  expect(toInt(present[0]!.n)).toBe(15);
  await batcher.flush();
  expect(await files()).toBe(added);
});

test('ready() holds producers while the queue is over its bound', async () => {
  const batcher = new WriteBatcher(counting, { batchSize: 5, maxQueued: 10 });
  for (let i = 1; i <= 30; i++) batcher.add(record(i));
  expect(batcher.queued).toBeGreaterThan(10);
  await batcher.ready();
  expect(batcher.queued).toBeLessThanOrEqual(10);
  await batcher.flush();
  expect(await files()).toBe(30);
});

test('a failed write is reported to the producer, not lost', async () => {
  const batcher = new WriteBatcher(counting, { batchSize: 2 });
  batcher.add(record(1));
  batcher.add({ ...record(2), sha256: 'not-a-hash' }); // violates files.sha256's check constraint
  await expect(batcher.flush()).rejects.toThrow();
  expect(() => batcher.add(record(3))).toThrow();
  await expect(batcher.ready()).rejects.toThrow();
});
