// Split children encoded straight from the reader's tables (core/split/write-child.ts) are byte for byte
// the files the general writer makes from event lists, on every corpus file that splits, and refuse the
// same size limits with the same error.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { toErrorInfo } from '../../core/errors.ts';
import { readMidi } from '../../core/midi/read.ts';
import { type SplitOptions, splitTracks } from '../../core/split/split.ts';
import { corpusDir, hasCorpus } from '../support/mido.ts';

function* filesUnder(folder: string): Generator<string> {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

const split = (bytes: Uint8Array, options: SplitOptions) => {
  try {
    return splitTracks(readMidi(bytes), options).map((c) => ({ trackIndex: c.trackIndex, noteCount: c.noteCount, bytes: Buffer.from(c.bytes).toString('base64') }));
  } catch (error) {
    return toErrorInfo(error);
  }
};

test.skipIf(!hasCorpus())('children from the tables equal children from event lists, under every size limit tried', () => {
  let children = 0;
  for (const path of filesUnder(join(corpusDir(), 'midi'))) {
    const bytes = new Uint8Array(readFileSync(path));
    try {
      if (readMidi(bytes).trackCount < 2) continue;
    } catch {
      continue; // not MIDI: nothing to split
    }
    // the default budget, and one that most multi-track files pass partway through their children
    for (const maxBytes of [undefined, bytes.length]) {
      const fromTables = split(bytes, { maxBytes });
      expect(fromTables, `${path} (limit ${maxBytes})`).toEqual(split(bytes, { maxBytes, writer: 'events' }));
      if (Array.isArray(fromTables)) children += fromTables.length;
    }
  }
  expect(children).toBeGreaterThan(1000);
});
