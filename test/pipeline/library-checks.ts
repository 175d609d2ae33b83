// The state a finished run over the corpus must leave, however it got there (one run, or runs killed with
// SIGKILL and run again): every path and content recorded once with the verdict corpus-truth.ts expects,
// nothing pending or leased, every multi-track file split into exactly its tracks with notes, and the
// children on disk exactly as the database lists them, with their recorded hashes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type postgres from 'postgres';
import { expect } from 'vitest';
import { corpusDir } from '../support/mido.ts';
import { corpusTruth } from './corpus-truth.ts';

export async function expectCompleteLibrary(sql: postgres.Sql, out: string): Promise<void> {
  const truth = corpusTruth();
  const corpus = `${corpusDir()}/`;
  const [paths] = await sql`select count(*)::int as paths, count(distinct file_id)::int as files from file_paths where starts_with(path, ${corpus})`;
  expect(paths).toEqual({ paths: truth.files.length, files: truth.contents.size });
  const rows = await sql`select f.sha256, f.status, f.error_code from files f
    where exists (select 1 from file_paths p where p.file_id = f.id and starts_with(p.path, ${corpus}))`;
  expect(Object.fromEntries(rows.map((r) => [r.sha256 as string, `${r.status}:${r.error_code ?? ''}`]))).toEqual(
    Object.fromEntries(truth.files.map((f) => [f.sha256, f.errorCode ? `failed:${f.errorCode}` : 'analyzed:'])),
  );
  const [state] = await sql`select
      (select count(*)::int from files where status = 'pending') as pending,
      (select count(*)::int from files where lease_owner is not null or split_lease_owner is not null) as leased,
      (select count(*)::int from files where status = 'analyzed') as analyzed,
      (select count(*)::int from analyses) as analyses,
      (select count(*)::int from track_splits) as links,
      (select count(*)::int from files where split_at is not null) as parents,
      (select count(*)::int from files f join analyses a on a.file_id = f.id and a.analyzer_version = f.analysis_version
         where f.parent_id is null and a.note_track_count >= 2 and f.split_at is null) as unsplit`;
  expect(state).toEqual({ pending: 0, leased: 0, analyzed: state!.analyses, analyses: state!.analyses, links: truth.splitChildren, parents: truth.splitParents, unsplit: 0 });
  // every parent has a link for each of its tracks with notes
  const perParent = await sql`select a.note_track_count::int as want, (select count(*)::int from track_splits s where s.parent_id = f.id) as got
    from files f join analyses a on a.file_id = f.id and a.analyzer_version = f.analysis_version where f.split_at is not null`;
  expect(perParent.filter((p) => p.want !== p.got)).toEqual([]);

  const children = await sql`select p.path, f.sha256 from files f join file_paths p on p.file_id = f.id where starts_with(p.path, ${`${out}/`})`;
  const onDisk = readdirSync(out, { recursive: true })
    .map(String)
    .filter((p) => p.endsWith('.mid'))
    .map((p) => join(out, p));
  expect(new Set(children.map((c) => c.path as string))).toEqual(new Set(onDisk));
  for (const child of children) expect(createHash('sha256').update(readFileSync(child.path as string)).digest('hex')).toBe(child.sha256);
  const partial = join(out, '.partial');
  expect(existsSync(partial) ? readdirSync(partial) : []).toEqual([]);
}
