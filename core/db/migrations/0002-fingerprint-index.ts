// Migration 2: find the files that share a note fingerprint (the web page's "same notes" list, and
// duplicates that differ only in names, text or meta events). An expression index on the analysis
// document's `fingerprint` needs no new column, so the write path (write-files.ts) stays as it is.
import type { Migration } from './types.ts';

export const fingerprintIndex: Migration = {
  version: 2,
  name: 'fingerprint-index',
  sql: /* sql */ `
create index analyses_fingerprint on analyses ((document ->> 'fingerprint'));
`,
};
