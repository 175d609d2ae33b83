// The sockets under the postgres.js pool, opened by us (postgres.js's `socket` option) so the pool can be
// counted: postgres.js reports no connection opened, lost or re-opened, and no connect time. Observing the
// socket's events through `emit` survives postgres.js removing every listener when it upgrades to TLS.
import net from 'node:net';
import type { PoolStats } from '../../../core/db/port.ts';

/** What postgres.js passes to the `socket` option (its parsed options). */
interface ConnectTarget {
  host: string[];
  port: number[];
  path?: string | false;
  ssl?: unknown;
}

export class PoolSockets {
  readonly stats: PoolStats = {
    connectionsOpened: 0,
    connectionsClosed: 0,
    connectionsLost: 0,
    connectFailures: 0,
    reconnects: 0,
    connectionsOpen: 0,
    connectionsPeak: 0,
    queries: 0,
    transactions: 0,
    retries: 0,
    validations: 0,
    validationFailures: 0,
    waitMs: 0,
    connectMs: 0,
    retryWaitMs: 0,
    validationMs: 0,
  };
  private readonly live = new Set<net.Socket>();
  /** Set by close(): from then on, closing connections is what we asked for. */
  ending = false;

  /** The `socket` option of postgres.js: a TCP (or Unix) socket to the server, counted. */
  open = (target: ConnectTarget): net.Socket => {
    const started = performance.now();
    const socket = target.path ? net.connect(target.path) : net.connect(target.port[0]!, target.host[0]!);
    let connected = false;
    let ready = false;
    let deliberate = false;
    let pending: Buffer | null = null;
    this.live.add(socket);

    // postgres.js ends a connection with socket.end(Terminate) or destroy(); anything else closing it is a loss.
    const end = socket.end.bind(socket);
    socket.end = ((...args: Parameters<net.Socket['end']>) => ((deliberate = true), end(...args))) as net.Socket['end'];
    const destroy = socket.destroy.bind(socket);
    socket.destroy = ((error?: Error) => ((deliberate = true), destroy(error))) as net.Socket['destroy'];

    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === 'connect') {
        connected = true;
        this.stats.connectionsOpened++;
        this.stats.connectionsOpen++;
        if (this.stats.connectionsOpen > this.stats.connectionsPeak) this.stats.connectionsPeak = this.stats.connectionsOpen;
        else this.stats.reconnects++;
        // Under TLS the startup is encrypted: count time to the TCP connect only.
        if (target.ssl) this.connectDone(started), (ready = true);
      } else if (event === 'data' && !ready) {
        pending = pending ? Buffer.concat([pending, args[0] as Buffer]) : (args[0] as Buffer);
        const found = findReadyForQuery(pending);
        if (found) (ready = true), (pending = null), this.connectDone(started);
      } else if (event === 'close') {
        this.live.delete(socket);
        if (connected) {
          this.stats.connectionsClosed++;
          this.stats.connectionsOpen--;
          if (!deliberate && !this.ending) this.stats.connectionsLost++;
        } else {
          this.stats.connectFailures++;
        }
      }
      return emit(event, ...args);
    }) as net.Socket['emit'];
    return socket;
  };

  /** Destroys the sockets still open (a frozen peer can keep one open after postgres.js gave up on it). */
  destroyAll(): void {
    for (const socket of this.live) socket.destroy();
    this.live.clear();
  }

  snapshot(): PoolStats {
    const s = { ...this.stats };
    s.waitMs = round(s.connectMs + s.retryWaitMs + s.validationMs);
    s.connectMs = round(s.connectMs);
    s.retryWaitMs = round(s.retryWaitMs);
    s.validationMs = round(s.validationMs);
    return s;
  }

  private connectDone(started: number): void {
    this.stats.connectMs += performance.now() - started;
  }
}

/** Whether the server's first messages include ReadyForQuery ('Z'): the connection can take statements. */
function findReadyForQuery(bytes: Buffer): boolean {
  let at = 0;
  while (at + 5 <= bytes.length) {
    if (bytes[at] === 0x5a) return true;
    at += 1 + bytes.readInt32BE(at + 1);
  }
  return false;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
