// The state a finished run over the corpus must leave, however it got there (one run, or runs killed with
// SIGKILL and run again): every path and content recorded once with the verdict corpus-truth.ts expects,
// nothing pending or leased, every multi-track file split into exactly its tracks with notes, and the
// children on disk exactly as the database lists them, with their recorded hashes (library-audit.ts).
import type postgres from 'postgres';
import { expect } from 'vitest';
import { corpusTruth } from './corpus-truth.ts';
import { auditLibrary, expectedCorpus } from './library-audit.ts';

export async function expectCompleteLibrary(sql: postgres.Sql, out: string): Promise<void> {
  expect(await auditLibrary(sql, expectedCorpus(corpusTruth()), out)).toEqual({ lost: [], duplicated: [], wrong: [] });
}
