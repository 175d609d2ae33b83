// fileRelations: split parents and children from track_splits, files sharing the note fingerprint (current
// analyses only, never the file itself, none for files without notes), bounded lists; on PGlite and on
// PostgreSQL through postgres.js. Also: the fingerprint lookup uses migration 2's index.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '../../adapters/local/db/pglite.ts';
import { openPostgresJs } from '../../adapters/local/db/postgres-js.ts';
import type { Analysis } from '../../core/analysis/types.ts';
import { fileRelations } from '../../core/db/file-relations.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { Db } from '../../core/db/port.ts';
import { type FileRecord, writeFiles } from '../../core/db/write-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { makeAnalysis, sha } from './fixtures.ts';

const withPrint = (n: number, fingerprint: string, extra: Partial<Analysis> = {}): Analysis => ({ ...makeAnalysis({ n }), fingerprint, ...extra });
const ok = (analysis: Analysis, path: string | null, origin: FileRecord['origin'] = null): FileRecord => ({
  sha256: analysis.sha256,
  sizeBytes: analysis.sizeBytes,
  path,
  origin,
  outcome: { ok: true, analysis },
});

async function fill(db: Db): Promise<Map<number, number>> {
  // 1: a parent of 2 and 3 (tracks 1 and 2); 4: another parent whose track 1 is the same content as 2.
  // 5 and 6 have 1's notes; 7 has notes nowhere else; 8 and 9 have no notes (and so no "same notes").
  const parents = await writeFiles(db, [
    ok(withPrint(1, 'aaaa'), 'songs/one.mid'),
    ok(withPrint(4, 'dddd'), 'songs/four.mid'),
    ok(withPrint(5, 'aaaa'), 'copies/one-renamed.mid'),
    ok(withPrint(6, 'aaaa'), null),
    ok(withPrint(7, 'eeee'), 'songs/seven.mid'),
    ok(withPrint(8, 'empty', { noteCount: 0 }), 'empty/eight.mid'),
    ok(withPrint(9, 'empty', { noteCount: 0 }), 'empty/nine.mid'),
  ]);
  const ids = new Map(parents.map((w) => [Number.parseInt(w.sha256, 16), w.fileId]));
  const children = await writeFiles(db, [
    ok(withPrint(2, 'bbbb'), 'split/one-1.mid', { parentId: ids.get(1)!, trackIndex: 1 }),
    ok(withPrint(3, 'cccc'), 'split/one-2.mid', { parentId: ids.get(1)!, trackIndex: 2 }),
  ]);
  await writeFiles(db, [ok(withPrint(2, 'bbbb'), 'split/four-1.mid', { parentId: ids.get(4)!, trackIndex: 1 })]);
  for (const w of children) ids.set(Number.parseInt(w.sha256, 16), w.fileId);
  return ids;
}

function defineSuite(label: string, open: () => Promise<{ db: Db; cleanup: () => Promise<void> }>): void {
  describe(`fileRelations on ${label}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let ids: Map<number, number>;
    beforeAll(async () => {
      ({ db, cleanup } = await open());
      await migrate(db);
      ids = await fill(db);
    });
    afterAll(async () => cleanup?.());

    test('a parent lists its per-track children in track order, and the files with its notes', async () => {
      const r = await fileRelations(db, sha(1));
      expect(r).toEqual({
        parents: [],
        children: [
          { fileId: ids.get(2), sha256: sha(2), trackIndex: 1, path: 'split/four-1.mid' },
          { fileId: ids.get(3), sha256: sha(3), trackIndex: 2, path: 'split/one-2.mid' },
        ],
        sameFingerprint: [
          { fileId: ids.get(5), sha256: sha(5), path: 'copies/one-renamed.mid' },
          { fileId: ids.get(6), sha256: sha(6), path: null },
        ],
        more: { parents: false, children: false, sameFingerprint: false },
      });
    });

    test('a child lists every parent it came from, with the track', async () => {
      const r = await fileRelations(db, sha(2));
      expect(r?.parents).toEqual([
        { fileId: ids.get(1), sha256: sha(1), trackIndex: 1, path: 'songs/one.mid' },
        { fileId: ids.get(4), sha256: sha(4), trackIndex: 1, path: 'songs/four.mid' },
      ]);
      expect(r?.children).toEqual([]);
    });

    test('no same-notes list for files without notes; null for unknown content; lists are bounded', async () => {
      expect((await fileRelations(db, sha(8)))?.sameFingerprint).toEqual([]);
      expect((await fileRelations(db, sha(7)))?.sameFingerprint).toEqual([]);
      expect(await fileRelations(db, sha(99))).toBeNull();
      const cut = await fileRelations(db, sha(1), 1);
      expect(cut?.children.map((c) => c.trackIndex)).toEqual([1]);
      expect(cut?.sameFingerprint.map((f) => f.sha256)).toEqual([sha(5)]);
      expect(cut?.more).toEqual({ parents: false, children: true, sameFingerprint: true });
    });

    test('the fingerprint lookup can use the index of migration 2', async () => {
      // Planner choice depends on table size, so sequential scans are switched off to ask whether it can.
      const plan = await db.transaction(async (tx) => {
        await tx.query('set local enable_seqscan = off');
        return tx.query(`explain select file_id from analyses where document ->> 'fingerprint' = $1::text`, ['aaaa']);
      });
      expect(plan.map((r) => String(r['QUERY PLAN'])).join('\n')).toContain('analyses_fingerprint');
    });
  });
}

defineSuite('PGlite', async () => {
  const db = await openPglite();
  return { db, cleanup: () => db.close() };
});

let database: TestDatabase | undefined;
defineSuite('postgres.js', async () => {
  database = await createTestDatabase('file_relations');
  const db = await openPostgresJs({ url: database.url, preset: 'lazy', workers: 1, env: {}, options: { max: 2 } });
  return { db, cleanup: async () => (await db.close(), await database?.drop()) };
});
