// SHA-256 of file bytes on Node and Deno. node:crypto hashes synchronously, so the bulk loop hashes a file
// without a promise per file (core's analyzeBytes uses crypto.subtle where node:crypto is absent).
import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
