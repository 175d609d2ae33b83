// The Db contract over postgres.js, on a database of its own on the local PostgreSQL.
import { openPostgresJs } from '../../adapters/local/db/postgres-js.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { defineDbContract } from './contract.ts';

let database: TestDatabase;
const pool = { preset: 'lazy' as const, workers: 2, env: {}, options: { max: 8, acquireTimeoutSeconds: 10 } };

defineDbContract('postgres-js', {
  async open() {
    database = await createTestDatabase('contract_pgjs');
    return openPostgresJs({ url: database.url, ...pool });
  },
  async openPair() {
    const shared = await createTestDatabase('contract_pgjs_pair');
    const a = await openPostgresJs({ url: shared.url, ...pool });
    const b = await openPostgresJs({ url: shared.url, ...pool });
    return { a, b, cleanup: async () => (await Promise.all([a.close(), b.close()]), await shared.drop()) };
  },
  cleanup: () => database.drop(),
});
