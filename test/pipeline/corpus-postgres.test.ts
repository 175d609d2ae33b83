// End to end on the shared corpus into a fresh PostgreSQL database: `run` records what the corpus holds
// (corpus-truth.ts), a second run adds nothing, every split child holds its parent track's notes at the
// same times (split-oracle.ts, midi-file), and `query` returns exactly what the stored analyses say.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Analysis } from '../../core/analysis/types.ts';
import type { RunSummary } from '../../core/pipeline/summary.ts';
import { adminSql, createTestDatabase, type TestDatabase } from '../support/db.ts';
import { corpusDir, hasCorpus } from '../support/mido.ts';
import { corpusTruth } from './corpus-truth.ts';
import { cli, summaryOf, tempFolder } from './helpers.ts';
import { conductorEvents, parseWithMidiFile, trackNotes } from './split-oracle.ts';

describe.skipIf(!hasCorpus())('corpus into PostgreSQL', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  const out = tempFolder('corpus-pg-out');
  let first: RunSummary;
  const corpus = `${corpusDir()}/`;

  beforeAll(async () => {
    database = await createTestDatabase('pipeline_corpus');
    const result = await cli(['run', corpusDir(), '--database-url', database.url, '--out', out.path, '--json', '--workers', '2', '--batch-size', '200']);
    expect(result.code, result.errors).toBe(0);
    first = summaryOf(result);
    const url = new URL(database.url);
    sql = (await import('postgres')).default(url.toString(), { max: 1, onnotice: () => {} });
  }, 180_000);

  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await database?.drop();
    out.remove();
  });

  test('the truth is consistent with reader-independent facts', () => {
    expect(corpusTruth().contradictions).toEqual([]);
  });

  test('counts match the corpus: contents, paths, invalid files by code', async () => {
    const truth = corpusTruth();
    expect(first).toMatchObject({ status: 'done', filesSeen: truth.files.length, newFiles: truth.contents.size, duplicates: 0, invalid: truth.invalidByCode });
    expect(first.split).toEqual({ parents: truth.splitParents, children: truth.splitChildren });

    const [paths] = await sql`select count(*)::int as paths, count(distinct file_id)::int as files from file_paths where starts_with(path, ${corpus})`;
    expect(paths).toEqual({ paths: truth.files.length, files: truth.contents.size });
    const rows = await sql`select p.path, f.sha256, f.status, f.error_code, f.lease_owner, f.split_lease_owner,
                                  (select count(*)::int from analyses a where a.file_id = f.id) as analyses
                           from file_paths p join files f on f.id = p.file_id where starts_with(p.path, ${corpus})`;
    const byPath = new Map(rows.map((r) => [r.path as string, r]));
    for (const file of truth.files) {
      const row = byPath.get(file.path);
      expect(row, file.path).toBeDefined();
      expect({ sha256: row!.sha256, status: row!.status, code: row!.error_code, analyses: row!.analyses }, file.path).toEqual({
        sha256: file.sha256,
        status: file.errorCode ? 'failed' : 'analyzed',
        code: file.errorCode,
        analyses: file.errorCode ? 0 : 1,
      });
    }
    const [left] = await sql`select count(*) filter (where status = 'pending')::int as pending,
      count(*) filter (where lease_owner is not null or split_lease_owner is not null)::int as leased from files`;
    expect(left).toEqual({ pending: 0, leased: 0 });
    const [split] = await sql`select (select count(*)::int from track_splits) as links,
      (select count(*)::int from files where split_at is not null) as parents`;
    expect(split).toEqual({ links: truth.splitChildren, parents: truth.splitParents });
    const runs = await sql`select command, status, counts from runs`;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ command: 'run', status: 'done', counts: { import: { seen: truth.files.length } } });
  });

  test('every child is on disk under --out with the content its row says', async () => {
    const children = await sql`select p.path, f.sha256 from files f join file_paths p on p.file_id = f.id where f.parent_id is not null`;
    const onDisk = readdirSync(out.path, { recursive: true })
      .map(String)
      .filter((p) => p.endsWith('.mid'))
      .map((p) => join(out.path, p));
    expect(new Set(children.map((c) => c.path as string))).toEqual(new Set(onDisk));
    for (const child of children) {
      expect(createHash('sha256').update(readFileSync(child.path as string)).digest('hex'), child.path as string).toBe(child.sha256);
    }
  });

  test('split round trip: each child holds its parent track\'s notes at the same seconds, and the tempo map', async () => {
    const links = await sql`select pp.path as parent_path, cp.path as child_path, s.track_index, pf.format, a.document->'warnings' as warnings
      from track_splits s
      join files pf on pf.id = s.parent_id
      join analyses a on a.file_id = pf.id and a.analyzer_version = pf.analysis_version
      join lateral (select path from file_paths where file_id = s.parent_id order by path limit 1) pp on true
      join lateral (select path from file_paths where file_id = s.child_id order by path limit 1) cp on true`;
    let compared = 0;
    let skipped = 0;
    const mismatches: string[] = [];
    for (const link of links) {
      // Files the reader had to repair are compared by the reader's oracle suites; here only well-formed
      // parents that midi-file also reads, so the comparison is about splitting alone.
      const parent = (link.warnings as unknown[]).length === 0 ? parseWithMidiFile(readFileSync(link.parent_path as string)) : null;
      const child = parseWithMidiFile(readFileSync(link.child_path as string));
      if (!parent || !child) {
        skipped++;
        continue;
      }
      const t = link.track_index as number;
      compared++;
      if (child.header.format !== 0 || child.tracks.length !== 1) mismatches.push(`${link.child_path}: not a one-track format 0 file`);
      if (JSON.stringify(trackNotes(child, 0)) !== JSON.stringify(trackNotes(parent, t))) mismatches.push(`${link.child_path}: notes differ from track ${t}`);
      const tempoSources = parent.header.format === 2 ? [t] : parent.tracks.map((_, i) => i);
      if (JSON.stringify(conductorEvents(child, [0])) !== JSON.stringify(conductorEvents(parent, tempoSources))) mismatches.push(`${link.child_path}: tempo/meter/key events differ`);
    }
    expect(mismatches).toEqual([]);
    // Most links are comparable: a run that split nothing, or split only broken files, proves nothing.
    expect(compared).toBeGreaterThan(links.length / 2);
    expect(compared + skipped).toBe(links.length);
  }, 240_000);

  describe('query returns what the stored analyses say', () => {
    let docs: { id: number; paths: string[]; analysis: Analysis }[];
    beforeAll(async () => {
      const rows = await sql`select f.id::int as id, a.document, (select array_agg(path) from file_paths where file_id = f.id) as paths
        from analyses a join files f on f.id = a.file_id and f.analysis_version = a.analyzer_version`;
      docs = rows.map((r) => ({ id: r.id as number, paths: r.paths as string[], analysis: r.document as Analysis }));
    });

    async function queryIds(filters: string[]): Promise<number[]> {
      const ids: number[] = [];
      let after: string | null = null;
      for (;;) {
        const result = await cli(['query', ...filters, '--database-url', database.url, '--json', '--limit', '1000', ...(after ? ['--after', after] : [])]);
        expect(result.code, result.errors).toBe(0);
        ids.push(...result.lines.slice(0, -1).map((l) => (JSON.parse(l) as { fileId: number }).fileId));
        after = (result.json as { nextCursor: string | null }).nextCursor;
        if (!after) return ids.sort((a, b) => a - b);
      }
    }
    const expected = (keep: (a: Analysis, paths: string[]) => boolean) =>
      docs
        .filter((d) => keep(d.analysis, d.paths))
        .map((d) => d.id)
        .sort((a, b) => a - b);
    const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();

    const cases: [string, string[], (a: Analysis, paths: string[]) => boolean][] = [
      ['everything', [], () => true],
      ['--bpm 120..128', ['--bpm', '120..128'], (a) => a.tempo.dominantBpm >= 120 && a.tempo.dominantBpm <= 128],
      ['--key "A minor"', ['--key', 'A minor'], (a) => a.key?.tonic === 'A' && a.key.mode === 'minor'],
      ['--key C (either mode)', ['--key', 'C'], (a) => a.key?.tonic === 'C'],
      ['--time-signature 3/4', ['--time-signature', '3/4'], (a) => a.timeSignature?.numerator === 3 && a.timeSignature.denominator === 4],
      ['--min-duration 60 --max-duration 180', ['--min-duration', '60', '--max-duration', '180'], (a) => a.durationSeconds >= 60 && a.durationSeconds <= 180],
      ['--instrument piano (family)', ['--instrument', 'piano'], (a) => a.instruments.some((i) => lower(i.family) === 'piano' || lower(i.name) === 'piano')],
      ['--instrument "Acoustic Grand Piano" (name)', ['--instrument', 'Acoustic Grand Piano'], (a) => a.instruments.some((i) => lower(i.name) === 'acoustic grand piano')],
      ['--drums', ['--drums'], (a) => a.hasDrums],
      ['--no-drums', ['--no-drums'], (a) => !a.hasDrums],
      [
        '--text bach (names, lyrics, paths)',
        ['--text', 'bach'],
        (a, paths) =>
          [...a.text.trackNames, a.text.copyright ?? '', ...a.text.markers, a.text.lyrics.join(''), ...paths].some((t) => lower(t).includes('bach')),
      ],
      ['--bpm 90..140 --time-signature 4/4 --drums', ['--bpm', '90..140', '--time-signature', '4/4', '--drums'], (a) => a.tempo.dominantBpm >= 90 && a.tempo.dominantBpm <= 140 && a.timeSignature?.numerator === 4 && a.timeSignature.denominator === 4 && a.hasDrums],
    ];
    for (const [label, filters, keep] of cases) {
      test(label, async () => {
        const want = expected(keep);
        expect(await queryIds(filters)).toEqual(want);
        if (label !== 'everything') expect(want.length, 'a filter that matches nothing proves little').toBeGreaterThan(0);
      });
    }
  });

  // Last: it adds a run row and path sightings the tests above do not expect.
  test('a second run adds nothing', async () => {
    const snapshot = async () =>
      (await sql`select (select count(*)::int from files) as files, (select count(*)::int from file_paths) as paths,
        (select count(*)::int from analyses) as analyses, (select count(*)::int from track_splits) as links,
        (select coalesce(sum(attempts), 0)::int from files) as attempts`)[0];
    const before = await snapshot();
    const again = summaryOf(await cli(['run', corpusDir(), '--database-url', database.url, '--out', out.path, '--json']));
    expect(again).toMatchObject({ status: 'done', filesSeen: corpusTruth().files.length, newFiles: 0, duplicates: corpusTruth().files.length, analysed: 0, failed: 0, invalidFiles: 0, split: { parents: 0, children: 0 } });
    expect(await snapshot()).toEqual(before);
  });
});
