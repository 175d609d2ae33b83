// A file that disappears between the walk finding it and the read (someone deletes it mid-run) is recorded
// as FILE_UNREADABLE and the run goes on. The race is made real, not simulated: the source is the local
// file system, and the walk's consumer deletes the file the moment the walk has yielded it.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { projectRoot } from '../support/mido.ts';
import { importWhileWalking, tempFolder } from './helpers.ts';

const folder = tempFolder('vanished');
afterAll(() => folder.remove());

test('deleted between walk and read: FILE_UNREADABLE, the other files imported', async () => {
  for (const name of ['a.mid', 'b.mid', 'c.mid']) copyFileSync(join(projectRoot, 'examples', 'c-major-scale.mid'), join(folder.path, name));
  copyFileSync(join(projectRoot, 'examples', 'drum-loop.mid'), join(folder.path, 'b.mid'));
  const { summary, reported } = await importWhileWalking(folder.path, 'vanished', (entry) => {
    if (entry.path.endsWith('/b.mid')) rmSync(entry.path);
  });
  expect(summary).toMatchObject({ status: 'done', filesSeen: 3, newFiles: 1, duplicates: 1, invalid: { FILE_UNREADABLE: 1 } });
  expect(reported).toEqual([[join(folder.path, 'b.mid'), { code: 'FILE_UNREADABLE', message: 'cannot read: no such file (it may have vanished)' }]]);
});
