// The backpressure primitives that keep a run's memory flat: Budget (items and bytes in flight),
// mapConcurrent (bounded concurrent reads, source pulled only as results are consumed), RecentSet.
import { describe, expect, test } from 'vitest';
import { Budget } from '../../core/pipeline/budget.ts';
import { mapConcurrent } from '../../core/pipeline/map-concurrent.ts';
import { RecentSet } from '../../core/pipeline/recent-set.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('Budget', () => {
  test('holds back once items or bytes are used up, in order; one oversized item still passes alone', async () => {
    const budget = new Budget(2, 100);
    const order: string[] = [];
    await budget.acquire(60);
    const b = budget.acquire(60).then(() => order.push('b')); // 120 bytes would exceed 100
    const c = budget.acquire(10).then(() => order.push('c')); // fits, but waits its turn behind b
    await tick();
    expect(order).toEqual([]);
    budget.release(60);
    await Promise.all([b, c]);
    expect(order).toEqual(['b', 'c']);
    expect(budget.inFlight).toEqual({ items: 2, bytes: 70 });
    const big = budget.acquire(1000).then(() => order.push('big'));
    budget.release(60);
    await tick();
    expect(order).toEqual(['b', 'c']);
    budget.release(10);
    await big;
    expect(budget.inFlight).toEqual({ items: 1, bytes: 1000 });
  });
});

describe('mapConcurrent', () => {
  async function* numbers(n: number, pulled: number[]) {
    for (let i = 0; i < n; i++) {
      pulled.push(i);
      yield i;
    }
  }

  test('at most `limit` calls at once; every item mapped once', async () => {
    let running = 0;
    let peak = 0;
    const pulled: number[] = [];
    const results: number[] = [];
    for await (const r of mapConcurrent(numbers(50, pulled), 4, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
      running--;
      return i * 2;
    })) {
      results.push(r);
    }
    expect(peak).toBe(4);
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
  });

  test('a slow consumer stops the source: no more than `limit` items ahead', async () => {
    const pulled: number[] = [];
    const iterator = mapConcurrent(numbers(1000, pulled), 8, async (i) => i)[Symbol.asyncIterator]();
    await iterator.next();
    await tick();
    expect(pulled.length).toBeLessThanOrEqual(9);
    await iterator.return?.(undefined);
  });

  test('an error stops the stream and closes the source', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    const run = async () => {
      for await (const _ of mapConcurrent(source(), 3, async (i) => {
        if (i === 5) throw new Error('boom');
        return i;
      }));
    };
    await expect(run()).rejects.toThrow('boom');
    expect(closed).toBe(true);
  });
});

describe('RecentSet', () => {
  test('forgets the oldest key past its capacity', () => {
    const set = new RecentSet(3);
    for (const k of ['a', 'b', 'c', 'a', 'd']) set.add(k);
    expect(['a', 'b', 'c', 'd'].map((k) => set.has(k))).toEqual([false, true, true, true]);
    expect(set.size).toBe(3);
  });
});
