// What a finished bulk run must have left in the database and the split folder, checked by SQL and on disk,
// with every discrepancy listed rather than thrown: the pipeline suites expect the lists to be empty
// (library-checks.ts) and the chaos runs count them (scripts/chaos.ts). Plain Node, no vitest, so a script
// can use it. "Lost" is something expected and absent or left unfinished; "duplicated" is something
// recorded twice; "wrong" is present once but not as expected.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type postgres from 'postgres';
import { corpusDir } from '../support/mido.ts';
import type { CorpusTruth } from './corpus-truth.ts';

export interface ExpectedFile {
  /** Absolute path, as the walk reports it. */
  path: string;
  sha256: string;
  /** The error the file must be recorded with, or null for an analysed file. */
  errorCode: string | null;
  /** Tracks holding notes: two or more make the file a split parent with that many children. */
  noteTracks: number;
}

export interface ExpectedLibrary {
  /** The folder every expected path is under; paths there that are not expected are reported. */
  root: string;
  files: ExpectedFile[];
}

export interface LibraryAudit {
  lost: string[];
  duplicated: string[];
  wrong: string[];
}

/** The corpus as a run over `corpusDir()` must record it, e.g. `auditLibrary(sql, expectedCorpus(corpusTruth()), out)`. */
export function expectedCorpus(truth: CorpusTruth, root = corpusDir()): ExpectedLibrary {
  return { root, files: truth.files.map((f) => ({ path: f.path, sha256: f.sha256, errorCode: f.errorCode, noteTracks: f.noteTracks })) };
}

/** Audits the library in `sql` against `expected`, with the split children under `out`. */
export async function auditLibrary(sql: postgres.Sql, expected: ExpectedLibrary, out: string): Promise<LibraryAudit> {
  const audit: LibraryAudit = { lost: [], duplicated: [], wrong: [] };
  await auditPaths(sql, expected, audit);
  await auditContents(sql, expected, audit);
  await auditWholeLibrary(sql, audit);
  await auditSplitFolder(sql, out, audit);
  return audit;
}

/** Every expected path recorded once, with its content; no other path under the root. */
async function auditPaths(sql: postgres.Sql, expected: ExpectedLibrary, audit: LibraryAudit): Promise<void> {
  const rows = await sql`select p.path, f.sha256 from file_paths p join files f on f.id = p.file_id where starts_with(p.path, ${`${expected.root}/`})`;
  const recorded = new Map<string, string[]>();
  for (const r of rows) recorded.set(r.path as string, [...(recorded.get(r.path as string) ?? []), r.sha256 as string]);
  const want = new Map(expected.files.map((f) => [f.path, f.sha256]));
  for (const [path, sha256] of want) {
    const got = recorded.get(path);
    if (!got) audit.lost.push(`path not recorded: ${path}`);
    else if (got.length > 1) audit.duplicated.push(`path recorded ${got.length} times: ${path}`);
    else if (got[0] !== sha256) audit.wrong.push(`path recorded with another content: ${path}`);
  }
  for (const path of recorded.keys()) if (!want.has(path)) audit.wrong.push(`path recorded but not in the corpus: ${path}`);
}

/** Every expected content once, with its verdict, its one analysis, and split into exactly its tracks with notes. */
async function auditContents(sql: postgres.Sql, expected: ExpectedLibrary, audit: LibraryAudit): Promise<void> {
  const want = new Map(expected.files.map((f) => [f.sha256, f]));
  const rows = await sql`select f.sha256, f.status, f.error_code, f.split_at is not null as split,
      (select count(*)::int from analyses a where a.file_id = f.id) as analyses,
      (select count(*)::int from track_splits s where s.parent_id = f.id) as links
    from files f where f.sha256 = any(${[...want.keys()]}::text[])`;
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.sha256 as string, (seen.get(r.sha256 as string) ?? 0) + 1);
  for (const [sha256, file] of want) {
    const copies = seen.get(sha256) ?? 0;
    if (copies === 0) audit.lost.push(`content not recorded: ${sha256} (${file.path})`);
    if (copies > 1) audit.duplicated.push(`content recorded ${copies} times: ${sha256}`);
  }
  for (const r of rows) {
    const file = want.get(r.sha256 as string)!;
    const what = `${r.sha256} (${file.path})`;
    const verdict = `${r.status}:${r.error_code ?? ''}`;
    const expectedVerdict = file.errorCode ? `failed:${file.errorCode}` : 'analyzed:';
    if (r.status === 'pending') audit.lost.push(`content never analysed: ${what}`);
    else if (verdict !== expectedVerdict) audit.wrong.push(`content recorded as ${verdict}, expected ${expectedVerdict}: ${what}`);
    const analyses = file.errorCode ? 0 : 1;
    if (r.analyses < analyses) audit.lost.push(`analysis missing: ${what}`);
    if (r.analyses > analyses) audit.duplicated.push(`${r.analyses} analyses: ${what}`);
    const links = file.noteTracks >= 2 ? file.noteTracks : 0;
    if (r.links < links || (links > 0 && !r.split)) audit.lost.push(`split into ${r.links} of ${links} tracks${r.split ? '' : ', not marked split'}: ${what}`);
    if (r.links > links) audit.duplicated.push(`split into ${r.links} children, expected ${links}: ${what}`);
  }
}

/** Across the whole database (split children included): nothing pending or leased, one analysis per analysed file. */
async function auditWholeLibrary(sql: postgres.Sql, audit: LibraryAudit): Promise<void> {
  const [state] = await sql`select
      (select count(*)::int from files where status = 'pending') as pending,
      (select count(*)::int from files where lease_owner is not null or split_lease_owner is not null) as leased,
      (select count(*)::int from files f where f.status = 'analyzed' and not exists (select 1 from analyses a where a.file_id = f.id)) as unanalysed,
      (select count(*)::int from (select file_id from analyses group by file_id having count(*) > 1) twice) as analysed_twice,
      (select count(*)::int from analyses a join files f on f.id = a.file_id where f.status <> 'analyzed') as analyses_of_failed,
      (select count(*)::int from track_splits s join files c on c.id = s.child_id where c.status <> 'analyzed') as children_unanalysed,
      (select count(*)::int from (select path from file_paths group by path having count(*) > 1) twice) as paths_twice`;
  if (state!.pending > 0) audit.lost.push(`${state!.pending} file(s) left pending`);
  if (state!.leased > 0) audit.wrong.push(`${state!.leased} lease(s) left held`);
  if (state!.unanalysed > 0) audit.lost.push(`${state!.unanalysed} analysed file(s) without an analysis row`);
  if (state!.analysed_twice > 0) audit.duplicated.push(`${state!.analysed_twice} file(s) with more than one analysis`);
  if (state!.analyses_of_failed > 0) audit.wrong.push(`${state!.analyses_of_failed} analysis row(s) of files not recorded as analysed`);
  if (state!.children_unanalysed > 0) audit.lost.push(`${state!.children_unanalysed} split child(ren) not analysed`);
  if (state!.paths_twice > 0) audit.duplicated.push(`${state!.paths_twice} path(s) recorded for two contents`);
}

/** The children on disk are exactly those the database lists under `out`, with their recorded hashes. */
async function auditSplitFolder(sql: postgres.Sql, out: string, audit: LibraryAudit): Promise<void> {
  const children = await sql`select p.path, f.sha256 from files f join file_paths p on p.file_id = f.id where starts_with(p.path, ${`${out}/`})`;
  const onDisk = new Set(
    existsSync(out)
      ? readdirSync(out, { recursive: true })
          .map(String)
          .filter((p) => p.endsWith('.mid') && !p.startsWith('.partial'))
          .map((p) => join(out, p))
      : [],
  );
  const linked = await sql`select count(*)::int as n from track_splits s
    where not exists (select 1 from file_paths p where p.file_id = s.child_id and starts_with(p.path, ${`${out}/`}))`;
  if (linked[0]!.n > 0) audit.lost.push(`${linked[0]!.n} split child(ren) without a path under the split folder`);
  for (const child of children) {
    const path = child.path as string;
    if (!onDisk.has(path)) audit.lost.push(`split child recorded but not on disk: ${path}`);
    else if (createHash('sha256').update(readFileSync(path)).digest('hex') !== child.sha256) audit.wrong.push(`split child on disk differs from its row: ${path}`);
    onDisk.delete(path);
  }
  for (const path of onDisk) audit.duplicated.push(`split child on disk but not recorded: ${path}`);
  const partial = join(out, '.partial');
  const leftovers = existsSync(partial) ? readdirSync(partial) : [];
  if (leftovers.length > 0) audit.wrong.push(`${leftovers.length} temporary file(s) left in ${partial}`);
}
