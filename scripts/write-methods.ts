// How a batch of analysed files gets into PostgreSQL, three ways, for scripts/bench-pool.ts section 6:
// UNNEST over one array parameter per column (what core/db/write-files.ts sends), a multi-row INSERT with
// one parameter per value, and COPY FROM STDIN. Each loads the same rows (files, file_paths, analyses) into
// clones of the real tables (same columns, checks and indexes, no foreign keys), so only the transport and
// parsing differ; the production upsert (writeFiles) is measured beside them on the real tables.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import { toArrayLiteral } from '../core/db/values.ts';
import { encodeAnalysis, type FileRecord } from '../core/db/write-files.ts';

export type WriteMethod = 'unnest' | 'values' | 'copy';

/** One row per table, every value as the text PostgreSQL parses (null for NULL). */
export interface RowSet {
  files: (string | null)[][];
  paths: (string | null)[][];
  analyses: (string | null)[][];
}

// [column, type] of each clone, in row order.
const TABLES = {
  files: [['id', 'bigint'], ['sha256', 'text'], ['size_bytes', 'bigint'], ['container', 'text'], ['format', 'smallint'], ['track_count', 'integer'], ['ppq', 'integer'], ['status', 'text'], ['analyzer_version', 'integer'], ['analysis_version', 'integer'], ['attempt_version', 'integer'], ['attempts', 'integer']],
  paths: [['file_id', 'bigint'], ['path', 'text']],
  analyses: [['file_id', 'bigint'], ['analyzer_version', 'integer'], ['bpm', 'float8'], ['initial_bpm', 'float8'], ['key_tonic', 'text'], ['key_mode', 'text'], ['key_confidence', 'real'], ['meter_numerator', 'smallint'], ['meter_denominator', 'smallint'], ['duration_seconds', 'float8'], ['note_count', 'integer'], ['note_track_count', 'integer'], ['has_drums', 'boolean'], ['instrument_families', 'text[]'], ['instrument_names', 'text[]'], ['search_text', 'text'], ['document', 'jsonb']],
} as const;
type Table = keyof typeof TABLES;
const CLONE: Record<Table, string> = { files: 'bench_files', paths: 'bench_file_paths', analyses: 'bench_analyses' };
const SOURCE: Record<Table, string> = { files: 'files', paths: 'file_paths', analyses: 'analyses' };

/** Creates (or empties) the clones in the current database. */
export async function prepareClones(sql: postgres.Sql): Promise<void> {
  for (const table of Object.keys(TABLES) as Table[]) {
    await sql.unsafe(`create table if not exists ${CLONE[table]} (like ${SOURCE[table]} including defaults including constraints including indexes)`);
    await sql.unsafe(`truncate ${CLONE[table]}`);
  }
}

/** The rows of `records` (analysed files) with ids from `firstId` on. */
export function toRows(records: readonly FileRecord[], firstId: number): RowSet {
  const rows: RowSet = { files: [], paths: [], analyses: [] };
  records.forEach((r, i) => {
    const id = String(firstId + i);
    if (!r.outcome?.ok || !('analysis' in r.outcome)) throw new Error('BENCH_RECORD: write-methods takes analysed records only');
    const a = r.outcome.analysis;
    const { columns: c, json } = encodeAnalysis(a);
    const v = String(c.analyzerVersion);
    rows.files.push([id, r.sha256, String(r.sizeBytes), a.container, String(a.format), String(a.trackCount), a.ppq === null ? null : String(a.ppq), 'analyzed', v, v, v, '1']);
    if (r.path) rows.paths.push([id, r.path]);
    rows.analyses.push([id, v, String(c.bpm), String(c.initialBpm), c.keyTonic, c.keyMode, c.keyConfidence === null ? null : String(c.keyConfidence), c.meterNumerator === null ? null : String(c.meterNumerator), c.meterDenominator === null ? null : String(c.meterDenominator), String(c.durationSeconds), String(c.noteCount), String(c.noteTrackCount), String(c.hasDrums), toArrayLiteral(c.instrumentFamilies), toArrayLiteral(c.instrumentNames), c.searchText, json]);
  });
  return rows;
}

/** Writes one batch with `method`, in one statement (unnest, values) or one transaction of three COPYs. */
export async function writeRows(sql: postgres.Sql, method: WriteMethod, rows: RowSet): Promise<void> {
  if (method === 'copy') {
    await sql.begin(async (tx) => {
      for (const table of Object.keys(TABLES) as Table[]) {
        const columns = TABLES[table].map(([c]) => c).join(', ');
        const stream = await tx.unsafe(`copy ${CLONE[table]} (${columns}) from stdin`).writable();
        await pipeline(Readable.from([copyText(rows[table])]), stream);
      }
    });
    return;
  }
  const params: string[] | (string | null)[] = [];
  const inserts = (Object.keys(TABLES) as Table[]).map((table) => {
    const spec = TABLES[table];
    const columns = spec.map(([c]) => c).join(', ');
    if (method === 'unnest') {
      // one text[] parameter per column, each element cast to the column's type
      const arrays = spec.map((_, col) => (params.push(toArrayLiteral(rows[table].map((row) => row[col]))), `$${params.length}::text[]`));
      const names = spec.map(([c]) => c);
      return `insert into ${CLONE[table]} (${columns}) select ${spec.map(([c, type]) => `${c}::${type}`).join(', ')} from unnest(${arrays.join(', ')}) as t(${names.join(', ')})`;
    }
    // every parameter declared text, then cast: a parameter the server types as jsonb or text[] would make
    // postgres.js serialise the string itself (a JSON string inside jsonb), see core/db/port.ts DbValue
    const tuples = rows[table].map((row) => `(${row.map((value, col) => ((params as (string | null)[]).push(value), `$${params.length}::text::${spec[col]![1]}`)).join(', ')})`);
    return `insert into ${CLONE[table]} (${columns}) values ${tuples.join(', ')}`;
  });
  // one round trip: the first two inserts as data-modifying CTEs of the third
  await sql.unsafe(`with f as (${inserts[0]}), p as (${inserts[1]}) ${inserts[2]}`, params as string[]);
}

/** COPY's text format: tab-separated, `\N` for NULL, backslash escapes for the separators. */
function copyText(rows: (string | null)[][]): string {
  let out = '';
  for (const row of rows) out += row.map((v) => (v === null ? '\\N' : v.replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPES[ch]!))).join('\t') + '\n';
  return out;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
