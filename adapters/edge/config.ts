// One place that turns an entry's environment (Workers `env`, Deno.env, process.env) into the app's
// settings. Precedence: the variable when set and valid, else the default below; an invalid value is a
// CONFIG_INVALID error at startup, never a silent default.
import type { Db } from '../../core/db/port.ts';
import { PipelineError } from '../../core/errors.ts';
import { DEFAULT_MAX_BODY_BYTES } from './app.ts';
import { DEFAULT_BODY_TIMEOUT_MS } from './body.ts';
import { openNeonServerless } from './db/neon-serverless.ts';

// prettier-ignore
/** The variables and their defaults. */
export const EDGE_ENV = {
  DATABASE_URL:              'PostgreSQL URL (Neon, or any Postgres behind NEON_WS_PROXY); unset: no database',
  API_TOKEN:                 'bearer token required to store (POST /analyze?store=true); unset: no token',
  MAX_BODY_BYTES:            `largest request body, bytes or e.g. 16MiB; default ${DEFAULT_MAX_BODY_BYTES} (16 MiB)`,
  BODY_TIMEOUT_MS:           `a request body must arrive in full within this, else 408; default ${DEFAULT_BODY_TIMEOUT_MS}`,
  NEON_WS_PROXY:             'WebSocket proxy for a non-Neon Postgres, "host:port/path" (scripts/ws-proxy.ts); unset: Neon\'s',
  NEON_USE_SECURE_WEBSOCKET: 'true (default) for wss:, false for a plain ws: proxy on loopback',
  NEON_PIPELINE_CONNECT:     '"password" (default, Neon) or false for servers that answer with trust or SCRAM',
  NEON_CONNECT_TIMEOUT_MS:   'give up opening a database connection after this long; default 10000',
  NEON_POOL_MAX:             'connections per request pool; default 2',
} as const;

export type EdgeEnv = Partial<Record<keyof typeof EDGE_ENV, string>>;

export interface EdgeConfig {
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  apiToken: string | null;
  databaseUrl: string | null;
  neon: { wsProxy?: string; useSecureWebSocket?: boolean; pipelineConnect?: 'password' | false; connectTimeoutMs: number; max?: number };
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** e.g. `resolveEdgeConfig({MAX_BODY_BYTES: '1MiB'})` -> `{maxBodyBytes: 1048576, apiToken: null, databaseUrl: null, ...}`. */
export function resolveEdgeConfig(env: Record<string, unknown>): EdgeConfig {
  const text = (name: keyof typeof EDGE_ENV): string | undefined => {
    const value = env[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const wsProxy = text('NEON_WS_PROXY');
  const secure = text('NEON_USE_SECURE_WEBSOCKET');
  const pipeline = text('NEON_PIPELINE_CONNECT');
  const poolMax = text('NEON_POOL_MAX');
  return {
    maxBodyBytes: byteSize(text('MAX_BODY_BYTES'), 'MAX_BODY_BYTES') ?? DEFAULT_MAX_BODY_BYTES,
    bodyTimeoutMs: positiveInt(text('BODY_TIMEOUT_MS'), 'BODY_TIMEOUT_MS') ?? DEFAULT_BODY_TIMEOUT_MS,
    apiToken: text('API_TOKEN') ?? null,
    databaseUrl: text('DATABASE_URL') ?? null,
    neon: {
      ...(wsProxy === undefined ? {} : { wsProxy }),
      ...(secure === undefined ? {} : { useSecureWebSocket: bool(secure, 'NEON_USE_SECURE_WEBSOCKET') }),
      ...(pipeline === undefined ? {} : { pipelineConnect: pipeline === 'password' ? 'password' : bool(pipeline, 'NEON_PIPELINE_CONNECT') ? 'password' : false }),
      connectTimeoutMs: positiveInt(text('NEON_CONNECT_TIMEOUT_MS'), 'NEON_CONNECT_TIMEOUT_MS') ?? DEFAULT_CONNECT_TIMEOUT_MS,
      ...(poolMax === undefined ? {} : { max: positiveInt(poolMax, 'NEON_POOL_MAX') }),
    },
  };
}

/**
 * A per-request database opener over @neondatabase/serverless, or null without DATABASE_URL. Node 20 has
 * no global WebSocket and passes the `ws` package's; Workers and Deno pass nothing.
 */
export function neonOpener(config: EdgeConfig, webSocketConstructor?: unknown): (() => Db) | null {
  const url = config.databaseUrl;
  if (url === null) return null;
  return () => openNeonServerless({ connectionString: url, ...config.neon, ...(webSocketConstructor === undefined ? {} : { webSocketConstructor }) });
}

/** e.g. `byteSize('16MiB') === 16777216`, `byteSize('1000') === 1000`. */
export function byteSize(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text);
  const unit = (m?.[2] ?? 'b').toLowerCase()[0];
  const bytes = m ? Math.floor(Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1)) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw invalid(`${name}=${text}: expected a size in bytes such as 16777216 or 16MiB`);
  return bytes;
}

function positiveInt(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw invalid(`${name}=${text}: expected a positive whole number`);
  return Number(text);
}

function bool(text: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw invalid(`${name}=${text}: expected true or false`);
}

function invalid(message: string): PipelineError {
  return new PipelineError('CONFIG_INVALID', message);
}
