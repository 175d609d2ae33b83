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
  /** Per socket: when it last sent something it has had no reply to yet, and how to kill it as lost. */
  private readonly waiting = new Map<net.Socket, { since: number | null; kill: () => void }>();
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

    // postgres.js closes a connection on purpose (idle timeout, max lifetime, end) by sending Terminate ('X')
    // with socket.end(); every other close is a loss (backend terminated, reset, peer gone). Node's own
    // end()/destroy() calls after a FIN or a reset carry no Terminate message, so they do not count.
    const end = socket.end.bind(socket);
    socket.end = ((...args: Parameters<net.Socket['end']>) => {
      const data = args[0];
      if (data instanceof Uint8Array && data[0] === 0x58) deliberate = true;
      return end(...args);
    }) as net.Socket['end'];
    const destroy = socket.destroy.bind(socket);
    const state = { since: null as number | null, kill: () => void destroy() };
    this.waiting.set(socket, state);
    const write = socket.write.bind(socket);
    socket.write = ((...args: Parameters<net.Socket['write']>) => ((state.since ??= performance.now()), write(...args))) as net.Socket['write'];

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
      } else if (event === 'data' && ready) {
        state.since = null;
      } else if (event === 'data' && !ready) {
        state.since = null;
        pending = pending ? Buffer.concat([pending, args[0] as Buffer]) : (args[0] as Buffer);
        const found = findReadyForQuery(pending);
        if (found) (ready = true), (pending = null), this.connectDone(started);
      } else if (event === 'close') {
        this.live.delete(socket);
        this.waiting.delete(socket);
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

  /**
   * Destroys, as lost, every socket that has waited longer than `ms` for a reply: a connection whose peer
   * went silent (a dropped NAT mapping, a frozen network) that TCP would notice only after minutes.
   */
  destroyUnresponsive(ms: number): number {
    const now = performance.now();
    let killed = 0;
    for (const state of this.waiting.values()) {
      if (state.since !== null && now - state.since > ms) state.kill(), killed++;
    }
    return killed;
  }

  /** Resolves when every socket has closed, or after `ms`. */
  async closed(ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    while (this.live.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  }

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
