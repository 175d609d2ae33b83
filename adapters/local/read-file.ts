// Reads one file with the checks a bulk run over someone's disk needs: regular files only (opening a FIFO
// would block forever), a size limit checked before reading, and every failure as a typed error.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { PipelineError } from '../../core/errors.ts';

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** FILE_UNREADABLE for anything the OS refuses or that is not a regular file; FILE_TOO_LARGE over the limit. */
export async function readFileBounded(path: string, maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<Uint8Array> {
  let handle;
  try {
    // O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; fstat then rejects it.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw unreadable(error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new PipelineError('FILE_UNREADABLE', `${describeKind(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw new PipelineError('FILE_TOO_LARGE', `file of ${stat.size} bytes is over the limit of ${maxBytes}`);
    const bytes = new Uint8Array(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break; // shrank while we read: keep what is there
      filled += bytesRead;
    }
    return filled === bytes.length ? bytes : bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    throw unreadable(error);
  } finally {
    await handle.close().catch(() => {});
  }
}

/** What a path that is not a regular file is, for its FILE_UNREADABLE message (shared with read-file-sync.ts). */
export function describeKind(stat: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  return 'a device or special file';
}

/** A read's system error as FILE_UNREADABLE with a plain reason (shared with read-file-sync.ts). */
export function unreadable(error: unknown): PipelineError {
  const code = (error as { code?: string }).code;
  const reason =
    code === 'ENOENT' ? 'no such file (it may have vanished)' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ELOOP' ? 'too many symbolic links' : (error as Error).message;
  return new PipelineError('FILE_UNREADABLE', `cannot read: ${reason}`, error);
}
