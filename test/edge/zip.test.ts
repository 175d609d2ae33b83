// The ZIP writer of POST /split, checked by Python's zipfile: names, sizes, stored method, CRC-32.
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../adapters/edge/zip/crc32.ts';
import { zipStored } from '../../adapters/edge/zip/zip.ts';
import { hexToBytes, readZipWithPython } from './support/python-zip.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('crc32', () => {
  it('gives the standard check values', () => {
    // "123456789" -> 0xCBF43926 is the catalogue check value of CRC-32/ISO-HDLC; "" -> 0.
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(text('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
});

describe('zipStored', () => {
  it('writes an archive Python reads back byte for byte, with valid CRCs', () => {
    const random = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 2654435761) >>> 24);
    const entries = [
      { name: 'track-00.mid', bytes: text('MThd first') },
      { name: 'track-01.mid', bytes: random },
      { name: 'empty.mid', bytes: new Uint8Array() },
      { name: 'ünïcode/名前.mid', bytes: text('utf-8 names') },
    ];
    const read = readZipWithPython(zipStored(entries));
    expect(read.bad).toBeNull();
    expect(read.entries.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    expect(read.entries.map((e) => e.compressType)).toEqual([0, 0, 0, 0]);
    read.entries.forEach((e, i) => expect(hexToBytes(e.hex)).toEqual(entries[i]!.bytes));
  });

  it('writes an empty archive as the 22-byte end record alone', () => {
    const zip = zipStored([]);
    expect(zip.length).toBe(22);
    expect(readZipWithPython(zip)).toEqual({ bad: null, entries: [] });
  });

  it('is deterministic (no clock in the archive)', () => {
    const entries = [{ name: 'a.mid', bytes: text('abc') }];
    expect(zipStored(entries)).toEqual(zipStored(entries));
  });
});
