// The Progress port: what a phase reports as it goes. The local adapter draws a bar on a terminal
// (adapters/local/progress.ts); everywhere else the reports are dropped.

export interface ProgressSnapshot {
  /** 'import', 'analyze', 'split'. */
  phase: string;
  /** Files done so far in this phase, and their bytes. */
  files: number;
  bytes: number;
  /** Files this phase expects to do, when known (an ETA needs it); null while a walk is still streaming. */
  total: number | null;
}

export interface Progress {
  /** Called often (per file); implementations throttle what they draw. */
  update(snapshot: ProgressSnapshot): void;
  /** The phase ended: clear the line. */
  end(): void;
}

export const silentProgress: Progress = {
  update: () => {},
  end: () => {},
};
