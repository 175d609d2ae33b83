// The app in process, for route tests with `app.request()`: real routes, real core, and a record of every
// error it reported as internal (a suite of bad input must leave that empty: no 500s).
import { buildApp, DEFAULT_MAX_BODY_BYTES, type EdgeApp } from '../../../adapters/edge/app.ts';
import type { EdgeAppOptions } from '../../../adapters/edge/app-env.ts';
import { VERSION } from '../../../adapters/edge/version.ts';

export interface TestApp {
  app: EdgeApp;
  internalErrors: unknown[];
  /** `POST path` with a body and Content-Type. */
  post(path: string, body: BodyInit | null, contentType?: string | null, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

export function testApp(options: Partial<EdgeAppOptions> = {}): TestApp {
  const internalErrors: unknown[] = [];
  const app = buildApp({ version: VERSION, maxBodyBytes: DEFAULT_MAX_BODY_BYTES, logError: (error) => internalErrors.push(error), ...options });
  return {
    app,
    internalErrors,
    post: async (path, body, contentType = 'audio/midi', headers = {}) =>
      app.request(path, { method: 'POST', body, headers: { ...(contentType === null ? {} : { 'content-type': contentType }), ...headers }, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit),
    get: async (path, headers = {}) => app.request(path, { headers }),
  };
}

/** Bytes as a BodyInit (TypeScript's DOM types want an ArrayBuffer-backed view). */
export function body(bytes: Uint8Array): BodyInit {
  return bytes as Uint8Array<ArrayBuffer>;
}

/** A body stream that counts what the app pulled from it: `count` chunks of `chunkSize` bytes. */
export function countingStream(count: number, chunkSize: number): { stream: ReadableStream<Uint8Array>; pulled(): number } {
  let pulled = 0;
  const chunk = new Uint8Array(chunkSize).fill(0x41);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= count) return controller.close();
      pulled++;
      controller.enqueue(chunk.slice());
    },
  }, { highWaterMark: 0 });
  return { stream, pulled: () => pulled };
}
