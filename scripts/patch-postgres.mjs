// postinstall: guards postgres.js 3.4.9's nextWrite against a socket that closed while a write waited for
// setImmediate. Unpatched, that write throws a TypeError outside any promise and kills the process
// (porsager/postgres#1154, #1208; fix PRs #1168, #1209 still open). The guard rejects the waiting
// queries with CONNECTION_CLOSED instead, which the adapter already retries. Idempotent; plain JS so it
// runs before anything else is installed. Remove when a fixed release is pinned.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
const MARKER = '/* midi-pipeline: closed-socket guard */';
const ORIGINAL = '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
const PATCHED = `  function nextWrite(fn) {
    ${MARKER}
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options, socket))
      return false
    }
    const x = socket.write(chunk, fn)`;

let patched = 0;
for (const flavour of ['src', 'cjs/src', 'cf/src']) {
  const file = join(root, flavour, 'connection.js');
  if (!existsSync(file)) continue;
  const source = readFileSync(file, 'utf8');
  if (source.includes(MARKER)) continue;
  if (!source.includes(ORIGINAL)) {
    console.error(`patch-postgres: ${file} does not look like postgres.js 3.4.9; not patched`);
    process.exitCode = 1;
    continue;
  }
  writeFileSync(file, source.replace(ORIGINAL, PATCHED));
  patched++;
}
if (patched > 0) console.log(`patch-postgres: guarded nextWrite in ${patched} copies of postgres.js`);
