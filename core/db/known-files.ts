// Which contents of a batch the library already has, so a bulk import skips reading them twice: one
// indexed lookup per batch of hashes (files.sha256 is unique), not one per file.
import type { DbSession } from './port.ts';
import { toArrayLiteral, toText } from './values.ts';

/**
 * Maps each known hash to whether its file needs no more analysis at `analyzerVersion`: analysed by that
 * version or a newer one, or failed there with an error that is not worth retrying. Unknown hashes are
 * absent. e.g. `knownContents(db, [a, b, c], 3)` -> `Map {a => true, b => false}` (c is new).
 */
export async function knownContents(db: DbSession, hashes: readonly string[], analyzerVersion: number): Promise<Map<string, boolean>> {
  if (hashes.length === 0) return new Map();
  const rows = await db.query(
    `select sha256,
            coalesce(analyzer_version >= $2::integer
                     and (status = 'analyzed' or (status = 'failed' and not coalesce(error_retryable, false))), false) as done
     from files where sha256 = any($1::text[])`,
    [toArrayLiteral(hashes), analyzerVersion],
    { idempotent: true },
  );
  return new Map(rows.map((r) => [toText(r.sha256), r.done === true]));
}
