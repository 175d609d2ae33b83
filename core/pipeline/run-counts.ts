// What a bulk run counts, per phase, and the invalid files by error code: the numbers of the summary and
// of the `runs` row (`counts` column: phase -> counter -> value).

export interface ImportCounts {
  /** Paths the walk yielded (files, and entries it could not reach). */
  seen: number;
  /** Paths read successfully, and their bytes. */
  read: number;
  bytes: number;
  /** Contents this run added to the library (the database said so: the row was inserted). */
  new: number;
  /** Paths read whose content was already in the library or seen earlier in this run. */
  duplicates: number;
  /** Contents analysed in this pass: successfully, and not (their codes are in `invalid`). */
  analysed: number;
  failed: number;
  /** Paths that could not be read or walked (FILE_* codes). */
  unreadable: number;
}

export interface AnalyzeCounts {
  claimed: number;
  bytes: number;
  /** Successful analyses, and failed ones (their codes are in `invalid`). */
  analysed: number;
  failed: number;
  /** Claimed files none of whose paths still held the content. */
  unreadable: number;
}

export interface SplitCounts {
  /** Parents split, children written (a child may be content the library already had). */
  parents: number;
  children: number;
  /** Children analysed successfully (their failures are in `invalid`). */
  analysed: number;
  bytes: number;
  /** Parents whose bytes could not be read back (left for a later run). */
  unreadable: number;
  /** Parents that no longer parse as MIDI, and children whose analysis failed. */
  failed: number;
}

export interface RunCounts {
  import: ImportCounts;
  analyze: AnalyzeCounts;
  split: SplitCounts;
  /** Error code -> how many: MIDI_* per content analysed, FILE_* per path. */
  invalid: Record<string, number>;
  /** Wall seconds per phase (`analyze` sums both passes of `run`), to see where a run spends its time. */
  seconds: Record<string, number>;
}

export function newRunCounts(): RunCounts {
  return {
    import: { seen: 0, read: 0, bytes: 0, new: 0, duplicates: 0, analysed: 0, failed: 0, unreadable: 0 },
    analyze: { claimed: 0, bytes: 0, analysed: 0, failed: 0, unreadable: 0 },
    split: { parents: 0, children: 0, analysed: 0, bytes: 0, unreadable: 0, failed: 0 },
    invalid: {},
    seconds: {},
  };
}

export function countInvalid(counts: RunCounts, code: string): void {
  counts.invalid[code] = (counts.invalid[code] ?? 0) + 1;
}

/** The `runs.counts` document, e.g. `{import: {seen: 10, ...}, analyze: {...}, split: {...}, invalid: {MIDI_EMPTY: 1}}`. */
export function countsDocument(counts: RunCounts): Record<string, Record<string, number>> {
  return { import: { ...counts.import }, analyze: { ...counts.analyze }, split: { ...counts.split }, invalid: { ...counts.invalid }, seconds: { ...counts.seconds } };
}
