// A bound on work in flight, counted in items and bytes: the backpressure that keeps a run's memory flat
// however many files it sees. Waiters are served in order; one item is always let through, however
// large, so a file bigger than the byte bound still gets processed (alone).

export class Budget {
  private items = 0;
  private bytes = 0;
  private readonly waiters: { bytes: number; resolve: () => void }[] = [];

  constructor(
    readonly maxItems: number,
    readonly maxBytes: number,
  ) {}

  /** Waits until one more item of `bytes` fits, e.g. `await budget.acquire(file.length)`. */
  acquire(bytes: number): Promise<void> {
    if (this.waiters.length === 0 && this.fits(bytes)) {
      this.take(bytes);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ bytes, resolve }));
  }

  release(bytes: number): void {
    this.items--;
    this.bytes -= bytes;
    while (this.waiters.length > 0 && this.fits(this.waiters[0]!.bytes)) {
      const next = this.waiters.shift()!;
      this.take(next.bytes);
      next.resolve();
    }
  }

  get inFlight(): { items: number; bytes: number } {
    return { items: this.items, bytes: this.bytes };
  }

  private fits(bytes: number): boolean {
    return this.items === 0 || (this.items < this.maxItems && this.bytes + bytes <= this.maxBytes);
  }

  private take(bytes: number): void {
    this.items++;
    this.bytes += bytes;
  }
}
