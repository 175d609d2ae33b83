// The postgres.js pool as PostgreSQL sees it: pg_stat_activity counts the backends of the pool's
// application_name, so "warm opens min, lazy opens none" is checked against the server, not our counters.
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPostgresJs } from '../../adapters/local/db/postgres-js.ts';
import { adminSql, backendsOf, createTestDatabase, startFaultProxy, type TestDatabase, uniqueAppName, waitFor, withPort } from '../support/db.ts';

let database: TestDatabase;
let admin: postgres.Sql;

beforeAll(async () => {
  database = await createTestDatabase('pool');
  admin = adminSql();
});
afterAll(async () => {
  await admin.end({ timeout: 5 });
  await database.drop();
});

describe('postgres.js pool', () => {
  test('warm: exactly min backends after start, never more than max, none after close', async () => {
    const app = uniqueAppName('warm');
    const lines: string[] = [];
    const db = await openPostgresJs({ url: database.url, preset: 'warm', workers: 3, env: {}, options: { applicationName: app }, log: (l) => lines.push(l) });
    try {
      expect(db.settings).toMatchObject({ preset: 'warm', min: 3, max: 5, acquireTimeoutSeconds: 30, idleTimeoutSeconds: null, maxLifetimeSeconds: null, validate: true });
      expect(await backendsOf(admin, app)).toHaveLength(3);
      expect(db.stats()).toMatchObject({ connectionsOpened: 3, connectionsOpen: 3, connectionsPeak: 3, connectionsLost: 0, reconnects: 0 });
      expect(lines).toEqual([db.banner]);
      expect(db.banner).toContain('pool warm (3 workers): min 3 (pre-opened), max 5, acquire timeout 30 s, idle timeout never, max lifetime never');

      // Ten slow statements at once: the pool grows to max and no further.
      let peak = 0;
      const running = Promise.all(Array.from({ length: 10 }, () => db.query('select pg_sleep(0.3)')));
      await waitFor(async () => {
        peak = Math.max(peak, (await backendsOf(admin, app)).length);
        return peak >= 5;
      }, 5000, 'the pool to reach max');
      await running;
      expect(peak).toBe(5);
      expect((await backendsOf(admin, app)).length).toBe(5);
      expect(db.stats().connectionsPeak).toBe(5);
    } finally {
      await db.close();
    }
    await waitFor(async () => (await backendsOf(admin, app)).length === 0, 5000, 'backends to go');
    expect(db.stats()).toMatchObject({ connectionsClosed: 5, connectionsLost: 0, connectionsOpen: 0 });
  });

  test('lazy: no backend before the first statement, one after it', async () => {
    const app = uniqueAppName('lazy');
    const db = await openPostgresJs({ url: database.url, preset: 'lazy', workers: 3, env: {}, options: { applicationName: app } });
    try {
      expect(db.settings).toMatchObject({ preset: 'lazy', min: 0, max: 10, maxLifetimeSeconds: 'library', validate: false });
      expect(await backendsOf(admin, app)).toHaveLength(0);
      expect(db.stats().connectionsOpened).toBe(0);
      await db.query('select 1');
      expect(await backendsOf(admin, app)).toHaveLength(1);
      expect(db.stats()).toMatchObject({ connectionsOpened: 1, queries: 1 });
      expect(db.stats().connectMs).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  test('validation after idle replaces connections whose network went silent', async () => {
    const proxy = await startFaultProxy();
    const app = uniqueAppName('validate');
    const db = await openPostgresJs({
      url: withPort(database.url, proxy.port),
      preset: 'warm',
      workers: 2,
      env: {},
      options: { applicationName: app, validateAfterIdleSeconds: 0.2, validateTimeoutSeconds: 0.5 },
    });
    try {
      expect(proxy.connections()).toBe(2);
      proxy.freeze(); // both idle connections now lead nowhere, and nothing tells the client
      await new Promise((r) => setTimeout(r, 300));
      const started = performance.now();
      const [row] = await db.query<{ ok: number }>('select 1 as ok');
      expect(row!.ok).toBe(1);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(db.stats()).toMatchObject({ validations: 1, validationFailures: 2, connectionsLost: 2 });
    } finally {
      await db.close();
      proxy.close();
    }
  });
});
