// Library totals for the `stats` command: how much is in the library and how much is left to do.
import type { DbSession } from './port.ts';
import { toInt, toJson, toNumber } from './values.ts';

export interface LibraryStats {
  /** Distinct contents, and the paths they were seen at. */
  files: number;
  paths: number;
  totalBytes: number;
  analyzed: number;
  failed: number;
  pending: number;
  /** Files whose current analysis is older than `analyzerVersion` (when given). */
  outdated: number;
  /** Per-track files made by split, and the parent -> track links. */
  splitChildren: number;
  splitLinks: number;
  /** Sum of `durationSeconds` over current analyses. */
  totalDurationSeconds: number;
  /** Failures by error code, e.g. `{MIDI_NOT_SMF: 12}`. */
  errorCodes: Record<string, number>;
}

/** e.g. `libraryStats(db, 3)` -> `{files: 1200, paths: 1340, analyzed: 1190, failed: 10, ...}`. */
export async function libraryStats(db: DbSession, analyzerVersion?: number): Promise<LibraryStats> {
  const [r] = await db.query(
    `select
       count(*) as files,
       coalesce(sum(size_bytes), 0) as total_bytes,
       count(*) filter (where status = 'analyzed') as analyzed,
       count(*) filter (where status = 'failed') as failed,
       count(*) filter (where status = 'pending') as pending,
       count(*) filter (where analysis_version < $1::integer) as outdated,
       count(*) filter (where parent_id is not null) as split_children,
       (select count(*) from file_paths) as paths,
       (select count(*) from track_splits) as split_links,
       (select coalesce(sum(a.duration_seconds), 0) from analyses a join files af
          on af.id = a.file_id and af.analysis_version = a.analyzer_version) as total_duration_seconds,
       (select coalesce(jsonb_object_agg(code, n), '{}'::jsonb) from
          (select coalesce(error_code, 'UNKNOWN') as code, count(*) as n from files where status = 'failed' group by 1) e) as error_codes
     from files`,
    [analyzerVersion ?? null],
    { idempotent: true },
  );
  return {
    files: toInt(r!.files),
    paths: toInt(r!.paths),
    totalBytes: toInt(r!.total_bytes),
    analyzed: toInt(r!.analyzed),
    failed: toInt(r!.failed),
    pending: toInt(r!.pending),
    outdated: toInt(r!.outdated),
    splitChildren: toInt(r!.split_children),
    splitLinks: toInt(r!.split_links),
    totalDurationSeconds: toNumber(r!.total_duration_seconds),
    errorCodes: toJson<Record<string, number>>(r!.error_codes),
  };
}
