// Remembers the first error of work that runs detached (analysis jobs whose results are written later),
// so the loop feeding them can stop and rethrow it instead of an unhandled rejection.

export class FirstFailure {
  private failed = false;
  private error: unknown = undefined;

  record(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.error = error;
  }

  throwIfFailed(): void {
    if (this.failed) throw this.error;
  }
}
