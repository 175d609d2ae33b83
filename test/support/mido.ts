// Loads the mido reference values of the corpus (scripts/mido-reference.py), generating them on demand into a
// cache keyed by the corpus manifest and the script, so they are recomputed when either changes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared real-world corpus (../shared/corpus unless MIDI_CORPUS says otherwise). */
export function corpusDir(): string {
  return resolve(process.env.MIDI_CORPUS ?? join(projectRoot, '..', 'shared', 'corpus'));
}

export function hasCorpus(): boolean {
  return existsSync(join(corpusDir(), 'MANIFEST.tsv'));
}

/** Corpus paths (relative to the corpus folder, e.g. `midi/gh-tonejs-midi/test/midi/bach/bach_846.mid`) in manifest order. */
export function corpusPaths(): string[] {
  const lines = readFileSync(join(corpusDir(), 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  return lines.filter((line) => line.trim() !== '').map((line) => line.split('\t')[0]);
}

export function readCorpusFile(path: string): Uint8Array {
  const buffer = readFileSync(join(corpusDir(), path));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export interface MidoError {
  type: string;
  message: string;
}

/** One line of the reference; field meanings are documented at the top of scripts/mido-reference.py. */
export interface MidoRecord {
  path: string;
  size: number;
  header: {
    magic: string;
    length?: number;
    format?: number;
    declaredTracks?: number;
    ppq?: number;
    smpte?: { fps: number; ticksPerFrame: number };
  };
  /** yes: plain MidiFile(); clip: only MidiFile(clip=True); lenient: clip + tolerant meta decoding; no: refused. */
  accepted: 'yes' | 'clip' | 'lenient' | 'no';
  error?: MidoError;
  clipError?: MidoError;
  lenientError?: MidoError;
  lenientNotes?: string[];
  format?: number;
  ticksPerBeat?: number;
  trackCount?: number;
  noteCount?: number;
  tracks?: { notes: number; events: number; endTick: number }[];
  durationTicks?: number;
  tempoEvents?: number;
  unknownMetaEvents?: number;
  /** `MidiFile.length` (seconds), present for the yes and clip tiers unless it raised. */
  length?: number;
  lengthError?: MidoError;
  /** mido's length algorithm re-run over mido's parse (equal to `length` wherever both exist). */
  lengthByHand?: number;
}

export const midoScript = join(projectRoot, 'scripts', 'mido-reference.py');
const python = process.env.MIDO_PYTHON ?? '/usr/bin/python3';

/** Same key as cache_key() in the script: sha256(MANIFEST.tsv + "\0" + script), first 16 hex digits. */
export function midoReferencePath(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(corpusDir(), 'MANIFEST.tsv')));
  hash.update(new Uint8Array([0]));
  hash.update(readFileSync(midoScript));
  const key = hash.digest('hex').slice(0, 16);
  return join(projectRoot, 'node_modules', '.cache', 'midi-pipeline', `mido-reference-${key}.jsonl`);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Generates the reference when it is missing (about two minutes for the whole corpus on 2 cores). Two test
 * workers asking at once share one run through a lock file; a lock older than 20 minutes is taken as stale.
 */
export function ensureMidoReference(): string {
  const out = midoReferencePath();
  if (existsSync(out)) return out;
  mkdirSync(dirname(out), { recursive: true });
  const lock = `${out}.lock`;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (existsSync(out)) return out;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 20 * 60_000) unlinkSync(lock);
      } catch {
        // the other worker just finished and removed it
      }
      sleep(1000);
    }
  }
  try {
    if (existsSync(out)) return out;
    const run = spawnSync(python, [midoScript, '--corpus', corpusDir(), '--out', out], {
      encoding: 'utf8',
      timeout: 20 * 60_000,
    });
    if (run.status !== 0 || !existsSync(out)) {
      throw new Error(`mido reference failed (${python} ${midoScript}): ${run.error?.message ?? ''}\n${run.stderr}`);
    }
    // References for an older manifest or script are dead weight now.
    for (const name of readdirSync(dirname(out))) {
      if (/^mido-reference-[0-9a-f]{16}\.jsonl$/.test(name) && name !== basename(out)) unlinkSync(join(dirname(out), name));
    }
    return out;
  } finally {
    unlinkSync(lock);
  }
}

/** The reference keyed by corpus path. */
export function loadMidoReference(): Map<string, MidoRecord> {
  const text = readFileSync(ensureMidoReference(), 'utf8');
  const records = new Map<string, MidoRecord>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as MidoRecord;
    records.set(record.path, record);
  }
  return records;
}
