// Migration 1: the schema of ../shared/docs/design.md ("Database"). Plain SQL kept in a TS string so it loads
// the same way in Node, Deno and workerd (core reads no files). Never edit an applied migration: migrate()
// compares checksums and refuses; add a new file instead.
import type { Migration } from './types.ts';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: /* sql */ `
-- Trigram indexes for the text filter (track names, lyrics, markers, copyright, paths). pg_trgm is a
-- trusted extension since PostgreSQL 13 (a database owner may create it); PGlite ships it in contrib.
create extension if not exists pg_trgm;

-- One row per distinct content (SHA-256 of the bytes).
create table files (
  id                     bigint generated always as identity primary key,
  sha256                 text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes             bigint not null check (size_bytes >= 0),
  -- header facts, known once the file has been read successfully
  container              text check (container in ('smf', 'rmid')),
  format                 smallint check (format in (0, 1, 2)),
  track_count            integer,
  ppq                    integer,
  -- for a per-track file made by split: the first parent it came from (all of them: track_splits)
  parent_id              bigint references files (id),
  track_index            integer,
  -- analysis state: 'pending' (never read), 'analyzed', 'failed' (the last attempt failed)
  status                 text not null default 'pending' check (status in ('pending', 'analyzed', 'failed')),
  analyzer_version       integer,   -- version of the last recorded outcome, success or failure
  analysis_version       integer,   -- version of the newest successful analysis: the one queries read
  attempt_version        integer,   -- analyzer version that attempts counts for
  attempts               integer not null default 0,
  error_code             text,
  error_message          text,
  error_retryable        boolean,
  -- analysis lease (claimAnalysis): a claim that expires, so a killed process's work is taken up again
  lease_owner            text,
  lease_expires_at       timestamptz,
  -- split state and lease (claimSplits)
  split_at               timestamptz,
  split_lease_owner      text,
  split_lease_expires_at timestamptz,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now()
);
-- Claim candidates: files not analysed yet or failed, and files analysed by an older version.
create index files_unanalyzed on files (id) where status <> 'analyzed';
create index files_analyzer_version on files (analyzer_version);
create index files_split_candidates on files (id) where split_at is null and parent_id is null;
create index files_leased on files (lease_owner) where lease_owner is not null;
create index files_split_leased on files (split_lease_owner) where split_lease_owner is not null;
create index files_parent on files (parent_id) where parent_id is not null;
create index files_error_code on files (error_code) where error_code is not null;

-- Every path a content was seen at.
create table file_paths (
  file_id       bigint not null references files (id) on delete cascade,
  path          text not null,
  first_seen_at timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  primary key (file_id, path)
);
create index file_paths_path_trgm on file_paths using gin (path gin_trgm_ops);

-- One row per file and analyzer version: typed columns for what people search on, the full analysis JSON
-- (the contract's Analysis object) for everything else.
create table analyses (
  file_id             bigint not null references files (id) on delete cascade,
  analyzer_version    integer not null,
  bpm                 double precision not null,  -- tempo.dominantBpm
  initial_bpm         double precision not null,
  key_tonic           text,                       -- estimated key ("A"), null when too few notes
  key_mode            text check (key_mode in ('major', 'minor')),
  key_confidence      real,
  meter_numerator     smallint,                   -- first time signature, null when none
  meter_denominator   smallint,
  duration_seconds    double precision not null,
  note_count          integer not null,
  note_track_count    integer not null,           -- tracks with at least one note: split candidates
  has_drums           boolean not null,
  instrument_families text[] not null,            -- GM families, lower case ("piano", "strings")
  instrument_names    text[] not null,            -- GM program names, lower case ("acoustic grand piano")
  search_text         text not null,              -- track names, copyright, markers, lyrics
  document            jsonb not null,
  created_at          timestamptz not null default now(),
  primary key (file_id, analyzer_version)
);
create index analyses_bpm on analyses (bpm);
create index analyses_key on analyses (key_tonic, key_mode);
create index analyses_meter on analyses (meter_numerator, meter_denominator);
create index analyses_duration on analyses (duration_seconds);
create index analyses_note_count on analyses (note_count);
create index analyses_has_drums on analyses (has_drums);
create index analyses_instrument_families on analyses using gin (instrument_families);
create index analyses_instrument_names on analyses using gin (instrument_names);
create index analyses_search_text_trgm on analyses using gin (search_text gin_trgm_ops);

-- Which per-track file each track of a parent became. One child content may come from several parents.
create table track_splits (
  parent_id   bigint not null references files (id) on delete cascade,
  track_index integer not null,
  child_id    bigint not null references files (id) on delete cascade,
  created_at  timestamptz not null default now(),
  primary key (parent_id, track_index)
);
create index track_splits_child on track_splits (child_id);

-- One row per bulk run (id chosen by the client, so saving a run is an idempotent upsert).
create table runs (
  id               uuid primary key,
  command          text not null,
  status           text not null check (status in ('running', 'done', 'failed')),
  started_at       timestamptz not null,
  finished_at      timestamptz,
  options          jsonb not null default '{}',
  counts           jsonb not null default '{}',   -- phase -> counter -> value
  files_processed  bigint not null default 0,
  bytes_processed  bigint not null default 0,
  files_per_second numeric(14, 3),
  bytes_per_second numeric(20, 3),
  pool_settings    jsonb,
  pool_stats       jsonb,
  error_code       text,
  error_message    text
);
create index runs_started_at on runs (started_at desc);
`,
};
