// The audit that the corpus and chaos suites rely on must itself see what it is for: a clean run of the
// example files audits clean against expectations written from scripts/make-examples.ts, and each kind of
// damage done to that library afterwards shows up in the list it belongs to.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { projectRoot } from '../support/mido.ts';
import { cli, tempFolder } from './helpers.ts';
import { auditLibrary, type ExpectedLibrary } from './library-audit.ts';

const folder = tempFolder('library-audit');
const input = join(folder.path, 'in');
const out = join(folder.path, 'out');
let database: TestDatabase;
let sql: postgres.Sql;

// What scripts/make-examples.ts writes: one track of notes each for the scale and the drum loop, three
// instrument tracks after the conductor for the waltz, and a header cut short.
const NOTE_TRACKS: Record<string, number> = { 'c-major-scale.mid': 1, 'drum-loop.mid': 1, 'waltz-a-minor-multitrack.mid': 3, 'broken-truncated-header.mid': 0 };
const ERRORS: Record<string, string | null> = { 'broken-truncated-header.mid': 'MIDI_BAD_HEADER' };

function expected(): ExpectedLibrary {
  const files = Object.keys(NOTE_TRACKS).map((name) => {
    const path = join(input, name);
    return { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), errorCode: ERRORS[name] ?? null, noteTracks: NOTE_TRACKS[name]! };
  });
  return { root: input, files };
}

beforeAll(async () => {
  mkdirSync(input, { recursive: true });
  for (const name of Object.keys(NOTE_TRACKS)) copyFileSync(join(projectRoot, 'examples', name), join(input, name));
  database = await createTestDatabase('library_audit');
  const result = await cli(['run', input, '--out', out, '--database-url', database.url, '--workers', '1', '--quiet', '--json']);
  expect(result.code, result.errors).toBe(0);
  sql = postgres(database.url, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await database?.drop();
  folder.remove();
});

test('a clean run audits clean, and each kind of damage is reported where it belongs', async () => {
  expect(await auditLibrary(sql, expected(), out)).toEqual({ lost: [], duplicated: [], wrong: [] });

  // An analysis row deleted: lost.
  await sql`delete from analyses where file_id = (select id from files where sha256 = ${expected().files[0]!.sha256})`;
  const lost = await auditLibrary(sql, expected(), out);
  expect(lost.lost.some((line) => line.includes('analysis missing'))).toBe(true);

  // A split child's file removed from disk, and a stray file added: lost and duplicated.
  const children = readdirSync(out, { recursive: true }).map(String).filter((p) => p.endsWith('.mid'));
  expect(children.length).toBe(3);
  rmSync(join(out, children[0]!));
  mkdirSync(join(out, 'ab'), { recursive: true });
  writeFileSync(join(out, 'ab', 'stray.mid'), new Uint8Array([1]));
  const damaged = await auditLibrary(sql, expected(), out);
  expect(damaged.lost.some((line) => line.includes('not on disk'))).toBe(true);
  expect(damaged.duplicated.some((line) => line.includes('stray.mid'))).toBe(true);

  // A file left pending and leased: lost and wrong.
  await sql`update files set status = 'pending', lease_owner = 'someone' where sha256 = ${expected().files[1]!.sha256}`;
  const unfinished = await auditLibrary(sql, expected(), out);
  expect(unfinished.lost.some((line) => line.includes('left pending'))).toBe(true);
  expect(unfinished.wrong.some((line) => line.includes('lease'))).toBe(true);
});
