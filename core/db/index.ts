// The database layer of core: the Db port, migrations, and the repository functions written once against it.
export type { Db, DbRow, DbSession, DbValue, DriverName, PoolStats, QueryOptions } from './port.ts';
export { type DbErrorCode, dbUnavailable, isConnectionLoss } from './db-errors.ts';
export { backoffDelay, type RetryPolicy, retryOnConnectionLoss } from './retry.ts';
export { migrate, type MigrateResult } from './migrate.ts';
export { MIGRATIONS, type Migration } from './migrations/index.ts';
export { type FileOutcome, type FileRecord, storeAnalysis, type WrittenFile, writeFiles } from './write-files.ts';
export { type ClaimAnalysisOptions, claimAnalysis, type ClaimedFile, type ClaimSplitsOptions, claimSplits, completeSplits, releaseLeases } from './claims.ts';
export { knownContents } from './known-files.ts';
export { extendLeases, listLeaseOwners } from './lease-owners.ts';
export { listRunningRuns, markRunsAbandoned } from './abandoned-runs.ts';
export { type KeyFilter, type LibraryFilters, type NumberRange, parseKey, parseRange, parseTimeSignature } from './filters.ts';
export { buildLibraryQuery, DEFAULT_PAGE_SIZE, type LibraryPage, MAX_PAGE_SIZE } from './library-query.ts';
export { DEFAULT_RELATIONS_LIMIT, type FileRelations, fileRelations, type RelatedFile, type SplitLink } from './file-relations.ts';
export { type FileStatus, findFile, type LibraryItem, type LibraryResult, queryLibrary, type StoredFile } from './library.ts';
export { type LibraryStats, libraryStats } from './library-stats.ts';
export { listRuns, newRunId, type RunRecord, type RunStatus, saveRun } from './runs.ts';
export { toAnalysisColumns } from './analysis-columns.ts';
