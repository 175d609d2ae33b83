// Corpus files as fuzzing bases, read from the shared corpus (MIDI_CORPUS or ../shared/corpus).
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';
import type { Fixture } from './fixtures.ts';

/** Corpus files up to `maxBytes` each, at most `limit` of them, in manifest order; none without a corpus. */
export function corpusBases(maxBytes = Infinity, limit = Infinity): Fixture[] {
  if (!hasCorpus()) return [];
  const out: Fixture[] = [];
  for (const path of corpusPaths()) {
    if (out.length >= limit) break;
    const bytes = readCorpusFile(path);
    if (bytes.length > 0 && bytes.length <= maxBytes) out.push({ name: path, bytes });
  }
  return out;
}
