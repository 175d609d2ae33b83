// The README's first command on a fresh clone: `run examples` with the embedded PGlite database, in a
// folder of its own. Expectations come from how scripts/make-examples.ts built the files: four files, one
// broken (a header cut off: MIDI_BAD_HEADER), one format-1 piece with three instrument tracks.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { projectRoot } from '../support/mido.ts';
import { cli, summaryOf, tempFolder } from '../pipeline/helpers.ts';

const folder = tempFolder('examples');
afterAll(() => folder.remove());

test('run examples with the embedded default database, then again: nothing new', async () => {
  cpSync(join(projectRoot, 'examples'), join(folder.path, 'examples'), { recursive: true });
  const first = await cli(['run', 'examples', '--json', '--workers', '2'], { cwd: folder.path });
  expect(first.code, first.errors).toBe(0);
  const s = summaryOf(first);
  expect(s).toMatchObject({ status: 'done', filesSeen: 4, newFiles: 4, duplicates: 0, invalid: { MIDI_BAD_HEADER: 1 }, invalidFiles: 1 });
  expect(s.split).toEqual({ parents: 1, children: 3 });
  // three originals analysed, and the three children
  expect(s.analysed).toBe(6);
  expect(existsSync(join(folder.path, '.midi-pipeline', 'pglite'))).toBe(true);
  const children = readdirSync(join(folder.path, '.midi-pipeline', 'split'), { recursive: true }).filter((p) => String(p).endsWith('.mid'));
  expect(children.map(String).sort()).toEqual(
    ['t01-Piano', 't02-Bass', 't03-Strings'].map((t) => expect.stringMatching(new RegExp(`^[0-9a-f]{2}/waltz-a-minor-multitrack-[0-9a-f]{10}-${t}\\.mid$`))),
  );

  const second = summaryOf(await cli(['run', 'examples', '--json'], { cwd: folder.path }));
  expect(second).toMatchObject({ status: 'done', filesSeen: 4, newFiles: 0, duplicates: 4, analysed: 0, invalidFiles: 0, split: { parents: 0, children: 0 } });

  const query = await cli(['query', '--time-signature', '3/4', '--json'], { cwd: folder.path });
  expect(query.code).toBe(0);
  // the waltz and its three children are all in 3/4 (the children carry the conductor's meter)
  expect(query.json).toEqual({ count: 4, nextCursor: null });
});
