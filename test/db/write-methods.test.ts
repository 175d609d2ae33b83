// The three write methods of bench:pool section 6 (scripts/write-methods.ts) load the same rows, so their
// timings compare like with like: UNNEST, multi-row INSERT and COPY against the local PostgreSQL, with text
// that needs escaping in each encoding (tabs, newlines, backslashes, quotes, braces, NULs).
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresJs } from '../../adapters/local/db/postgres-js.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { FileRecord } from '../../core/db/write-files.ts';
import { recordMaker } from '../../scripts/bench-records.ts';
import { prepareClones, toRows, type WriteMethod, writeRows } from '../../scripts/write-methods.ts';
import { corpusDir } from '../support/mido.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let database: TestDatabase;
let sql: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase('write_methods');
  const db = await openPostgresJs({ url: database.url, preset: 'lazy', env: {} });
  await migrate(db);
  await db.close();
  sql = postgres(database.url, { max: 1, fetch_types: false, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await database?.drop();
});

/** Records with awkward text in the searchable columns and the path. */
function awkwardRecords(): FileRecord[] {
  const records = recordMaker(corpusDir(), 5)(12);
  return records.map((r, i) => {
    if (!r.outcome?.ok || !('analysis' in r.outcome)) throw new Error('expected analysed records');
    const a = r.outcome.analysis;
    const name = `tab\there, line\nbreak, back\\slash, "quote", {brace}, nul\u0000end, ${i}`;
    return { ...r, path: `/odd\tpath\\${i}\n.mid`, outcome: { ok: true, analysis: { ...a, text: { ...a.text, trackNames: [name] } } } };
  });
}

async function contents(): Promise<unknown[]> {
  return sql.unsafe(`
    select f.sha256, f.size_bytes, f.format, f.ppq, f.status, p.path, a.bpm, a.key_tonic, a.meter_numerator, a.has_drums,
           a.instrument_families, a.instrument_names, a.search_text, a.document
    from bench_files f join bench_file_paths p on p.file_id = f.id join bench_analyses a on a.file_id = f.id
    order by f.id`);
}

describe('bench:pool write methods', () => {
  it('UNNEST, multi-row INSERT and COPY store identical rows', async () => {
    const records = awkwardRecords();
    const loaded: Record<string, unknown[]> = {};
    for (const method of ['unnest', 'values', 'copy'] as WriteMethod[]) {
      await prepareClones(sql);
      // two batches, as the benchmark writes them
      await writeRows(sql, method, toRows(records.slice(0, 5), 1));
      await writeRows(sql, method, toRows(records.slice(5), 6));
      loaded[method] = await contents();
    }
    expect(loaded.unnest).toHaveLength(records.length);
    expect(String((loaded.unnest![0] as { search_text: string }).search_text)).toContain('tab\there, line\nbreak, back\\slash');
    expect(loaded.values).toEqual(loaded.unnest);
    expect(loaded.copy).toEqual(loaded.unnest);
  });
});
