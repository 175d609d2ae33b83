// Hand-built byte fixtures: every byte is spelled out, so what a fixture holds is obvious from its source.

/** Bytes from hex strings and byte arrays, e.g. `bytes('4d54 6864', [0, 6])`. Spaces are ignored. */
export function bytes(...parts: (string | number[] | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      const clean = part.replace(/\s+/g, '');
      if (clean.length % 2 !== 0) throw new Error(`odd hex string: ${part}`);
      for (let i = 0; i < clean.length; i += 2) out.push(parseInt(clean.slice(i, i + 2), 16));
    } else {
      for (const b of part) out.push(b);
    }
  }
  return Uint8Array.from(out);
}

export function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

export function u32be(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

export function u32le(value: number): number[] {
  return u32be(value).reverse();
}

/** `MThd`, length 6, format, track count, division. */
export function header(format: number, tracks: number, division: number): Uint8Array {
  return bytes(ascii('MThd'), u32be(6), [format >> 8, format & 0xff, tracks >> 8, tracks & 0xff, division >> 8, division & 0xff]);
}

/** A chunk with the body's true length, or `declaredLength` when a fixture needs a wrong one. */
export function chunk(id: string, body: Uint8Array, declaredLength = body.length): Uint8Array {
  return bytes(ascii(id), u32be(declaredLength), body);
}

export function track(body: string | Uint8Array, declaredLength?: number): Uint8Array {
  const b = typeof body === 'string' ? bytes(body) : body;
  return chunk('MTrk', b, declaredLength);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return bytes(...parts);
}

/** End-of-Track after `delta`: `<delta> FF 2F 00`. */
export const EOT = '00 ff2f00';
