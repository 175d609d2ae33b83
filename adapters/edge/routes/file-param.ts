// The `:sha256` path parameter of every per-file route (`GET /files/:sha256`, /related, /roll), checked once here.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { httpError } from '../http-errors.ts';

export const SHA256_PARAM = {
  name: 'sha256',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
  description: 'SHA-256 of the file bytes, hex',
};

/** The lowercase hash, or SHA256_INVALID (400). */
export function sha256Param(c: Context<AppEnv>): string {
  const sha256 = c.req.param('sha256') ?? '';
  if (!/^[0-9a-fA-F]{64}$/.test(sha256)) throw httpError('SHA256_INVALID', 'expected the SHA-256 of the file as 64 hex digits');
  return sha256.toLowerCase();
}
