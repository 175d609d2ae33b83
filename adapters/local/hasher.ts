// The Hasher port on Node and Deno: node:crypto's synchronous SHA-256 (hash.ts).
import type { Hasher } from '../../core/pipeline/hasher.ts';
import { sha256Hex } from './hash.ts';

export const nodeHasher: Hasher = { sha256: sha256Hex };
