// The Db contract over @neondatabase/serverless, reaching the local PostgreSQL through scripts/ws-proxy.ts
// (plain ws: on loopback, no password pipelining because the server trusts loopback).
import { WebSocket } from 'ws';
import { openNeonServerless } from '../../adapters/edge/db/neon-serverless.ts';
import { startWsProxy, type WsProxy } from '../../scripts/ws-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { defineDbContract } from './contract.ts';

let database: TestDatabase;
let proxy: WsProxy;

const open = (url: string) =>
  openNeonServerless({ connectionString: url, webSocketConstructor: WebSocket, wsProxy: proxy.wsProxy, useSecureWebSocket: false, pipelineConnect: false, max: 8 });

defineDbContract('neon-serverless', {
  async open() {
    proxy = await startWsProxy();
    database = await createTestDatabase('contract_neon');
    return open(database.url);
  },
  async openPair() {
    const shared = await createTestDatabase('contract_neon_pair');
    const a = open(shared.url);
    const b = open(shared.url);
    return { a, b, cleanup: async () => (await Promise.all([a.close(), b.close()]), await shared.drop()) };
  },
  async cleanup() {
    await database.drop();
    await proxy.close();
  },
});
