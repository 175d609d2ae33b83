// The whole shared corpus through the analysis: every file gives an analysis or a typed error, the JSON is
// well-formed and bounded, and no file is slow. Skipped when the corpus is not there.
import { describe, expect, it } from 'vitest';
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';

const MIDI_ERRORS = ['MIDI_EMPTY', 'MIDI_NOT_SMF', 'MIDI_BAD_HEADER', 'MIDI_NO_TRACKS', 'FILE_TOO_LARGE'];
/** Per-file bound, generous for a loaded 2-core CI machine: the slowest file takes about 30 ms here. */
const MAX_MS = 2000;
/** JSON size bound: the text and track lists are capped, so no file comes near it. */
const MAX_JSON = 256 * 1024;

describe.skipIf(!hasCorpus())('analysis over the corpus', () => {
  it('analyses every file or rejects it with a MIDI error code, quickly and with bounded JSON', () => {
    const failures: string[] = [];
    let analysed = 0;
    for (const path of corpusPaths()) {
      const bytes = readCorpusFile(path);
      const started = performance.now();
      try {
        const a = analyzeMidi(bytes, { sha256: '' });
        const json = JSON.stringify(a);
        if (json.length > MAX_JSON) failures.push(`${path}: ${json.length} bytes of JSON`);
        if (/NaN|Infinity/.test(JSON.stringify([a.tempo, a.durationSeconds, a.polyphony, a.key, a.notesPerSecond]))) failures.push(`${path}: non-finite number`);
        analysed++;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !MIDI_ERRORS.includes(code)) failures.push(`${path}: ${String(error)}`);
      }
      const ms = performance.now() - started;
      if (ms > MAX_MS) failures.push(`${path}: ${ms.toFixed(0)} ms`);
    }
    expect(failures).toEqual([]);
    expect(analysed).toBeGreaterThan(900);
  });
});
