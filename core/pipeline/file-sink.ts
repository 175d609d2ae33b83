// The FileSink port: where split writes the per-track files it makes. The local adapter writes under the
// `--out` folder (adapters/local/file-sink.ts) and refuses any name that would land outside it.

export interface FileSink {
  /** Creates the output folder and proves it writable. @throws PipelineError OUTPUT_UNWRITABLE */
  prepare(): Promise<void>;
  /**
   * Writes `bytes` at `relativePath` ('/'-separated, made by split-names.ts) so that a reader never sees a
   * half-written file, replacing what was there; returns the path the file can be read back from.
   * @throws PipelineError OUTPUT_UNWRITABLE, or OUTPUT_OUTSIDE for a path that escapes the folder
   */
  write(relativePath: string, bytes: Uint8Array): Promise<string>;
}
