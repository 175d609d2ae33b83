// What a command may touch of its process, passed in so commands run in tests without spawning one.
export interface CliIo {
  /** One line of results (a newline is added). */
  out(line: string): void;
  /** Diagnostics and progress (no newline added). */
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (progress bars only then). */
  errIsTty: boolean;
  cwd: string;
}

/** Collects output in memory, for tests. */
export function memoryIo(env: Record<string, string | undefined> = {}, cwd = '.'): CliIo & { lines: string[]; errors: string } {
  const io = {
    lines: [] as string[],
    errors: '',
    out(line: string) {
      io.lines.push(line);
    },
    err(text: string) {
      io.errors += text;
    },
    env,
    errIsTty: false,
    cwd,
  };
  return io;
}
