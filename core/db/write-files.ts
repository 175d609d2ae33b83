// Writing a batch of files in one round trip: register new contents (deduplicated by SHA-256), record the
// paths they were seen at, store their analyses or errors, and link split children to their parents. One
// statement of data-modifying CTEs over UNNEST-ed array parameters, an upsert throughout, so sending it
// again after a lost connection lands the batch exactly once. Each write carries an id that the rows it
// creates keep (files.created_by_write), so a write sent again still knows which contents it added.
import type { Analysis } from '../analysis/types.ts';
import type { ErrorInfo } from '../errors.ts';
import { type AnalysisColumns, toAnalysisColumns } from './analysis-columns.ts';
import type { DbSession } from './port.ts';
import { type ArrayElement, toArrayLiteral, toInt, toJsonText, toText } from './values.ts';

/** Why a file could not be analysed. */
export interface FailedOutcome {
  ok: false;
  analyzerVersion: number;
  error: ErrorInfo;
  /** Worth another attempt later (I/O trouble, a crash), as opposed to "this is not MIDI". */
  retryable: boolean;
}

/** What analysing a file produced: its analysis, or why it could not be analysed. */
export type AnalysisOutcome = { ok: true; analysis: Analysis } | FailedOutcome;

/**
 * What writeFiles stores of an analysis, encoded once: the header facts and typed columns, and the whole
 * analysis as JSON text PostgreSQL accepts. An analysis worker sends this instead of the Analysis object:
 * one string crosses threads for a fraction of the cost of cloning the object's few hundred values, and
 * the main thread, which feeds every worker, no longer stringifies anything.
 */
export interface EncodedAnalysis {
  header: Pick<Analysis, 'container' | 'format' | 'trackCount' | 'ppq'>;
  columns: AnalysisColumns;
  json: string;
}

/** What reading a file produced, as writeFiles takes it: the analysis as an object or already encoded. */
export type FileOutcome = AnalysisOutcome | { ok: true; encoded: EncodedAnalysis };

/** e.g. `encodeAnalysis(analysis)` -> `{header: {container: 'smf', format: 1, ...}, columns: {bpm: 120, ...}, json: '{"analyzerVersion":2,...}'}`. */
export function encodeAnalysis(analysis: Analysis): EncodedAnalysis {
  const { container, format, trackCount, ppq } = analysis;
  return { header: { container, format, trackCount, ppq }, columns: toAnalysisColumns(analysis), json: toJsonText(analysis) };
}

/** The outcome with its analysis encoded (what a worker thread sends back); failures as they are. */
export function encodeOutcome(outcome: FileOutcome): FileOutcome {
  return outcome.ok && 'analysis' in outcome ? { ok: true, encoded: encodeAnalysis(outcome.analysis) } : outcome;
}

/** The typed columns of a successful outcome, however it is held, e.g. to read its `noteTrackCount`. */
export function outcomeColumns(outcome: FileOutcome): AnalysisColumns | null {
  if (!outcome.ok) return null;
  return 'encoded' in outcome ? outcome.encoded.columns : toAnalysisColumns(outcome.analysis);
}

export interface FileRecord {
  sha256: string;
  sizeBytes: number;
  /** Where this content was seen; absent for content that has no path (uploaded over HTTP). */
  path?: string | null;
  /** For a per-track file made by split: the parent's id and the track it came from. */
  origin?: { parentId: number; trackIndex: number } | null;
  /** The analysis or the error; absent to only register the file and path (`import --no-analyze`). */
  outcome?: FileOutcome | null;
}

export interface WrittenFile {
  sha256: string;
  fileId: number;
  /**
   * True when this write created the row: the content was new to the library. "This write" is every
   * statement sent with the same `writeId`, so it stays true when the statement that inserted the row lost
   * its reply and a retry (the adapter's, or WriteBatcher's in smaller pieces) found the row there.
   */
  inserted: boolean;
}

export interface WriteOptions {
  /**
   * The write's id (a UUID), stored on the rows it creates. Statements that re-send records of one write
   * pass the same id; default: a fresh one per call, which covers the adapter re-sending this statement.
   */
  writeId?: string;
  /** Give up with DB_CONNECTION_LOST after this many connection losses of the sent statement (QueryOptions.maxLosses). */
  maxLosses?: number;
}

// An outcome answers the claim (ends the lease) when it is at least as new as the one recorded. It also
// becomes the file's state unless it is older (a slow worker finishing an older analyzer version after a
// newer one was stored) or a failure after a success of the same version (a transient read error on a
// duplicate must not hide a good analysis).
const ANSWERS = '(excluded.analyzer_version is not null and (f.analyzer_version is null or excluded.analyzer_version >= f.analyzer_version))';
const FRESH = `(${ANSWERS} and not (excluded.status = 'failed' and f.status = 'analyzed' and excluded.analyzer_version = f.analyzer_version))`;
const NEW_ATTEMPT_VERSION = `(${FRESH} and f.attempt_version is distinct from excluded.attempt_version)`;

const WRITE_FILES_SQL = /* sql */ `
with file_in as (
  select * from unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::integer[], $6::text[], $7::integer[],
                       $8::text[], $9::smallint[], $10::integer[], $11::integer[], $12::text[], $13::text[], $14::boolean[])
    as t(sha256, size_bytes, path, parent_id, track_index, status, analyzer_version,
         container, format, track_count, ppq, error_code, error_message, error_retryable)
),
-- the documents come as one JSON array, element i beside row i of the other columns: JSON text needs no
-- array-literal escaping of its many quotes (which cost the client more than the rest of the batch), and
-- PostgreSQL parses each document once, as part of the array
analysis_in as (
  select * from rows from (unnest($15::text[]), unnest($16::integer[]), unnest($17::float8[]), unnest($18::float8[]),
                           unnest($19::text[]), unnest($20::text[]), unnest($21::real[]), unnest($22::smallint[]),
                           unnest($23::smallint[]), unnest($24::float8[]), unnest($25::integer[]), unnest($26::integer[]),
                           unnest($27::boolean[]), unnest($28::text[]), unnest($29::text[]), unnest($30::text[]),
                           jsonb_array_elements($31::text::jsonb))
    as t(sha256, analyzer_version, bpm, initial_bpm, key_tonic, key_mode, key_confidence,
         meter_numerator, meter_denominator, duration_seconds, note_count, note_track_count, has_drums,
         instrument_families, instrument_names, search_text, document)
),
-- one row per content (a batch may hold the same bytes twice); prefer the record carrying an outcome
file_rows as (
  select distinct on (sha256) * from file_in order by sha256, analyzer_version desc nulls last
),
upserted as (
  insert into files as f (sha256, size_bytes, container, format, track_count, ppq, parent_id, track_index, status,
                          analyzer_version, analysis_version, attempt_version, attempts, error_code, error_message, error_retryable,
                          created_by_write)
  select sha256, size_bytes, container, format, track_count, ppq, parent_id, track_index, coalesce(status, 'pending'),
         analyzer_version, case when status = 'analyzed' then analyzer_version end, analyzer_version,
         case when status is null then 0 else 1 end, error_code, error_message, error_retryable, $32::uuid
  from file_rows
  -- "do update" rather than "do nothing" so that RETURNING yields the id of contents already known;
  -- a record without an outcome leaves the analysis state alone
  on conflict (sha256) do update set
    container        = coalesce(excluded.container, f.container),
    format           = coalesce(excluded.format, f.format),
    track_count      = coalesce(excluded.track_count, f.track_count),
    ppq              = coalesce(excluded.ppq, f.ppq),
    parent_id        = coalesce(f.parent_id, excluded.parent_id),
    track_index      = case when f.parent_id is null then excluded.track_index else f.track_index end,
    status           = case when ${FRESH} then excluded.status else f.status end,
    analyzer_version = case when ${FRESH} then excluded.analyzer_version else f.analyzer_version end,
    analysis_version = greatest(f.analysis_version, excluded.analysis_version),
    attempts         = case when ${NEW_ATTEMPT_VERSION} then 1 else f.attempts end,
    attempt_version  = case when ${NEW_ATTEMPT_VERSION} then excluded.attempt_version else f.attempt_version end,
    error_code       = case when ${FRESH} then excluded.error_code else f.error_code end,
    error_message    = case when ${FRESH} then excluded.error_message else f.error_message end,
    error_retryable  = case when ${FRESH} then excluded.error_retryable else f.error_retryable end,
    lease_owner      = case when ${ANSWERS} then null else f.lease_owner end,
    lease_expires_at = case when ${ANSWERS} then null else f.lease_expires_at end,
    updated_at       = now()
  -- created_by_write is set on insert only: true for rows this write created, in this statement or in an
  -- earlier one with the same id whose reply was lost (xmax = 0 would only say "this statement")
  returning f.id, f.sha256, coalesce(f.created_by_write = $32::uuid, false) as inserted
),
saved_paths as (
  insert into file_paths (file_id, path)
  select distinct u.id, i.path from file_in i join upserted u on u.sha256 = i.sha256 where i.path is not null
  on conflict (file_id, path) do update set last_seen_at = now()
),
saved_analyses as (
  insert into analyses (file_id, analyzer_version, bpm, initial_bpm, key_tonic, key_mode, key_confidence,
                        meter_numerator, meter_denominator, duration_seconds, note_count, note_track_count, has_drums,
                        instrument_families, instrument_names, search_text, document)
  select distinct on (u.id) u.id, a.analyzer_version, a.bpm, a.initial_bpm, a.key_tonic, a.key_mode, a.key_confidence,
         a.meter_numerator, a.meter_denominator, a.duration_seconds, a.note_count, a.note_track_count, a.has_drums,
         a.instrument_families::text[], a.instrument_names::text[], a.search_text, a.document
  from analysis_in a join upserted u on u.sha256 = a.sha256
  order by u.id, a.analyzer_version desc
  on conflict (file_id, analyzer_version) do update set
    bpm = excluded.bpm, initial_bpm = excluded.initial_bpm, key_tonic = excluded.key_tonic, key_mode = excluded.key_mode,
    key_confidence = excluded.key_confidence, meter_numerator = excluded.meter_numerator,
    meter_denominator = excluded.meter_denominator, duration_seconds = excluded.duration_seconds,
    note_count = excluded.note_count, note_track_count = excluded.note_track_count, has_drums = excluded.has_drums,
    instrument_families = excluded.instrument_families, instrument_names = excluded.instrument_names,
    search_text = excluded.search_text, document = excluded.document, created_at = now()
),
saved_splits as (
  insert into track_splits (parent_id, track_index, child_id)
  select distinct on (i.parent_id, i.track_index) i.parent_id, i.track_index, u.id
  from file_in i join upserted u on u.sha256 = i.sha256
  where i.parent_id is not null
  order by i.parent_id, i.track_index
  on conflict (parent_id, track_index) do update set child_id = excluded.child_id
)
select id, sha256, inserted from upserted
`;

/**
 * Writes a batch in one round trip, e.g. `writeFiles(db, [{sha256, sizeBytes: 1234, path: 'a/b.mid',
 * outcome: {ok: true, analysis}}])` -> `[{sha256, fileId: 1, inserted: true}]`.
 */
export async function writeFiles(db: DbSession, records: readonly FileRecord[], options: WriteOptions = {}): Promise<WrittenFile[]> {
  if (records.length === 0) return [];
  const params = [...writeFilesParams(records), options.writeId ?? crypto.randomUUID()];
  const rows = await db.query(WRITE_FILES_SQL, params, { idempotent: true, ...(options.maxLosses === undefined ? {} : { maxLosses: options.maxLosses }) });
  return rows.map((r) => ({ sha256: toText(r.sha256), fileId: toInt(r.id), inserted: r.inserted === true }));
}

/** Stores one analysis (the HTTP API's `?store=true`), e.g. `storeAnalysis(db, analysis)` -> its file id. */
export async function storeAnalysis(db: DbSession, analysis: Analysis, path?: string | null): Promise<WrittenFile> {
  const [written] = await writeFiles(db, [{ sha256: analysis.sha256, sizeBytes: analysis.sizeBytes, path, outcome: { ok: true, analysis } }]);
  return written!;
}

/** The 31 array parameters of WRITE_FILES_SQL (the write id, $32, comes after them): one array literal per column, the documents as a JSON array. */
export function writeFilesParams(records: readonly FileRecord[]): string[] {
  const fileColumns: ArrayElement[][] = Array.from({ length: 14 }, () => []);
  const analysisColumns: ArrayElement[][] = Array.from({ length: 16 }, () => []);
  const documents: string[] = [];
  for (const r of records) {
    const o = r.outcome ?? null;
    const a = o?.ok ? ('encoded' in o ? o.encoded : encodeAnalysis(o.analysis)) : null;
    const failure = o && !o.ok ? o : null;
    pushRow(fileColumns, [
      r.sha256,
      r.sizeBytes,
      r.path ?? null,
      r.origin?.parentId ?? null,
      r.origin?.trackIndex ?? null,
      o === null ? null : o.ok ? 'analyzed' : 'failed',
      a ? a.columns.analyzerVersion : (failure?.analyzerVersion ?? null),
      a?.header.container ?? null,
      a?.header.format ?? null,
      a?.header.trackCount ?? null,
      a?.header.ppq ?? null,
      failure?.error.code ?? null,
      failure?.error.message ?? null,
      failure ? failure.retryable : null,
    ]);
    if (a) {
      const c = a.columns;
      pushRow(analysisColumns, [
        r.sha256,
        c.analyzerVersion,
        c.bpm,
        c.initialBpm,
        c.keyTonic,
        c.keyMode,
        c.keyConfidence,
        c.meterNumerator,
        c.meterDenominator,
        c.durationSeconds,
        c.noteCount,
        c.noteTrackCount,
        c.hasDrums,
        toArrayLiteral(c.instrumentFamilies),
        toArrayLiteral(c.instrumentNames),
        c.searchText,
      ]);
      documents.push(a.json);
    }
  }
  return [...[...fileColumns, ...analysisColumns].map(toArrayLiteral), `[${documents.join(',')}]`];
}

function pushRow(columns: ArrayElement[][], row: ArrayElement[]): void {
  for (let i = 0; i < row.length; i++) columns[i]!.push(row[i]);
}
