// The Node server's `readLocalFile` (app-env.ts): the bytes at a path the library recorded, for the piano
// roll of a stored file. Anything but a readable regular file within the size limit is null, never an
// error: the caller tries the next path, and checks the content's hash itself.
import { open } from 'node:fs/promises';

/** e.g. `await readLocalFile('/music/a.mid', 16 << 20)` -> its bytes, or null. */
export async function readLocalFile(path: string, maxBytes: number): Promise<Uint8Array | null> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(path, 'r');
    // Checked on the opened handle, so the file read is the file checked (a FIFO would block a read forever).
    const info = await handle.stat();
    if (!info.isFile() || info.size > maxBytes) return null;
    const bytes = await handle.readFile();
    return bytes.length > maxBytes ? null : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch {
    return null;
  } finally {
    await handle?.close().catch(() => {});
  }
}
