// What a run over the shared corpus must record, worked out here without the pipeline: the contents and
// paths from MANIFEST.tsv (checked against the bytes with node:crypto), and each file's verdict from
// analyzeMidi called directly in this process (no walk, workers, batching or database: the parts under
// test). The verdicts are cross-checked against facts that need no MIDI reader of ours: an empty file is
// MIDI_EMPTY, bytes without "MThd" or a RIFF header are MIDI_NOT_SMF, and every file mido reads with at
// least one track is valid.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import type { Analysis } from '../../core/analysis/types.ts';
import { errorCode } from '../../core/errors.ts';
import { corpusDir, loadMidoReference, readCorpusFile } from '../support/mido.ts';
import { corpusManifest, type ManifestRow } from './helpers.ts';

export interface CorpusFileTruth {
  /** Absolute path, as the walk reports it. */
  path: string;
  sha256: string;
  size: number;
  analysis: Analysis | null;
  errorCode: string | null;
  /** Tracks holding notes: split makes this many children of the file when it is two or more. */
  noteTracks: number;
}

export interface CorpusTruth {
  files: CorpusFileTruth[];
  /** Distinct contents (the corpus keeps one copy of each, so as many as files). */
  contents: Set<string>;
  invalidByCode: Record<string, number>;
  /** Files split makes children of (two or more tracks with notes), and the children they make in all. */
  splitParents: number;
  splitChildren: number;
  /** Reader-independent checks that failed (expected empty). */
  contradictions: string[];
}

let cached: CorpusTruth | null = null;

/** The truth of the whole corpus, worked out once per process (about 10 s on 2 busy cores). */
export function corpusTruth(): CorpusTruth {
  cached ??= corpusTruthOf(corpusManifest());
  return cached;
}

/**
 * The truth of some of the corpus files (rows of MANIFEST.tsv), e.g. a subset for a short test. `mido:
 * false` skips the cross-check with mido, whose reference takes about two minutes to generate on a clean
 * clone: the chaos runs need the verdicts, and the corpus suites check them against mido.
 */
export function corpusTruthOf(manifestRows: readonly ManifestRow[], options: { mido?: boolean } = {}): CorpusTruth {
  const files: CorpusFileTruth[] = [];
  const invalidByCode: Record<string, number> = {};
  const contradictions: string[] = [];
  let mido: ReturnType<typeof loadMidoReference> | null = null;
  try {
    if (options.mido !== false) mido = loadMidoReference();
  } catch {
    mido = null; // python3-mido missing: the mido cross-check is skipped, the byte checks still run
  }
  let splitParents = 0;
  let splitChildren = 0;
  for (const row of manifestRows) {
    const bytes = readCorpusFile(row.path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== row.sha256) contradictions.push(`${row.path}: sha256 differs from MANIFEST.tsv`);
    let analysis: Analysis | null = null;
    let code: string | null = null;
    try {
      analysis = analyzeMidi(bytes, { sha256 });
    } catch (error) {
      code = errorCode(error);
      invalidByCode[code] = (invalidByCode[code] ?? 0) + 1;
    }
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    if ((bytes.length === 0) !== (code === 'MIDI_EMPTY')) contradictions.push(`${row.path}: empty=${bytes.length === 0} but ${code}`);
    if (bytes.length > 0 && !head.includes('MThd') && !head.startsWith('RIFF') && code !== 'MIDI_NOT_SMF') contradictions.push(`${row.path}: no MThd/RIFF but ${code}`);
    const record = mido?.get(row.path);
    const readByMido = record?.accepted === 'yes' || record?.accepted === 'clip';
    // A 14-byte header with no track chunk after it is MIDI to mido but MIDI_NO_TRACKS by the contract (or
    // MIDI_BAD_HEADER when its division is also 0, which the reader checks first). mido's track count is
    // not comparable past 32,767 tracks (it reports 0), so only files it found tracks in must be valid.
    const headerOnly = bytes.length === 14;
    if (readByMido && headerOnly && code !== 'MIDI_NO_TRACKS' && code !== 'MIDI_BAD_HEADER') contradictions.push(`${row.path}: header only but ${code}`);
    if (readByMido && (record!.trackCount ?? 0) > 0 && code !== null) contradictions.push(`${row.path}: mido reads it but ${code}`);
    const noteTracks = analysis ? analysis.tracks.filter((t) => t.noteCount > 0).length : 0;
    if (noteTracks >= 2) {
      splitParents++;
      splitChildren += noteTracks;
    }
    files.push({ path: join(corpusDir(), row.path), sha256, size: bytes.length, analysis, errorCode: code, noteTracks });
  }
  return { files, contents: new Set(files.map((f) => f.sha256)), invalidByCode, splitParents, splitChildren, contradictions };
}
