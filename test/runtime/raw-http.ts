// HTTP/1.1 over a plain TCP socket, for what fetch cannot send: bodies trickled a few bytes at a time,
// headers that never end, bytes that are not HTTP at all, connections dropped mid-request. Reads the answer
// (Content-Length or chunked) and notes whether the server closed the connection afterwards.
import { connect } from 'node:net';

export interface RawAnswer {
  /** The status of the answer; null when the server closed the connection (or `waitMs` passed) without one. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection, within `closeWaitMs` of answering. */
  closed: boolean;
  /** Milliseconds from connecting to the answer (or to giving up). */
  ms: number;
  /** How many of `parts` were written before the answer came or the connection closed. */
  partsSent: number;
}

export interface RawOptions {
  /** Pause before each part after the first. */
  gapMs?: number;
  /** Give up waiting for an answer after this long. */
  waitMs?: number;
  /** After the answer, how long to wait to see the server close the connection. */
  closeWaitMs?: number;
}

/** e.g. `await rawRequest(url, ['POST /analyze HTTP/1.1\r\nHost: x\r\n...\r\n\r\n', 'MT', 'hd'], {gapMs: 500})`. */
export function rawRequest(url: string, parts: (string | Uint8Array)[], options: RawOptions = {}): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let answer: Omit<RawAnswer, 'closed' | 'ms' | 'partsSent'> | null = null;
    let answeredAt = 0;
    let partsSent = 0;
    let done = false;
    const timers: ReturnType<typeof setTimeout>[] = [];
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      socket.destroy();
      const ms = (answer ? answeredAt : performance.now()) - started;
      resolve({ ...(answer ?? { status: null, headers: {}, body: '' }), closed, ms, partsSent });
    };
    timers.push(setTimeout(() => finish(false), options.waitMs ?? 30_000));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (answer) return;
      answer = parseAnswer(received);
      if (answer) {
        answeredAt = performance.now();
        timers.push(setTimeout(() => finish(false), options.closeWaitMs ?? 2000));
      }
    });
    socket.on('close', () => finish(true));
    // The server may reset a connection it has answered or given up on: that is a close, not a failure.
    socket.on('error', () => finish(true));
    const send = (i: number) => {
      if (done || answer || i >= parts.length) return;
      socket.write(parts[i]!);
      partsSent = i + 1;
      timers.push(setTimeout(() => send(i + 1), options.gapMs ?? 0));
    };
    socket.once('connect', () => send(0));
  });
}

/** A request head, e.g. `head('POST', '/analyze', {'content-type': 'audio/midi', 'content-length': '10'})`. */
export function head(method: string, path: string, headers: Record<string, string>): string {
  return `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** The first complete answer in `bytes`, or null while it is still incomplete. */
function parseAnswer(bytes: Buffer): Omit<RawAnswer, 'closed' | 'ms' | 'partsSent'> | null {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let rest = bytes.subarray(end + 4);
  if (headers['transfer-encoding']?.includes('chunked')) {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      if (lineEnd < 0) return null;
      const size = parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
      if (rest.length < lineEnd + 2 + size + 2) return null;
      if (size === 0) break;
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    return { status, headers, body: Buffer.concat(parts).toString('utf8') };
  }
  const length = Number(headers['content-length'] ?? 0);
  if (rest.length < length) return null;
  return { status, headers, body: rest.subarray(0, length).toString('utf8') };
}
