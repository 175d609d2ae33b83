// A binary min-heap of note ends (with a small tag per note, e.g. its pitch class) in typed arrays: the
// notes sounding at the current time of a sweep, the earliest-ending on top.

export class EndHeap {
  private ends: Float64Array;
  private tags: Uint8Array;
  size = 0;

  constructor(capacity: number) {
    this.ends = new Float64Array(capacity);
    this.tags = new Uint8Array(capacity);
  }

  /** The earliest end; only valid when size > 0. */
  minEnd(): number {
    return this.ends[0];
  }

  push(end: number, tag: number): void {
    if (this.size === this.ends.length) this.grow();
    const { ends, tags } = this;
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (ends[parent] <= end) break;
      ends[at] = ends[parent];
      tags[at] = tags[parent];
      at = parent;
    }
    ends[at] = end;
    tags[at] = tag;
  }

  /** Removes the earliest-ending entry and returns its tag. */
  popTag(): number {
    const { ends, tags } = this;
    const top = tags[0];
    const size = --this.size;
    const lastEnd = ends[size];
    const lastTag = tags[size];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && ends[child + 1] < ends[child]) child++;
      if (ends[child] >= lastEnd) break;
      ends[at] = ends[child];
      tags[at] = tags[child];
      at = child;
    }
    ends[at] = lastEnd;
    tags[at] = lastTag;
    return top;
  }

  private grow(): void {
    const ends = new Float64Array(this.ends.length * 2);
    ends.set(this.ends);
    const tags = new Uint8Array(this.tags.length * 2);
    tags.set(this.tags);
    this.ends = ends;
    this.tags = tags;
  }
}
