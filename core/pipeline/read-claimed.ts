// Reading back the bytes of a file the database knows by hash: the first recorded path that still holds
// exactly that content. A path whose file was edited since is skipped, so an analysis is never stored
// under a hash its bytes do not have.
import type { ClaimedFile } from '../db/claims.ts';
import { type ErrorInfo, toErrorInfo } from '../errors.ts';
import type { FileSource } from './file-source.ts';
import type { Hasher } from './hasher.ts';

export type ClaimedBytes = { file: ClaimedFile; path: string; bytes: Uint8Array } | { file: ClaimedFile; error: ErrorInfo };

/**
 * e.g. a file seen at a.mid (since deleted) and b.mid -> `{file, path: 'b.mid', bytes}`; none left ->
 * `{file, error: {code: 'FILE_UNREADABLE', ...}}`, or FILE_CHANGED when paths exist but hold other bytes.
 */
export async function readClaimed(source: FileSource, hasher: Hasher, file: ClaimedFile, maxBytes: number): Promise<ClaimedBytes> {
  let changed = 0;
  let last: ErrorInfo | null = null;
  for (const path of file.paths) {
    try {
      const bytes = await source.read(path, maxBytes);
      if (hasher.sha256(bytes) === file.sha256) return { file, path, bytes };
      changed++;
    } catch (error) {
      last = toErrorInfo(error, 'FILE_UNREADABLE');
    }
  }
  if (file.paths.length === 0) return { file, error: { code: 'FILE_UNREADABLE', message: 'no path is recorded for this content' } };
  if (changed > 0) return { file, error: { code: 'FILE_CHANGED', message: `none of its ${file.paths.length} path(s) holds this content any more` } };
  return { file, error: last ?? { code: 'FILE_UNREADABLE', message: 'unreadable' } };
}
