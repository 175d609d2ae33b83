// Shrinks a failing input to a small one that fails the same way, so that it can live in a regression test
// as a few dozen hex bytes: delete ever smaller ranges while the failure persists, then try simplifying
// single bytes to 0x00. Deterministic: the same input always shrinks to the same bytes.

export type StillFails = (candidate: Uint8Array) => boolean;

function without(b: Uint8Array, at: number, length: number): Uint8Array {
  const out = new Uint8Array(b.length - length);
  out.set(b.subarray(0, at));
  out.set(b.subarray(at + length), at);
  return out;
}

/** @param budget most predicate calls to spend (each is a full read + analysis + split) */
export function minimise(input: Uint8Array, stillFails: StillFails, budget = 20_000): Uint8Array {
  let best = input;
  let calls = 0;
  const tryCandidate = (c: Uint8Array): boolean => {
    if (calls >= budget) return false;
    calls++;
    if (!stillFails(c)) return false;
    best = c;
    return true;
  };
  for (let size = Math.max(1, best.length >> 1); size >= 1; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
    let progress = true;
    while (progress && calls < budget) {
      progress = false;
      for (let at = 0; at + size <= best.length; ) {
        if (tryCandidate(without(best, at, size))) progress = true;
        else at += size;
      }
    }
  }
  for (let i = 0; i < best.length && calls < budget; i++) {
    if (best[i] === 0) continue;
    const c = best.slice();
    c[i] = 0;
    tryCandidate(c);
  }
  return best;
}

/** Lowercase hex in groups of 16 bytes per line, for pasting into a test. */
export function toHex(b: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < b.length; i += 16) lines.push(Array.from(b.subarray(i, i + 16), (x) => x.toString(16).padStart(2, '0')).join(' '));
  return lines.join('\n');
}
