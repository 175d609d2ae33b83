// The Neon driver as the edge app uses it: one pool per request, closed afterwards, and DB_UNAVAILABLE when
// the WebSocket path to the database is not there.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { openNeonServerless } from '../../adapters/edge/db/neon-serverless.ts';
import { startWsProxy, type WsProxy } from '../../scripts/ws-proxy.ts';
import { closedPort, createTestDatabase, type TestDatabase, waitFor, withPort } from '../support/db.ts';

let database: TestDatabase;
let proxy: WsProxy;

const local = { webSocketConstructor: WebSocket, useSecureWebSocket: false, pipelineConnect: false as const };

beforeAll(async () => {
  database = await createTestDatabase('neon');
  proxy = await startWsProxy();
});
afterAll(async () => {
  await proxy.close();
  await database.drop();
});

describe('neon-serverless', () => {
  test('a pool per request: every request opens and closes its own connection', async () => {
    const before = proxy.stats().total;
    for (let request = 0; request < 20; request++) {
      const db = openNeonServerless({ connectionString: database.url, wsProxy: proxy.wsProxy, ...local });
      const [row] = await db.query<{ n: number }>('select $1::integer + 1 as n', [request]);
      expect(row!.n).toBe(request + 1);
      await db.close();
    }
    expect(proxy.stats().total - before).toBe(20);
    await waitFor(() => proxy.stats().open === 0, 5000, 'the proxy sessions to close');
  });

  test('no proxy listening: DB_UNAVAILABLE', async () => {
    const db = openNeonServerless({ connectionString: database.url, wsProxy: `127.0.0.1:${await closedPort()}/v1`, ...local });
    try {
      await expect(db.query('select 1')).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
    } finally {
      await db.close();
    }
  });

  test('a WebSocket path that never answers: DB_UNAVAILABLE after connectTimeoutMs', async () => {
    // Accepts TCP and says nothing: the WebSocket handshake never completes.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const db = openNeonServerless({ connectionString: database.url, wsProxy: `127.0.0.1:${port}/v1`, connectTimeoutMs: 500, ...local });
    try {
      const started = performance.now();
      await expect(db.query('select 1')).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await db.close().catch(() => {});
      silent.close();
    }
  });

  test('the proxy relays only to allowed addresses', async () => {
    const refusedBefore = proxy.stats().refused;
    const db = openNeonServerless({ connectionString: withPort(database.url, 5999), wsProxy: proxy.wsProxy, ...local });
    try {
      await expect(db.query('select 1')).rejects.toMatchObject({ code: 'DB_UNAVAILABLE' });
      expect(proxy.stats().refused).toBe(refusedBefore + 1);
    } finally {
      await db.close();
    }
  });

  test('SQL errors keep their SQLSTATE', async () => {
    const db = openNeonServerless({ connectionString: database.url, wsProxy: proxy.wsProxy, ...local });
    try {
      await expect(db.query('select * from no_such_table')).rejects.toMatchObject({ code: '42P01' });
    } finally {
      await db.close();
    }
  });
});
