// The labelled key set must point at real corpus files, once each, with keys the contract can express.
import { describe, expect, it } from 'vitest';
import { keyLabels } from '../fixtures/key-labels.ts';
import { corpusPaths, hasCorpus } from '../support/mido.ts';

const TONICS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

describe('key labels (test/fixtures/key-labels.ts)', () => {
  it('are unique, well-formed and carry evidence', () => {
    expect(new Set(keyLabels.map((l) => l.path)).size).toBe(keyLabels.length);
    for (const label of keyLabels) {
      expect(TONICS, label.path).toContain(label.tonic);
      expect(['major', 'minor'], label.path).toContain(label.mode);
      expect(label.evidence.length, label.path).toBeGreaterThan(10);
    }
  });

  it.skipIf(!hasCorpus())('name corpus files listed in MANIFEST.tsv', () => {
    const paths = new Set(corpusPaths());
    expect(keyLabels.map((l) => l.path).filter((p) => !paths.has(p))).toEqual([]);
  });
});
