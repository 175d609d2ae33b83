// The contract every Db driver passes (postgres-js, pglite, neon-serverless), each run against a real
// server. Expected values come from the hand-built rows in fixtures.ts and from plain SQL, never from the
// code under test.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Analysis } from '../../core/analysis/types.ts';
import { claimAnalysis, claimSplits, completeSplits, releaseLeases } from '../../core/db/claims.ts';
import { findFile, queryLibrary } from '../../core/db/library.ts';
import type { LibraryFilters } from '../../core/db/filters.ts';
import { libraryStats } from '../../core/db/library-stats.ts';
import { migrate } from '../../core/db/migrate.ts';
import { MIGRATIONS } from '../../core/db/migrations/index.ts';
import type { Db } from '../../core/db/port.ts';
import { listRuns, saveRun, type RunRecord } from '../../core/db/runs.ts';
import { toDate, toInt, toJson, toNumber } from '../../core/db/values.ts';
import { type FileRecord, writeFiles } from '../../core/db/write-files.ts';
import { BASS, makeAnalysis, PIANO, sha, STRINGS } from './fixtures.ts';

export interface ContractTarget {
  /** Opens the driver on an empty database of its own. */
  open(): Promise<Db>;
  /** Opens a second independent Db on another empty database twice (for concurrent migrations), if the driver can share one. */
  openPair?(): Promise<{ a: Db; b: Db; cleanup(): Promise<void> }>;
  cleanup?(): Promise<void>;
}

const n = (sha256: string) => parseInt(sha256, 16);
const numbers = (items: { sha256: string }[]) => items.map((i) => n(i.sha256)).sort((x, y) => x - y);
const ok = (analysis: Analysis, path: string | null = `lib/${n(analysis.sha256)}.mid`): FileRecord => ({
  sha256: analysis.sha256,
  sizeBytes: analysis.sizeBytes,
  path,
  outcome: { ok: true, analysis },
});
const failed = (k: number, version: number, retryable: boolean, code = 'MIDI_NOT_SMF'): FileRecord => ({
  sha256: sha(k),
  sizeBytes: 10 + k,
  path: `bad/${k}.mid`,
  outcome: { ok: false, analyzerVersion: version, error: { code, message: `not MIDI (${k})` }, retryable },
});

export function defineDbContract(label: string, target: ContractTarget): void {
  describe(`Db contract: ${label}`, () => {
    let db: Db;

    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(async () => {
      await db?.close();
      await target.cleanup?.();
    });

    describe('migrations', () => {
      test('apply from empty, then re-run as a no-op', async () => {
        const versions = MIGRATIONS.map((m) => m.version);
        const latest = versions[versions.length - 1];
        expect(await migrate(db)).toEqual({ applied: versions, version: latest });
        const tables = await db.query(`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
        expect(tables.map((t) => t.table_name)).toEqual(['analyses', 'file_paths', 'files', 'runs', 'schema_migrations', 'track_splits']);
        const ext = await db.query(`select extname from pg_extension where extname = 'pg_trgm'`);
        expect(ext).toHaveLength(1);
        expect(await migrate(db)).toEqual({ applied: [], version: latest });
        const recorded = await db.query('select version, name from schema_migrations order by version');
        expect(recorded.map((r) => [toInt(r.version), r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
      });

      test('every query filter has an index', async () => {
        const rows = await db.query(`select indexname from pg_indexes where schemaname = 'public'`);
        const names = rows.map((r) => String(r.indexname));
        for (const index of [
          'analyses_bpm',
          'analyses_key',
          'analyses_meter',
          'analyses_duration',
          'analyses_has_drums',
          'analyses_instrument_families',
          'analyses_instrument_names',
          'analyses_search_text_trgm',
          'analyses_fingerprint',
          'file_paths_path_trgm',
          'files_sha256_key',
          'files_unanalyzed',
        ]) {
          expect(names).toContain(index);
        }
      });

      test('refuse an edited migration and an unknown newer one', async () => {
        const edited = [{ ...MIGRATIONS[0]!, sql: `${MIGRATIONS[0]!.sql}\n-- edited` }];
        await expect(migrate(db, edited)).rejects.toMatchObject({ code: 'DB_MIGRATION_MISMATCH' });
        await expect(migrate(db, [])).rejects.toMatchObject({ code: 'DB_SCHEMA_NEWER' });
      });

      test.runIf(target.openPair !== undefined)('concurrent migrations from empty apply each version once', async () => {
        const pair = await target.openPair!();
        try {
          const [x, y] = await Promise.all([migrate(pair.a), migrate(pair.b)]);
          expect([...x.applied, ...y.applied].sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
          const rows = await pair.a.query('select count(*) as n from schema_migrations');
          expect(toInt(rows[0]!.n)).toBe(MIGRATIONS.length);
        } finally {
          await pair.cleanup();
        }
      });
    });

    describe('repository', () => {
      beforeAll(async () => {
        await migrate(db);
      });
      beforeEach(async () => {
        await db.exec('truncate files, file_paths, analyses, track_splits, runs restart identity cascade');
      });

      test('register files and paths, deduplicated by content', async () => {
        const batch: FileRecord[] = [
          { sha256: sha(1), sizeBytes: 100, path: 'a/one.mid' },
          { sha256: sha(2), sizeBytes: 200, path: 'a/two.mid' },
          { sha256: sha(1), sizeBytes: 100, path: 'b/one copy.mid' },
        ];
        const first = await writeFiles(db, batch);
        expect(first.map((w) => [n(w.sha256), w.inserted]).sort()).toEqual([
          [1, true],
          [2, true],
        ]);
        const again = await writeFiles(db, batch);
        expect(again.map((w) => [n(w.sha256), w.inserted]).sort()).toEqual([
          [1, false],
          [2, false],
        ]);
        expect(again.map((w) => w.fileId).sort()).toEqual(first.map((w) => w.fileId).sort());
        const files = await db.query(`select sha256, size_bytes, status, attempts from files order by sha256`);
        expect(files.map((f) => [n(String(f.sha256)), toInt(f.size_bytes), f.status, toInt(f.attempts)])).toEqual([
          [1, 100, 'pending', 0],
          [2, 200, 'pending', 0],
        ]);
        const paths = await db.query(`select f.sha256, p.path from file_paths p join files f on f.id = p.file_id order by p.path`);
        expect(paths.map((p) => [n(String(p.sha256)), p.path])).toEqual([
          [1, 'a/one.mid'],
          [2, 'a/two.mid'],
          [1, 'b/one copy.mid'],
        ]);
      });

      test('store analyses and errors in one batch; typed columns hold the analysis values', async () => {
        const a = makeAnalysis({ n: 1, bpm: 128, key: ['A', 'minor'], meter: [3, 4], duration: 90.5, noteCount: 321, hasDrums: true, instruments: [PIANO, BASS] });
        await writeFiles(db, [ok(a, 'x/one.mid'), failed(2, 1, false)]);
        const [row] = await db.query(
          `select bpm, key_tonic, key_mode, meter_numerator, meter_denominator, duration_seconds, note_count, has_drums,
                  to_jsonb(instrument_families) as families, to_jsonb(instrument_names) as names, analyzer_version
           from analyses`,
        );
        expect({
          bpm: toNumber(row!.bpm),
          key: [row!.key_tonic, row!.key_mode],
          meter: [toInt(row!.meter_numerator), toInt(row!.meter_denominator)],
          duration: toNumber(row!.duration_seconds),
          notes: toInt(row!.note_count),
          drums: row!.has_drums,
          families: toJson(row!.families),
          names: toJson(row!.names),
          version: toInt(row!.analyzer_version),
        }).toEqual({
          bpm: 128,
          key: ['A', 'minor'],
          meter: [3, 4],
          duration: 90.5,
          notes: 321,
          drums: true,
          families: ['bass', 'piano'],
          names: ['acoustic grand piano', 'electric bass (finger)'],
          version: 1,
        });
        const files = await db.query(
          `select sha256, status, analyzer_version, analysis_version, container, format, track_count, ppq, error_code, error_retryable, attempts
           from files order by sha256`,
        );
        const intOrNull = (v: unknown) => (v === null ? null : toInt(v));
        expect(files.map((f) => [
          n(String(f.sha256)), f.status, intOrNull(f.analyzer_version), intOrNull(f.analysis_version),
          f.container, intOrNull(f.format), intOrNull(f.track_count), intOrNull(f.ppq),
          f.error_code, f.error_retryable, toInt(f.attempts),
        ])).toEqual([
          [1, 'analyzed', 1, 1, 'smf', 0, 1, 480, null, null, 1],
          [2, 'failed', 1, null, null, null, null, null, 'MIDI_NOT_SMF', false, 1],
        ]);

        const stored = await findFile(db, sha(1));
        expect(stored).toMatchObject({ sha256: sha(1), sizeBytes: a.sizeBytes, paths: ['x/one.mid'], status: 'analyzed', analyzerVersion: 1, error: null, origin: null });
        expect(stored!.analysis).toEqual(a);
        expect(await findFile(db, sha(2))).toMatchObject({ status: 'failed', analysis: null, error: { code: 'MIDI_NOT_SMF', message: 'not MIDI (2)', retryable: false } });
        expect(await findFile(db, sha(99))).toBeNull();
      });

      test('value types decode the same from every driver', async () => {
        const [r] = await db.query(
          `select 9007199254740991::bigint as big, 12345.678::numeric as num, 2.5::float8 as dbl, 7::smallint as small,
                  '2024-02-29T12:34:56.789Z'::timestamptz as ts, '{"a": [1, 2.5, "x"], "b": null}'::jsonb as doc, true as yes, null::text as nothing`,
        );
        expect({
          big: toInt(r!.big),
          num: toNumber(r!.num),
          dbl: toNumber(r!.dbl),
          small: toInt(r!.small),
          ts: toDate(r!.ts).toISOString(),
          doc: toJson(r!.doc),
          yes: r!.yes,
          nothing: r!.nothing,
        }).toEqual({ big: 9007199254740991, num: 12345.678, dbl: 2.5, small: 7, ts: '2024-02-29T12:34:56.789Z', doc: { a: [1, 2.5, 'x'], b: null }, yes: true, nothing: null });

        // Sizes past 2^32, and text that needs escaping in array literals; NUL cannot be stored and is dropped.
        const awkward = 'dir, with {braces} "quotes" \\backslash\\ ünïcödé 🎹/file.mid';
        const a = makeAnalysis({ n: 5, sizeBytes: 5_000_000_000, trackNames: ['Piano\u0000\u0000', 'NULL', ''], lyrics: ['a"b', 'c\\d'] });
        await writeFiles(db, [{ ...ok(a, awkward) }, { sha256: sha(6), sizeBytes: 1, path: 'NULL' }]);
        const stored = await findFile(db, sha(5));
        expect(stored!.sizeBytes).toBe(5_000_000_000);
        expect(stored!.paths).toEqual([awkward]);
        expect(stored!.analysis!.text.trackNames).toEqual(['Piano', 'NULL', '']);
        expect(stored!.analysis!.text.lyrics).toEqual(['a"b', 'c\\d']);
        expect((await findFile(db, sha(6)))!.paths).toEqual(['NULL']);
      });

      test('runs round-trip with their counts and pool statistics', async () => {
        const run: RunRecord = {
          id: '2f0c8a5e-4f7b-4c3e-9a55-0d6a3c1f2b7e',
          command: 'run',
          status: 'running',
          startedAt: new Date('2025-01-02T03:04:05.678Z'),
          finishedAt: null,
          options: { workers: 8, pool: 'warm' },
          counts: { import: { seen: 10, new: 9 } },
          filesProcessed: 0,
          bytesProcessed: 0,
          filesPerSecond: null,
          bytesPerSecond: null,
          poolSettings: null,
          poolStats: null,
          error: null,
        };
        await saveRun(db, run);
        const finished: RunRecord = {
          ...run,
          status: 'done',
          finishedAt: new Date('2025-01-02T03:05:06.789Z'),
          counts: { import: { seen: 10, new: 9 }, analyze: { ok: 8, failed: 1 } },
          filesProcessed: 9,
          bytesProcessed: 6_000_000_000,
          filesPerSecond: 123.4567,
          bytesPerSecond: 1e6 / 3,
          poolSettings: { preset: 'warm', min: 8, max: 10 },
          poolStats: { connectionsOpened: 8, connectionsClosed: 0, connectionsLost: 0, connectFailures: 0, reconnects: 0, connectionsOpen: 8, connectionsPeak: 8, queries: 42, transactions: 1, retries: 0, validations: 0, validationFailures: 0, waitMs: 12.5, connectMs: 12.5, retryWaitMs: 0, validationMs: 0 },
          error: null,
        };
        await saveRun(db, finished);
        const runs = await listRuns(db);
        expect(runs).toEqual([{ ...finished, filesPerSecond: 123.457, bytesPerSecond: 333333.333 }]);
      });

      test('a transaction commits, or rolls back when its work throws', async () => {
        await expect(
          db.transaction(async (tx) => {
            await writeFiles(tx, [{ sha256: sha(1), sizeBytes: 1, path: 'p' }]);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await findFile(db, sha(1))).toBeNull();
        const id = await db.transaction(async (tx) => (await writeFiles(tx, [{ sha256: sha(1), sizeBytes: 1, path: 'p' }]))[0]!.fileId);
        expect((await findFile(db, sha(1)))!.fileId).toBe(id);
      });

      test('claim pending, retryable-failed and outdated files as expiring leases', async () => {
        // Current analyzer version: 2.
        await writeFiles(db, [
          { sha256: sha(1), sizeBytes: 1, path: 'one/a.mid' }, // pending -> claimed
          ok(makeAnalysis({ n: 2, version: 2 })), // current -> not claimed
          ok(makeAnalysis({ n: 3, version: 1, bpm: 100 })), // outdated -> claimed
          failed(4, 2, true), // retryable, 1 attempt -> claimed
          failed(5, 2, false), // not MIDI at the current version -> not claimed
          failed(6, 1, false), // not MIDI for an older version -> claimed (the reader may have improved)
          failed(7, 2, true), // retryable but out of attempts (set below) -> not claimed
        ]);
        await writeFiles(db, [{ sha256: sha(1), sizeBytes: 1, path: 'one/b.mid' }]);
        await db.query(`update files set attempts = 3 where sha256 = $1`, [sha(7)]);

        const claimed = await claimAnalysis(db, { owner: 'w1', analyzerVersion: 2, limit: 100, maxAttempts: 3 });
        expect(numbers(claimed)).toEqual([1, 3, 4, 6]);
        const one = claimed.find((c) => n(c.sha256) === 1)!;
        expect(one).toMatchObject({ sizeBytes: 1, attempts: 1, origin: null });
        expect(one.paths).toHaveLength(2);
        expect(one.paths[0]).toBe('one/b.mid'); // most recently seen first
        expect(claimed.find((c) => n(c.sha256) === 4)!.attempts).toBe(2);

        // Leased: nobody else gets them.
        expect(await claimAnalysis(db, { owner: 'w2', analyzerVersion: 2, limit: 100 })).toEqual([]);

        // A lease that expired (its process was killed) is claimed again.
        await db.query(`update files set lease_expires_at = now() - interval '1 second' where sha256 = $1`, [sha(1)]);
        const reclaimed = await claimAnalysis(db, { owner: 'w2', analyzerVersion: 2, limit: 100 });
        expect(reclaimed.map((c) => [n(c.sha256), c.attempts])).toEqual([[1, 2]]);

        // Saving an outcome ends the lease; an outcome from an older analyzer never replaces a newer one.
        await writeFiles(db, [ok(makeAnalysis({ n: 3, version: 2, bpm: 140 }))]);
        await writeFiles(db, [ok(makeAnalysis({ n: 3, version: 1, bpm: 100 }))]);
        const [f3] = await db.query(`select status, analyzer_version, analysis_version, lease_owner from files where sha256 = $1`, [sha(3)]);
        expect([f3!.status, toInt(f3!.analyzer_version), toInt(f3!.analysis_version), f3!.lease_owner]).toEqual(['analyzed', 2, 2, null]);
        expect((await findFile(db, sha(3)))!.analysis!.tempo.dominantBpm).toBe(140);
        const versions = await db.query(`select a.analyzer_version from analyses a join files f on f.id = a.file_id where f.sha256 = $1 order by 1`, [sha(3)]);
        expect(versions.map((v) => toInt(v.analyzer_version))).toEqual([1, 2]);

        // A failure of the same version after a success (a transient error on a duplicate) keeps the success.
        await writeFiles(db, [failed(3, 2, true, 'FILE_UNREADABLE')]);
        expect(await findFile(db, sha(3))).toMatchObject({ status: 'analyzed', error: null, analysis: { tempo: { dominantBpm: 140 } } });

        // A clean shutdown gives the rest back, and the give-back does not count as an attempt.
        expect(await releaseLeases(db, 'w1')).toBe(2);
        const back = await claimAnalysis(db, { owner: 'w3', analyzerVersion: 2, limit: 100 });
        expect(back.map((c) => [n(c.sha256), c.attempts]).sort()).toEqual([
          [4, 2],
          [6, 1],
        ]);
      });

      test('concurrent claims never hand out the same file', async () => {
        const total = 60;
        await writeFiles(db, Array.from({ length: total }, (_, i) => ({ sha256: sha(1000 + i), sizeBytes: 1, path: `c/${i}.mid` })));
        const claimer = async (owner: string) => {
          const mine: string[] = [];
          for (;;) {
            const batch = await claimAnalysis(db, { owner, analyzerVersion: 1, limit: 4 });
            if (batch.length === 0) return mine;
            mine.push(...batch.map((c) => c.sha256));
          }
        };
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => claimer(`c${i}`)));
        const all = results.flat();
        expect(all).toHaveLength(total);
        expect(new Set(all).size).toBe(total);
        const owners = await db.query(`select lease_owner, count(*) as n from files group by 1 order by 1`);
        expect(owners.reduce((sum, o) => sum + toInt(o.n), 0)).toBe(total);
        expect(owners.map((o) => [o.lease_owner, toInt(o.n)])).toEqual(results.map((r, i) => [`c${i}`, r.length]).filter(([, k]) => k !== 0));
      });

      test('split: claim multi-track parents, link children, complete', async () => {
        const parent = makeAnalysis({ n: 100, tracks: [{ name: 'Conductor', noteCount: 0 }, { name: 'Piano', noteCount: 50 }, { name: 'Bass', noteCount: 40 }] });
        const single = makeAnalysis({ n: 101, tracks: [{ name: 'Conductor', noteCount: 0 }, { name: 'Piano', noteCount: 50 }] });
        const [p] = await writeFiles(db, [ok(parent), ok(single)]).then((w) => w.filter((x) => n(x.sha256) === 100));
        const claimed = await claimSplits(db, { owner: 's1', limit: 10 });
        expect(numbers(claimed)).toEqual([100]);
        expect(await claimSplits(db, { owner: 's2', limit: 10 })).toEqual([]);

        const child = (k: number, trackIndex: number): FileRecord => ({ ...ok(makeAnalysis({ n: k }), `out/${k}.mid`), origin: { parentId: p!.fileId, trackIndex } });
        await writeFiles(db, [child(102, 1), child(103, 2)]);
        await writeFiles(db, [child(102, 1)]); // repeated after a crash: no duplicate link
        await completeSplits(db, [p!.fileId]);
        expect(await claimSplits(db, { owner: 's3', limit: 10 })).toEqual([]);

        const links = await db.query(`select p.sha256 as parent, s.track_index, c.sha256 as child from track_splits s
                                      join files p on p.id = s.parent_id join files c on c.id = s.child_id order by s.track_index`);
        expect(links.map((l) => [n(String(l.parent)), toInt(l.track_index), n(String(l.child))])).toEqual([
          [100, 1, 102],
          [100, 2, 103],
        ]);
        expect((await findFile(db, sha(103)))!.origin).toEqual({ parentId: p!.fileId, trackIndex: 2 });
      });

      describe('query', () => {
        beforeEach(async () => {
          await writeFiles(db, [
            ok(makeAnalysis({ n: 1, bpm: 120, key: ['A', 'minor'], meter: [4, 4], duration: 60, instruments: [PIANO], trackNames: ['Lead Piano'] }), 'pop/song-one.mid'),
            ok(makeAnalysis({ n: 2, bpm: 128, key: ['A', 'minor'], meter: [3, 4], duration: 200, instruments: [STRINGS, PIANO], hasDrums: true, lyrics: ['Hel', 'lo ', 'world'] }), 'waltz/two.mid'),
            ok(makeAnalysis({ n: 3, bpm: 90, key: ['C', 'major'], meter: [4, 4], duration: 30, instruments: [BASS], hasDrums: true, markers: ['Chorus'] }), 'hiphop/three.mid'),
            ok(makeAnalysis({ n: 4, bpm: 140, key: ['F#', 'minor'], meter: [6, 8], duration: 400, instruments: [PIANO], copyright: '(c) 1999 Someone' }), 'trance/100%_four.mid'),
            ok(makeAnalysis({ n: 5, bpm: 124.5, key: ['A', 'major'], meter: null, duration: 120, instruments: [] }), 'misc/five.mid'),
            failed(6, 1, false),
            ok(makeAnalysis({ n: 7, version: 1, bpm: 60 }), 'versions/seven.mid'),
          ]);
          // File 7 re-analysed by version 2: only its newest analysis is searched.
          await writeFiles(db, [ok(makeAnalysis({ n: 7, version: 2, bpm: 125 }), 'versions/seven.mid')]);
        });

        const cases: [string, LibraryFilters, number[]][] = [
          ['no filter', {}, [1, 2, 3, 4, 5, 7]],
          ['bpm range', { bpm: { min: 120, max: 128 } }, [1, 2, 5, 7]],
          ['bpm of an older analysis is not searched', { bpm: { min: 50, max: 70 } }, []],
          ['bpm from', { bpm: { min: 130 } }, [4]],
          ['key and mode', { key: { tonic: 'A', mode: 'minor' } }, [1, 2]],
          ['key, either mode', { key: { tonic: 'A' } }, [1, 2, 5]],
          ['time signature 3/4', { timeSignature: { numerator: 3, denominator: 4 } }, [2]],
          ['time signature 4/4', { timeSignature: { numerator: 4, denominator: 4 } }, [1, 3, 7]],
          ['min duration', { minDurationSeconds: 100 }, [2, 4, 5]],
          ['max duration', { maxDurationSeconds: 60 }, [1, 3, 7]],
          ['duration between', { minDurationSeconds: 100, maxDurationSeconds: 300 }, [2, 5]],
          ['instrument family', { instrument: 'Piano' }, [1, 2, 4, 7]],
          ['instrument name', { instrument: 'electric bass (finger)' }, [3]],
          ['instrument family, other case', { instrument: 'ENSEMBLE' }, [2]],
          ['unknown instrument', { instrument: 'violin' }, []],
          ['drums', { drums: true }, [2, 3]],
          ['no drums', { drums: false }, [1, 4, 5, 7]],
          ['text in a track name', { text: 'lead' }, [1]],
          ['text across lyric syllables', { text: 'HELLO' }, [2]],
          ['text in a marker', { text: 'chorus' }, [3]],
          ['text in the copyright', { text: '1999' }, [4]],
          ['text in a path', { text: 'song-one' }, [1]],
          ['LIKE wildcards are literal', { text: '100%_' }, [4]],
          ['LIKE wildcards match nothing else', { text: '%' }, [4]],
          ['filters combine', { bpm: { min: 120, max: 130 }, drums: true, key: { tonic: 'A', mode: 'minor' } }, [2]],
        ];
        test.each(cases)('%s', async (_name, filters, expected) => {
          const result = await queryLibrary(db, filters, { limit: 100 });
          expect(numbers(result.items)).toEqual(expected);
          expect(result.nextCursor).toBeNull();
        });

        test('pages by cursor, in id order, without gaps or repeats', async () => {
          const seen: number[] = [];
          let after: string | null = null;
          let pages = 0;
          do {
            const page = await queryLibrary(db, {}, { limit: 2, after });
            seen.push(...page.items.map((i) => n(i.sha256)));
            after = page.nextCursor;
            pages++;
          } while (after !== null);
          expect(seen).toEqual([1, 2, 3, 4, 5, 7]);
          expect(pages).toBe(3);
        });

        test('items carry paths and the stored analysis', async () => {
          const { items } = await queryLibrary(db, { text: 'lead' });
          expect(items[0]!.paths).toEqual(['pop/song-one.mid']);
          expect(items[0]!.analysis.text.trackNames).toEqual(['Lead Piano']);
          expect(items[0]!.analysis.tempo.dominantBpm).toBe(120);
        });

        test('library stats', async () => {
          await writeFiles(db, [{ sha256: sha(8), sizeBytes: 8, path: 'p/8.mid' }]);
          const stats = await libraryStats(db, 2);
          const expectedBytes = [1, 2, 3, 4, 5, 7].reduce((s, k) => s + 1000 + k, 0) + (10 + 6) + 8;
          expect(stats).toEqual({
            files: 8,
            paths: 8,
            totalBytes: expectedBytes,
            analyzed: 6,
            failed: 1,
            pending: 1,
            outdated: 5,
            splitChildren: 0,
            splitLinks: 0,
            totalDurationSeconds: 60 + 200 + 30 + 400 + 120 + 60,
            errorCodes: { MIDI_NOT_SMF: 1 },
          });
        });
      });
    });
  });
}
