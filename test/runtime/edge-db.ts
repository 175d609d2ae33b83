// A PostgreSQL database for the edge suites, reached the way the Workers entry reaches Neon: through the
// Neon serverless driver over a WebSocket, here via scripts/ws-proxy.ts on loopback. Connections carry a
// unique application_name so a suite can count its app's backends in pg_stat_activity.
import { WebSocket } from 'ws';
import { openNeonServerless } from '../../adapters/edge/db/neon-serverless.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { Db } from '../../core/db/port.ts';
import { startWsProxy, type WsProxy } from '../../scripts/ws-proxy.ts';
import { adminSql, backendsOf, createTestDatabase, type TestDatabase, uniqueAppName } from '../support/db.ts';

export interface EdgeTestDb {
  database: TestDatabase;
  proxy: WsProxy;
  /** application_name of the app's connections. */
  appName: string;
  /** The database URL with that application_name. */
  url: string;
  /** The variables an entry needs (config.ts) to reach this database. */
  vars: Record<string, string>;
  /** A per-request style opener in this process (the same driver and proxy as the entries). */
  openDb(): Db;
  /** How many backends the app holds right now. */
  appBackends(): Promise<number>;
  close(): Promise<void>;
}

export async function startEdgeDb(label: string): Promise<EdgeTestDb> {
  const database = await createTestDatabase(label);
  const proxy = await startWsProxy();
  const appName = uniqueAppName(label);
  const url = new URL(database.url);
  url.searchParams.set('application_name', appName);
  const openDb = () =>
    openNeonServerless({ connectionString: url.toString(), webSocketConstructor: WebSocket, wsProxy: proxy.wsProxy, useSecureWebSocket: false, pipelineConnect: false });
  const migrator = openDb();
  try {
    await migrate(migrator);
  } finally {
    await migrator.close();
  }
  const admin = adminSql();
  return {
    database,
    proxy,
    appName,
    url: url.toString(),
    vars: { DATABASE_URL: url.toString(), NEON_WS_PROXY: proxy.wsProxy, NEON_USE_SECURE_WEBSOCKET: 'false', NEON_PIPELINE_CONNECT: 'false' },
    openDb,
    appBackends: async () => (await backendsOf(admin, appName)).length,
    close: async () => {
      await admin.end({ timeout: 5 });
      await proxy.close();
      await database.drop();
    },
  };
}
