// The optional bearer token (API_TOKEN) that guards the routes that write to the database.
import { httpError } from './http-errors.ts';

const encoder = new TextEncoder();

/**
 * Throws UNAUTHORIZED unless `authorization` is `Bearer <token>` (the scheme in any case, RFC 6750 2.1),
 * e.g. `requireBearer('Bearer s3cret', 's3cret')` returns; `requireBearer(null, 's3cret')` throws.
 */
export function requireBearer(authorization: string | null, token: string): void {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) throw httpError('UNAUTHORIZED', 'this route needs "Authorization: Bearer <API_TOKEN>"');
  if (!sameBytes(encoder.encode(m[1]!), encoder.encode(token))) throw httpError('UNAUTHORIZED', 'wrong bearer token');
}

// Compares every byte whatever the first difference, so the time taken does not tell how much of a guessed
// token was right (the length can still show; tokens should be long and random).
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(a.length, 1)] ?? 0) ^ b[i]!;
  return diff === 0;
}
