// A minimal ZIP writer for `POST /split`: entries stored without compression (MIDI tracks are small and
// the point is one download), each with its CRC-32, UTF-8 names, and a fixed timestamp so the same
// input always gives the same archive. Layout per APPNOTE.TXT 6.3.10 sections 4.3.7 (local file
// header), 4.3.12 (central directory header) and 4.3.16 (end of central directory record). No ZIP64:
// archives past 65,535 entries or 4 GiB are refused, which a body limit of a few MiB never reaches.
import { PipelineError } from '../../../core/errors.ts';
import { crc32 } from './crc32.ts';

export interface ZipEntry {
  /** Path inside the archive, '/'-separated, e.g. "track-01.mid". */
  name: string;
  bytes: Uint8Array;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** 1.0: stored entries need nothing newer (APPNOTE 4.4.3.2). */
const VERSION_NEEDED = 10;
/** Made by: 3.0 on "UNIX" (upper byte 3), so unzip applies the permissions in the external attributes. */
const VERSION_MADE_BY = (3 << 8) | 30;
/** General purpose flag bit 11: names are UTF-8 (APPNOTE 4.4.4). */
const FLAG_UTF8 = 1 << 11;
/** 1980-01-01 00:00:00, the earliest MS-DOS date: the archive does not depend on the clock. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Regular file, rw-r--r--, in the upper 16 bits of the external attributes. */
const UNIX_FILE_MODE = 0o100644;

const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;

/** e.g. `zipStored([{name: 'a.mid', bytes}])` -> the bytes of a .zip holding a.mid. */
export function zipStored(entries: readonly ZipEntry[]): Uint8Array {
  if (entries.length > MAX_ENTRIES) throw new PipelineError('ZIP_TOO_LARGE', `${entries.length} entries; a ZIP without ZIP64 holds at most ${MAX_ENTRIES}`);
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  const crcs = entries.map((e) => crc32(e.bytes));
  const localSize = entries.reduce((sum, e, i) => sum + 30 + names[i]!.length + e.bytes.length, 0);
  const centralSize = names.reduce((sum, name) => sum + 46 + name.length, 0);
  if (localSize + centralSize > MAX_OFFSET) throw new PipelineError('ZIP_TOO_LARGE', 'archive over 4 GiB; a ZIP without ZIP64 cannot hold it');

  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  entries.forEach((entry, i) => {
    offsets.push(at);
    view.setUint32(at, LOCAL_HEADER, true);
    view.setUint16(at + 4, VERSION_NEEDED, true);
    view.setUint16(at + 6, FLAG_UTF8, true);
    view.setUint16(at + 8, 0, true); // method 0: stored
    view.setUint16(at + 10, DOS_TIME, true);
    view.setUint16(at + 12, DOS_DATE, true);
    view.setUint32(at + 14, crcs[i]!, true);
    view.setUint32(at + 18, entry.bytes.length, true); // compressed size
    view.setUint32(at + 22, entry.bytes.length, true); // uncompressed size
    view.setUint16(at + 26, names[i]!.length, true);
    view.setUint16(at + 28, 0, true); // no extra field
    out.set(names[i]!, at + 30);
    out.set(entry.bytes, at + 30 + names[i]!.length);
    at += 30 + names[i]!.length + entry.bytes.length;
  });

  const centralStart = at;
  entries.forEach((entry, i) => {
    view.setUint32(at, CENTRAL_HEADER, true);
    view.setUint16(at + 4, VERSION_MADE_BY, true);
    view.setUint16(at + 6, VERSION_NEEDED, true);
    view.setUint16(at + 8, FLAG_UTF8, true);
    view.setUint16(at + 10, 0, true);
    view.setUint16(at + 12, DOS_TIME, true);
    view.setUint16(at + 14, DOS_DATE, true);
    view.setUint32(at + 16, crcs[i]!, true);
    view.setUint32(at + 20, entry.bytes.length, true);
    view.setUint32(at + 24, entry.bytes.length, true);
    view.setUint16(at + 28, names[i]!.length, true);
    view.setUint16(at + 30, 0, true); // extra field length
    view.setUint16(at + 32, 0, true); // comment length
    view.setUint16(at + 34, 0, true); // disk number start
    view.setUint16(at + 36, 0, true); // internal attributes
    view.setUint32(at + 38, (UNIX_FILE_MODE << 16) >>> 0, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(names[i]!, at + 46);
    at += 46 + names[i]!.length;
  });

  view.setUint32(at, END_OF_CENTRAL_DIRECTORY, true);
  view.setUint16(at + 4, 0, true); // this disk
  view.setUint16(at + 6, 0, true); // disk with the central directory
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  view.setUint16(at + 20, 0, true); // comment length
  return out;
}
