// Every file of the real corpus through POST /analyze in process, against `midi-pipeline inspect --json`
// run as a separate CLI process on the same files: the same analysis, or 422 with the same error code.
// Never a 500: about 40% of the corpus is broken on purpose.
import { describe, expect, it } from 'vitest';
import { inspectCorpusFiles } from '../runtime/cli-reference.ts';
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';
import { body, testApp } from './support/app.ts';

const MIDI_ERROR_CODES = ['MIDI_EMPTY', 'MIDI_NOT_SMF', 'MIDI_BAD_HEADER', 'MIDI_NO_TRACKS'];

describe.skipIf(!hasCorpus())('POST /analyze over the corpus', () => {
  it('answers what inspect --json prints, for every file', { timeout: 600_000 }, async () => {
    const paths = corpusPaths();
    const reference = inspectCorpusFiles(paths);
    const { post, internalErrors } = testApp();
    const mismatches: string[] = [];
    let analysed = 0;
    for (const path of paths) {
      const res = await post('/analyze', body(readCorpusFile(path)), 'application/octet-stream');
      const answer = await res.json();
      const expected = reference.get(path)!;
      if (expected.ok) {
        analysed++;
        if (res.status !== 200) mismatches.push(`${path}: ${res.status} ${JSON.stringify(answer)}`);
        else expect(answer, path).toEqual(expected.analysis);
      } else {
        expect(MIDI_ERROR_CODES, `${path}: inspect says ${expected.error.code}`).toContain(expected.error.code);
        if (res.status !== 422 || answer.error.code !== expected.error.code) mismatches.push(`${path}: ${res.status} ${JSON.stringify(answer)} vs ${expected.error.code}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(internalErrors).toEqual([]);
    // The corpus is mostly readable: a sanity floor so an empty reference cannot pass.
    expect(analysed).toBeGreaterThan(paths.length / 2);
  });
});
