// A file that disappears between the walk finding it and the read (someone deletes it mid-run) is recorded
// as FILE_UNREADABLE and the run goes on. The race is made real, not simulated: the source is the local
// file system, and the walk's consumer deletes the file the moment the walk has yielded it.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { openPglite } from '../../adapters/local/db/pglite.ts';
import { localFileSource } from '../../adapters/local/file-source.ts';
import { nodeHasher } from '../../adapters/local/hasher.ts';
import { localLeaseIdentity } from '../../adapters/local/lease-identity.ts';
import { ANALYZER_VERSION } from '../../core/analysis/analyze.ts';
import { migrate } from '../../core/db/migrate.ts';
import type { ErrorInfo } from '../../core/errors.ts';
import { systemClock } from '../../core/pipeline/clock.ts';
import type { FileSource } from '../../core/pipeline/file-source.ts';
import { inlineAnalyzer } from '../../core/pipeline/inline-analyzer.ts';
import { silentProgress } from '../../core/pipeline/progress.ts';
import { runPipeline } from '../../core/pipeline/run-pipeline.ts';
import { projectRoot } from '../support/mido.ts';
import { tempFolder } from './helpers.ts';

const folder = tempFolder('vanished');
afterAll(() => folder.remove());

test('deleted between walk and read: FILE_UNREADABLE, the other files imported', async () => {
  for (const name of ['a.mid', 'b.mid', 'c.mid']) copyFileSync(join(projectRoot, 'examples', 'c-major-scale.mid'), join(folder.path, name));
  copyFileSync(join(projectRoot, 'examples', 'drum-loop.mid'), join(folder.path, 'b.mid'));
  const local = localFileSource(folder.path);
  const source: FileSource = {
    async *walk(roots) {
      for await (const entry of local.walk(roots)) {
        if (entry.path.endsWith('/b.mid')) rmSync(entry.path);
        yield entry;
      }
    },
    read: local.read,
  };
  const db = await openPglite();
  await migrate(db);
  const reported: [string, ErrorInfo][] = [];
  try {
    const summary = await runPipeline(
      {
        db,
        source,
        hasher: nodeHasher,
        analyzer: inlineAnalyzer(nodeHasher),
        progress: silentProgress,
        clock: systemClock,
        lease: localLeaseIdentity('vanished'),
        onUnreadable: (path, error) => reported.push([path, error]),
      },
      { command: 'import', roots: ['.'], batchSize: 10, maxFileSize: 1 << 20, analyzerVersion: ANALYZER_VERSION },
    );
    expect(summary).toMatchObject({ status: 'done', filesSeen: 3, newFiles: 1, duplicates: 1, invalid: { FILE_UNREADABLE: 1 } });
    expect(reported).toEqual([[join(folder.path, 'b.mid'), { code: 'FILE_UNREADABLE', message: 'cannot read: no such file (it may have vanished)' }]]);
  } finally {
    await db.close();
  }
});
