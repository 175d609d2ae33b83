// Reads a ZIP with Python's zipfile (an independent implementation): entry names, sizes, compression
// method, and whether every CRC-32 checks out (`testzip()` returns the first bad entry, or None).
import { spawnSync } from 'node:child_process';

export interface PythonZipEntry {
  name: string;
  size: number;
  compressType: number;
  /** Entry bytes, hex. */
  hex: string;
}

const SCRIPT = `
import io, json, sys, zipfile
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
bad = z.testzip()
entries = [{"name": i.filename, "size": i.file_size, "compressType": i.compress_type, "hex": z.read(i).hex()} for i in z.infolist()]
print(json.dumps({"bad": bad, "entries": entries}))
`;

export function readZipWithPython(zip: Uint8Array): { bad: string | null; entries: PythonZipEntry[] } {
  const run = spawnSync('/usr/bin/python3', ['-c', SCRIPT], { input: zip, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`python zipfile failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

export function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}
