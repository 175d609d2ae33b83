// The files related to a stored file, for its page: the parents it was split from, the per-track files it
// was split into (track_splits), and other files with the same note fingerprint (files that differ only in
// names, text or meta events; indexed by migration 2). One statement, so a per-request pool makes one trip.
import type { DbSession } from './port.ts';
import { toInt, toJson, toText } from './values.ts';

/** Another file, as a list on a file's page shows it. */
export interface RelatedFile {
  fileId: number;
  sha256: string;
  /** The most recently seen path, or null for content stored without one (an upload). */
  path: string | null;
}

export interface SplitLink extends RelatedFile {
  /** The parent's track the child holds. */
  trackIndex: number;
}

export interface FileRelations {
  /** Files this one was split from (one content can be the same track of several parents). */
  parents: SplitLink[];
  /** The per-track files this one was split into, by track index. */
  children: SplitLink[];
  /** Other files whose current analysis has this file's fingerprint; none for a file without notes. */
  sameFingerprint: RelatedFile[];
  /** Whether a list was cut at the limit. */
  more: { parents: boolean; children: boolean; sameFingerprint: boolean };
}

export const DEFAULT_RELATIONS_LIMIT = 50;

const LATEST_PATH = (file: string) => `(select fp.path from file_paths fp where fp.file_id = ${file}.id order by fp.last_seen_at desc, fp.path limit 1)`;

// Each list asks for one row more than the limit, to tell "exactly the limit" from "cut".
const RELATIONS_SQL = /* sql */ `
with me as (
  select f.id, a.document ->> 'fingerprint' as fingerprint, coalesce((a.document ->> 'noteCount')::bigint, 0) as note_count
  from files f
  left join analyses a on a.file_id = f.id and a.analyzer_version = f.analysis_version
  where f.sha256 = $1::text
)
select
  (select coalesce(jsonb_agg(t.x order by t.id), '[]'::jsonb) from (
     select p.id, jsonb_build_object('fileId', p.id, 'sha256', p.sha256, 'trackIndex', s.track_index, 'path', ${LATEST_PATH('p')}) as x
     from track_splits s join files p on p.id = s.parent_id
     where s.child_id = me.id order by p.id limit $2::integer) t) as parents,
  (select coalesce(jsonb_agg(t.x order by t.track_index), '[]'::jsonb) from (
     select s.track_index, jsonb_build_object('fileId', c.id, 'sha256', c.sha256, 'trackIndex', s.track_index, 'path', ${LATEST_PATH('c')}) as x
     from track_splits s join files c on c.id = s.child_id
     where s.parent_id = me.id order by s.track_index limit $2::integer) t) as children,
  (select coalesce(jsonb_agg(t.x order by t.id), '[]'::jsonb) from (
     select o.id, jsonb_build_object('fileId', o.id, 'sha256', o.sha256, 'path', ${LATEST_PATH('o')}) as x
     from analyses a join files o on o.id = a.file_id and o.analysis_version = a.analyzer_version
     where me.note_count > 0 and a.document ->> 'fingerprint' = me.fingerprint and o.id <> me.id
     order by o.id limit $2::integer) t) as same_fingerprint
from me`;

/**
 * e.g. `fileRelations(db, 'ab12...')` -> `{parents: [], children: [{fileId: 7, sha256, trackIndex: 1, path}],
 * sameFingerprint: [], more: {...}}`, or null when the content is not stored.
 */
export async function fileRelations(db: DbSession, sha256: string, limit = DEFAULT_RELATIONS_LIMIT): Promise<FileRelations | null> {
  const rows = await db.query(RELATIONS_SQL, [sha256.toLowerCase(), limit + 1], { idempotent: true });
  const r = rows[0];
  if (!r) return null;
  const parents = toJson<unknown[]>(r.parents).map(toSplitLink);
  const children = toJson<unknown[]>(r.children).map(toSplitLink);
  const same = toJson<unknown[]>(r.same_fingerprint).map(toRelated);
  return {
    parents: parents.slice(0, limit),
    children: children.slice(0, limit),
    sameFingerprint: same.slice(0, limit),
    more: { parents: parents.length > limit, children: children.length > limit, sameFingerprint: same.length > limit },
  };
}

function toRelated(value: unknown): RelatedFile {
  const v = value as Record<string, unknown>;
  return { fileId: toInt(v.fileId), sha256: toText(v.sha256), path: v.path === null || v.path === undefined ? null : toText(v.path) };
}

function toSplitLink(value: unknown): SplitLink {
  return { ...toRelated(value), trackIndex: toInt((value as Record<string, unknown>).trackIndex) };
}
