// Regression for the postgres.js patch (scripts/patch-postgres.mjs): a query on a reserved connection whose
// backend was terminated must reject with CONNECTION_CLOSED; unpatched 3.4.9 throws an uncaught TypeError
// from a setImmediate callback and the process dies (porsager/postgres#1208). Run in a child process, so
// the crash it guards against cannot take the test runner down with it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const CHILD = `
import postgres from 'postgres';
const url = process.env.TEST_DATABASE_URL;
const sql = postgres(url, { max: 2, onnotice: () => {} });
const admin = postgres(url, { max: 1, onnotice: () => {} });
const reserved = await sql.reserve();
const [{ pid }] = await reserved\`select pg_backend_pid() as pid\`;
await admin\`select pg_terminate_backend(\${pid})\`;
await new Promise((r) => setTimeout(r, 200));
let outcome;
for (let i = 0; i < 3; i++) {
  try { await reserved\`select 1\`; outcome = 'answered'; } catch (e) { outcome = e.code; }
}
console.log('outcome', outcome);
await admin.end({ timeout: 2 });
await sql.end({ timeout: 2 });
`;

describe('postgres.js with the closed-socket guard', () => {
  it('rejects queries on a connection whose backend died instead of crashing', () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], {
      cwd: process.cwd(),
      env: process.env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).not.toContain('TypeError');
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('outcome CONNECTION_CLOSED');
  });
});
