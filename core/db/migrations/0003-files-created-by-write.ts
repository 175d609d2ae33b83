// Migration 3: which write created each `files` row, so a write whose reply was lost after the commit can
// tell, when it is sent again, that the rows it now finds are the ones it created (WrittenFile.inserted,
// the run summary's newFiles) rather than contents the library already had. `xmax = 0` in RETURNING only
// says what the statement itself did, and the retry is another statement. A nullable column without a
// default: adding it rewrites nothing, and rows from before it read as "not created by this write".
import type { Migration } from './types.ts';

export const filesCreatedByWrite: Migration = {
  version: 3,
  name: 'files-created-by-write',
  sql: /* sql */ `
alter table files add column created_by_write uuid;
`,
};
