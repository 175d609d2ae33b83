// Retry after connection loss: bounded backoff, a deadline, only connection losses, only repeatable work.
import { describe, expect, test } from 'vitest';
import { isConnectionLoss } from '../../core/db/db-errors.ts';
import { backoffDelay, retryOnConnectionLoss } from '../../core/db/retry.ts';

const lost = (code: string) => Object.assign(new Error(code), { code });

describe('isConnectionLoss', () => {
  test.each(['CONNECTION_CLOSED', 'ECONNRESET', 'ECONNREFUSED', '57P01', '57P03', '08006', '08P01', 'CONNECT_TIMEOUT'])('%s is a loss', (code) => expect(isConnectionLoss(lost(code))).toBe(true));
  test.each(['23505', '42P01', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '57014', 'DB_UNAVAILABLE'])('%s is not', (code) => expect(isConnectionLoss(lost(code))).toBe(false));
});

describe('retryOnConnectionLoss', () => {
  const policy = { timeoutMs: 1000, baseDelayMs: 10, maxDelayMs: 80 };

  test('backoff doubles up to the cap, scaled by jitter in [0.5, 1)', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([5, 10, 20, 40, 40]);
    expect(backoffDelay(3, policy, () => 0.999)).toBeCloseTo(39.98);
  });

  test('retries a loss until it works', async () => {
    let calls = 0;
    const result = await retryOnConnectionLoss(async () => (++calls < 3 ? Promise.reject(lost('ECONNRESET')) : 'ok'), policy);
    expect([result, calls]).toEqual(['ok', 3]);
  });

  test('other errors pass through at once', async () => {
    let calls = 0;
    await expect(retryOnConnectionLoss(async () => (calls++, Promise.reject(lost('23505'))), policy)).rejects.toMatchObject({ code: '23505' });
    expect(calls).toBe(1);
  });

  test('gives up with DB_UNAVAILABLE at the deadline', async () => {
    const started = Date.now();
    await expect(retryOnConnectionLoss(() => Promise.reject(lost('ECONNREFUSED')), { ...policy, timeoutMs: 300 })).rejects.toMatchObject({
      code: 'DB_UNAVAILABLE',
      cause: { code: 'ECONNREFUSED' },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(600);
  });

  test('never repeats what may not be repeated', async () => {
    let calls = 0;
    await expect(retryOnConnectionLoss(async () => (calls++, Promise.reject(lost('CONNECTION_CLOSED'))), policy, { canRetry: () => false })).rejects.toMatchObject({
      code: 'DB_UNAVAILABLE',
      message: expect.stringContaining('outcome is unknown'),
    });
    expect(calls).toBe(1);
  });

  test('giveUp stops before the deadline with DB_CONNECTION_LOST, keeping the driver error', async () => {
    let calls = 0;
    await expect(
      retryOnConnectionLoss(async () => (calls++, Promise.reject(lost('57P01'))), policy, { giveUp: (_error, attempt) => attempt >= 2 }),
    ).rejects.toMatchObject({ code: 'DB_CONNECTION_LOST', cause: { code: '57P01' } });
    expect(calls).toBe(2);
  });
});
