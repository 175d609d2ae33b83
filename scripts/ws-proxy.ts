// A small WebSocket-to-TCP proxy so @neondatabase/serverless (which speaks the Postgres protocol over a
// WebSocket) can reach a plain PostgreSQL, e.g. the local one at 127.0.0.1:5432. The driver connects to
// ws://<proxy>/?address=<host>:<port> (neonConfig.wsProxy plus "?address=..."); each binary message is raw
// protocol bytes, forwarded unchanged both ways. Only allow-listed addresses are reachable: an open proxy
// would relay to anything.
//
//   npx tsx scripts/ws-proxy.ts [--port 5488] [--host 127.0.0.1] [--allow 127.0.0.1:5432,localhost:5432]
//
// Then, in the process using the driver: neonConfig.wsProxy = '127.0.0.1:5488/v1'; useSecureWebSocket =
// false; pipelineConnect = false (loopback trust auth expects no password message); and on Node 20
// neonConfig.webSocketConstructor = WebSocket from 'ws'.
import { createServer } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';

export interface WsProxyOptions {
  port?: number;
  host?: string;
  /** "host:port" targets that may be reached; default 127.0.0.1:5432 and localhost:5432. */
  allow?: string[];
}

export interface WsProxy {
  /** The port it listens on (useful with port 0). */
  port: number;
  /** The value for neonConfig.wsProxy. */
  wsProxy: string;
  /** Sessions open now, and ever. */
  stats(): { open: number; total: number; refused: number };
  close(): Promise<void>;
}

export async function startWsProxy(options: WsProxyOptions = {}): Promise<WsProxy> {
  const allow = new Set(options.allow ?? ['127.0.0.1:5432', 'localhost:5432']);
  const counts = { open: 0, total: 0, refused: 0 };
  const server = createServer((_req, res) => res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n'));
  const wss = new WebSocketServer({ server });
  const sockets = new Set<net.Socket>();

  wss.on('connection', (ws, req) => {
    const address = new URL(req.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
    const m = /^(.+):(\d+)$/.exec(address);
    if (!m || !allow.has(address)) {
      counts.refused++;
      ws.close(1008, `address not allowed: ${address}`);
      return;
    }
    counts.total++;
    counts.open++;
    const tcp = net.connect(Number(m[2]), m[1]!);
    sockets.add(tcp);
    tcp.setNoDelay(true);
    // Messages that arrive before the TCP connection is up are buffered by the socket itself.
    ws.on('message', (data, isBinary) => {
      if (isBinary) tcp.write(data as Buffer);
    });
    tcp.on('data', (chunk) => ws.send(chunk, { binary: true }));
    const finish = () => {
      if (sockets.delete(tcp)) counts.open--;
      tcp.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
    };
    tcp.on('close', finish);
    tcp.on('error', finish);
    ws.on('close', finish);
    ws.on('error', finish);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    wsProxy: `${options.host ?? '127.0.0.1'}:${port}/v1`,
    stats: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const proxy = await startWsProxy({
    port: Number(arg('port') ?? process.env.WS_PROXY_PORT ?? 5488),
    host: arg('host') ?? process.env.WS_PROXY_HOST ?? '127.0.0.1',
    allow: (arg('allow') ?? process.env.WS_PROXY_ALLOW)?.split(',').map((s) => s.trim()),
  });
  process.stderr.write(`ws-proxy: listening on ws://${proxy.wsProxy} (neonConfig.wsProxy = '${proxy.wsProxy}')\n`);
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
