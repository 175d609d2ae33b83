// Reading the library: a page of search results (the `query` command, `GET /files`) and one file by its
// content hash (`GET /files/:sha256`).
import type { Analysis } from '../analysis/types.ts';
import type { LibraryFilters } from './filters.ts';
import { buildLibraryQuery, type LibraryPage, PATHS_OF_FILE, pageSize } from './library-query.ts';
import type { DbSession } from './port.ts';
import { toInt, toIntOrNull, toJson, toText, toTextOrNull } from './values.ts';

export interface LibraryItem {
  fileId: number;
  sha256: string;
  sizeBytes: number;
  /** Most recently seen first; empty for content stored without a path. */
  paths: string[];
  analysis: Analysis;
}

export interface LibraryResult {
  items: LibraryItem[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** e.g. `queryLibrary(db, {key: {tonic: 'A', mode: 'minor'}}, {limit: 20})` -> `{items: [...], nextCursor: '812'}`. */
export async function queryLibrary(db: DbSession, filters: LibraryFilters, page: LibraryPage = {}): Promise<LibraryResult> {
  const { text, params } = buildLibraryQuery(filters, page);
  const rows = await db.query(text, params, { idempotent: true });
  const limit = pageSize(page.limit);
  const items = rows.slice(0, limit).map((r) => ({
    fileId: toInt(r.id),
    sha256: toText(r.sha256),
    sizeBytes: toInt(r.size_bytes),
    paths: toJson<string[]>(r.paths),
    analysis: toJson<Analysis>(r.document),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? String(last.fileId) : null };
}

export type FileStatus = 'pending' | 'analyzed' | 'failed';

export interface StoredFile {
  fileId: number;
  sha256: string;
  sizeBytes: number;
  paths: string[];
  status: FileStatus;
  /** The newest successful analysis (kept when a later analyzer version failed on the file). */
  analysis: Analysis | null;
  /** Version of the last recorded outcome, and its error when it failed. */
  analyzerVersion: number | null;
  error: { code: string; message: string; retryable: boolean } | null;
  origin: { parentId: number; trackIndex: number } | null;
}

/** e.g. `findFile(db, 'ab12...')` -> the stored file with its analysis, or null when the content is unknown. */
export async function findFile(db: DbSession, sha256: string): Promise<StoredFile | null> {
  const rows = await db.query(
    `select f.id, f.sha256, f.size_bytes, f.status, f.analyzer_version, f.error_code, f.error_message, f.error_retryable,
            f.parent_id, f.track_index, a.document, ${PATHS_OF_FILE}
     from files f
     left join analyses a on a.file_id = f.id and a.analyzer_version = f.analysis_version
     where f.sha256 = $1::text`,
    [sha256.toLowerCase()],
    { idempotent: true },
  );
  const r = rows[0];
  if (!r) return null;
  const parentId = toIntOrNull(r.parent_id);
  const errorCode = toTextOrNull(r.error_code);
  return {
    fileId: toInt(r.id),
    sha256: toText(r.sha256),
    sizeBytes: toInt(r.size_bytes),
    paths: toJson<string[]>(r.paths),
    status: toText(r.status) as FileStatus,
    analysis: r.document === null || r.document === undefined ? null : toJson<Analysis>(r.document),
    analyzerVersion: toIntOrNull(r.analyzer_version),
    error: errorCode === null ? null : { code: errorCode, message: toTextOrNull(r.error_message) ?? '', retryable: r.error_retryable === true },
    origin: parentId === null ? null : { parentId, trackIndex: toInt(r.track_index) },
  };
}
