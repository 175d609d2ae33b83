// The page is the same on every runtime: the Worker in workerd and the Deno entry serve `GET /` and its
// assets byte for byte as the app does in process, with the same security headers, and answer
// `POST /analyze?include=roll` with the same roll. No database: the analyse view needs none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSETS } from '../../adapters/edge/web/assets.ts';
import { body, testApp } from '../edge/support/app.ts';
import type { RunningRuntime } from '../runtime/runtime.ts';
import { startRuntime } from '../runtime/start.ts';
import { projectRoot } from '../support/mido.ts';

const PATHS = ['/', ...Object.keys(ASSETS).map((name) => `/assets/${name}`)];
const HEADERS = ['content-type', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'cache-control', 'etag'];
const WALTZ = new Uint8Array(readFileSync(join(projectRoot, 'examples', 'waltz-a-minor-multitrack.mid')));

const inProcess = testApp();
const servers: RunningRuntime[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

for (const name of ['workerd', 'deno'] as const) {
  describe(`the page on ${name}`, () => {
    let server: RunningRuntime;
    beforeAll(async () => {
      server = await startRuntime(name, {});
      servers.push(server);
    }, 180_000);

    it('serves the page and its assets exactly as the app in process', async () => {
      for (const path of PATHS) {
        const [remote, local] = await Promise.all([fetch(`${server.url}${path}`), inProcess.get(path)]);
        expect(remote.status, path).toBe(200);
        expect(await remote.text(), path).toBe(await local.text());
        for (const header of HEADERS) expect(remote.headers.get(header), `${path} ${header}`).toBe(local.headers.get(header));
      }
    });

    it('answers ?include=roll with the same roll', async () => {
      const init = { method: 'POST', body: body(WALTZ), headers: { 'content-type': 'audio/midi' } };
      const [remote, local] = await Promise.all([fetch(`${server.url}/analyze?include=roll`, init), inProcess.app.request('/analyze?include=roll', init)]);
      expect(remote.status).toBe(200);
      const roll = (await remote.json()).roll;
      // The waltz's 72 notes (scripts/make-examples.ts), so equality below is not two missing rolls.
      expect(roll?.notes.pitch.length).toBe(72);
      expect(roll).toEqual((await local.json()).roll);
    });
  });
}
