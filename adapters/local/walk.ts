// Streams the MIDI files under the given paths: directories are read entry by entry (no full listing in
// memory), symbolic links are followed once per real directory (so loops end), and anything that cannot be
// walked becomes an error entry instead of stopping the walk.
import { opendir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ErrorInfo } from '../../core/errors.ts';

export const MIDI_EXTENSIONS: ReadonlySet<string> = new Set(['.mid', '.midi', '.kar', '.rmi', '.smf']);

export interface WalkEntry {
  /** Absolute path. */
  path: string;
  error?: ErrorInfo;
}

export function hasMidiExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && MIDI_EXTENSIONS.has(name.slice(dot).toLowerCase());
}

/**
 * Files named on the command line are yielded whatever their extension; files found inside directories only
 * with a MIDI extension. Missing roots yield FILE_NOT_FOUND.
 */
export async function* walkMidiFiles(roots: string[], cwd = '.'): AsyncGenerator<WalkEntry> {
  const seenDirectories = new Set<string>();
  for (const root of roots) {
    const path = resolve(cwd, root);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      yield { path, error: { code: 'FILE_NOT_FOUND', message: `cannot open ${root}: ${(error as { code?: string }).code ?? 'error'}` } };
      continue;
    }
    if (info.isDirectory()) yield* walkDirectory(path, seenDirectories);
    else yield { path };
  }
}

async function* walkDirectory(root: string, seen: Set<string>): AsyncGenerator<WalkEntry> {
  const stack = [root];
  while (stack.length > 0) {
    const directory = stack.pop() as string;
    let identity;
    try {
      const info = await stat(directory);
      identity = `${info.dev}:${info.ino}`;
    } catch (error) {
      // Node decodes names as UTF-8 with U+FFFD for bad bytes, so a folder so named cannot be opened by the
      // name it is given: said so, instead of the "vanished" its ENOENT would otherwise report. (A folder
      // really named with U+FFFD, valid UTF-8, opens and is walked.)
      const badName = (error as { code?: string }).code === 'ENOENT' && directory.includes('\uFFFD');
      yield { path: directory, error: badName ? { code: 'FILE_UNREADABLE', message: 'folder name is not valid UTF-8' } : unreadable(error) };
      continue;
    }
    if (seen.has(identity)) continue; // reached again through a symbolic link: already walked
    seen.add(identity);
    let handle;
    try {
      handle = await opendir(directory, { bufferSize: 256 });
    } catch (error) {
      yield { path: directory, error: unreadable(error) };
      continue;
    }
    try {
      for await (const entry of handle) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) {
          stack.push(path);
        } else if (entry.isSymbolicLink()) {
          try {
            const target = await stat(path);
            if (target.isDirectory()) stack.push(path);
            else if (hasMidiExtension(entry.name)) yield { path };
          } catch (error) {
            if (hasMidiExtension(entry.name)) yield { path, error: unreadable(error) };
          }
        } else if (hasMidiExtension(entry.name)) {
          // Regular files, and FIFOs or sockets with a MIDI name, which the reader refuses with a clear error.
          if (entry.name.includes('\uFFFD')) yield { path, error: { code: 'FILE_UNREADABLE', message: 'file name is not valid UTF-8' } };
          else yield { path };
        }
      }
    } catch (error) {
      yield { path: directory, error: unreadable(error) };
    }
  }
}

function unreadable(error: unknown): ErrorInfo {
  const code = (error as { code?: string }).code;
  if (code === 'ELOOP') return { code: 'FILE_UNREADABLE', message: 'symbolic link loop' };
  if (code === 'ENOENT') return { code: 'FILE_UNREADABLE', message: 'vanished or broken symbolic link' };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'FILE_UNREADABLE', message: 'permission denied' };
  // Node's message repeats the path, which for this error is over 4 KB long
  if (code === 'ENAMETOOLONG') return { code: 'FILE_UNREADABLE', message: 'path too long for the system (PATH_MAX)' };
  return { code: 'FILE_UNREADABLE', message: (error as Error).message };
}
