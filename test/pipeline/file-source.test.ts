// The local FileSource: its synchronous reader answers exactly as the asynchronous one (read-file.ts) for
// files and for everything that is not a readable regular file, and the source switches to the
// asynchronous reader when synchronous reads turn slow.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { localFileSource } from '../../adapters/local/file-source.ts';
import { readFileBounded } from '../../adapters/local/read-file.ts';
import { readFileBoundedSync } from '../../adapters/local/read-file-sync.ts';
import { toErrorInfo } from '../../core/errors.ts';
import { tempFolder } from './helpers.ts';

const folder = tempFolder('file-source');
const at = (name: string) => join(folder.path, name);
beforeAll(() => {
  writeFileSync(at('small.mid'), Uint8Array.from({ length: 300 }, (_, i) => i % 256));
  writeFileSync(at('empty.mid'), new Uint8Array(0));
  writeFileSync(at('big.mid'), 'x');
  truncateSync(at('big.mid'), 5000);
  mkdirSync(at('dir.mid'));
  execFileSync('mkfifo', [at('fifo.mid')]);
  symlinkSync(at('nowhere'), at('dangling.mid'));
});
afterAll(() => folder.remove());

const outcome = async (read: () => Promise<Uint8Array> | Uint8Array) => {
  try {
    const bytes = await read();
    return { ok: true, length: bytes.length, first: bytes[1], own: bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
};

test('synchronous and asynchronous readers agree on every kind of path', async () => {
  for (const name of ['small.mid', 'empty.mid', 'big.mid', 'dir.mid', 'fifo.mid', 'dangling.mid', 'missing.mid']) {
    const sync = await outcome(() => readFileBoundedSync(at(name), 4096));
    expect(sync, name).toEqual(await outcome(() => readFileBounded(at(name), 4096)));
  }
  expect(await outcome(() => readFileBoundedSync(at('big.mid'), 4096))).toEqual({ ok: false, error: { code: 'FILE_TOO_LARGE', message: 'file of 5000 bytes is over the limit of 4096' } });
  expect(await outcome(() => readFileBoundedSync(at('fifo.mid'), 4096))).toEqual({ ok: false, error: { code: 'FILE_UNREADABLE', message: 'a FIFO, not a regular file' } });
});

test('slow synchronous reads switch the source to the asynchronous reader, with the same results', async () => {
  let clock = 0;
  let calls = 0;
  // each synchronous read appears to take 10 ms: eight slow reads in a row switch the reader
  const source = localFileSource(folder.path, { now: () => (calls++ % 2 === 0 ? clock : (clock += 10)) });
  const results = [];
  for (let i = 0; i < 10; i++) results.push(await outcome(() => source.read(at('small.mid'), 4096)));
  expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
  const before = calls;
  await source.read(at('small.mid'), 4096);
  expect(calls).toBe(before); // no timing taken: the asynchronous reader is in use
});

test('a slow read now and then (a busy machine descheduling the reader) keeps the synchronous reader', async () => {
  let clock = 0;
  let calls = 0;
  let reads = 0;
  // every third synchronous read appears to take 50 ms, the others none
  const source = localFileSource(folder.path, { now: () => (calls++ % 2 === 0 ? clock : (clock += ++reads % 3 === 0 ? 50 : 0)) });
  for (let i = 0; i < 30; i++) await source.read(at('small.mid'), 4096);
  expect(calls).toBe(60); // still timed: every read was synchronous
});
