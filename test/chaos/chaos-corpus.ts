// The folder the chaos runs import: symbolic links to the shared corpus files (all, or a seeded subset for
// the short runs), plus a second link to some of them under dup/, so deduplication is under fault too. The
// corpus itself is never copied; the links live in a temporary folder, and the expected library is the
// corpus truth (corpus-truth.ts) moved to the link paths.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { createRandom } from '../fuzz/random.ts';
import { corpusTruthOf } from '../pipeline/corpus-truth.ts';
import { corpusManifest } from '../pipeline/helpers.ts';
import type { ExpectedFile, ExpectedLibrary } from '../pipeline/library-audit.ts';

export interface ChaosCorpus {
  folder: string;
  expected: ExpectedLibrary;
  /** Distinct contents, and the split children a complete run makes. */
  contents: number;
  splitChildren: number;
  remove(): void;
}

/**
 * e.g. `makeChaosCorpus({seed: 1, files: 150})` -> 150 corpus files picked by the seed, 8 of them linked twice.
 * `files: null` takes the whole corpus.
 */
export function makeChaosCorpus(options: { seed: number; files: number | null; duplicateShare?: number }): ChaosCorpus {
  const random = createRandom(options.seed);
  const rows = corpusManifest();
  // Fisher-Yates over the manifest order, so a seed names the same subset on every machine.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  const picked = options.files === null ? rows : rows.slice(0, options.files);
  const truth = corpusTruthOf(picked, { mido: false });
  const folder = mkdtempSync(join(tmpdir(), 'mp-chaos-corpus-'));
  mkdirSync(join(folder, 'dup'));
  const files: ExpectedFile[] = [];
  const link = (target: string, path: string, from: (typeof truth.files)[number]) => {
    symlinkSync(target, path);
    files.push({ path, sha256: from.sha256, errorCode: from.errorCode, noteTracks: from.noteTracks });
  };
  truth.files.forEach((file, i) => {
    // Numbered names: the corpus's own names hold spaces and odd bytes, which are the filesystem suite's topic.
    const name = `${String(i).padStart(5, '0')}${extname(file.path).toLowerCase() || '.mid'}`;
    link(file.path, join(folder, name), file);
    if (random.chance(options.duplicateShare ?? 0.05)) link(file.path, join(folder, 'dup', name), file);
  });
  return {
    folder,
    expected: { root: folder, files },
    contents: truth.contents.size,
    splitChildren: truth.splitChildren,
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
