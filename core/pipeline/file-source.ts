// The FileSource port: where a bulk run finds and reads files. The local adapter walks a file system
// (adapters/local/file-source.ts); tests and other runtimes may serve files from anywhere.
import type { ErrorInfo } from '../errors.ts';

/** One file found by a walk: its path, or why the walk could not reach it (a loop, a permission, ...). */
export interface SourceEntry {
  path: string;
  error?: ErrorInfo;
}

export interface FileSource {
  /**
   * Streams the files under `roots` without listing them all first, e.g. `walk(['./midi'])` yields
   * `{path: '/abs/midi/a.mid'}`, ..., and `{path: '/abs/midi/loop', error: {code: 'FILE_UNREADABLE', ...}}`.
   */
  walk(roots: readonly string[]): AsyncIterable<SourceEntry>;
  /**
   * How many entries `walk(roots)` will yield, by walking without reading any file (for a progress bar's
   * ETA); optional, as a second walk is not free.
   */
  count?(roots: readonly string[]): Promise<number>;
  /**
   * The bytes of one file in a buffer of their own (the caller may transfer it to another thread).
   * @throws PipelineError FILE_UNREADABLE (gone, no permission, not a regular file) or FILE_TOO_LARGE
   */
  read(path: string, maxBytes: number): Promise<Uint8Array>;
}
