// A set that remembers only the last `capacity` keys added: which contents this run has already seen,
// with memory that stays the same size over millions of files. Older keys are the database's job.

export class RecentSet {
  private readonly keys = new Set<string>();

  constructor(readonly capacity: number) {}

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Adds `key`, forgetting the oldest key when full (a Set iterates in insertion order). */
  add(key: string): void {
    if (this.keys.has(key)) return;
    if (this.keys.size >= this.capacity) this.keys.delete(this.keys.values().next().value as string);
    this.keys.add(key);
  }

  get size(): number {
    return this.keys.size;
  }
}
