// Builds the benchmark corpus: at least 50,000 distinct MIDI files made from the shared corpus's valid
// files by transposing the pitched notes (drums stay) and re-timing the tempo map, written with the
// project's writer. Never committed: it goes under node_modules/.cache (git-ignored) unless --out says
// otherwise, and is reused while its parameters and the source corpus are unchanged.
//
//   node --import tsx scripts/make-bench-corpus.ts [--count 50000] [--out DIR]
//
// Each variant is (source file, semitones in -6..+6, tempo factor); the variants are enumerated round-robin
// over the sources, so the corpus keeps the shared corpus's mix of sizes and shapes. Variants whose bytes
// equal another's (a drum-only file transposed) are skipped, so every file is distinct content.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { trackEvents, type WritableEvent } from '../core/midi/events.ts';
import { readMidi } from '../core/midi/read.ts';
import type { MidiFile } from '../core/midi/types.ts';
import { writeMidi } from '../core/midi/write.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_BENCH_CORPUS = join(projectRoot, 'node_modules', '.cache', 'midi-pipeline', 'bench-corpus');
const TRANSPOSE = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6];
const TEMPO = [1, 0.8, 1.25, 0.9, 1.1, 0.75, 1.5];
const FILES_PER_FOLDER = 1000;

function sharedCorpus(): string {
  return resolve(process.env.MIDI_CORPUS ?? join(projectRoot, '..', 'shared', 'corpus'));
}

/** Corpus files the reader takes, with at least one note (a transposition of nothing is nothing new). */
function sources(corpus: string): { name: string; file: MidiFile }[] {
  const lines = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  const out: { name: string; file: MidiFile }[] = [];
  for (const line of lines) {
    const path = line.split('\t')[0]!;
    const bytes = new Uint8Array(readFileSync(join(corpus, path)));
    try {
      const file = readMidi(bytes);
      if (file.notes.count > 0) out.push({ name: path.replace(/[^A-Za-z0-9]+/g, '_').slice(-60), file });
    } catch {
      // not MIDI: nothing to transpose
    }
  }
  return out;
}

/** The file with pitched notes moved by `semitones` (clamped to 0..127) and every tempo scaled by `factor`. */
export function variant(file: MidiFile, semitones: number, factor: number): Uint8Array {
  const tracks = Array.from({ length: file.trackCount }, (_, t) => {
    const { events, endTick } = trackEvents(file, t);
    const changed = events.map((e): WritableEvent => {
      const type = e.status & 0xf0;
      if ((type === 0x80 || type === 0x90 || type === 0xa0) && e.status < 0xf0 && (e.status & 0x0f) !== 9) {
        return { ...e, data1: Math.min(127, Math.max(0, e.data1 + semitones)) };
      }
      if (e.status === 0xff && e.data1 === 0x51 && e.payload && e.payload.length >= 3 && factor !== 1) {
        const us = (e.payload[0]! << 16) | (e.payload[1]! << 8) | e.payload[2]!;
        const scaled = Math.min(0xffffff, Math.max(1, Math.round(us / factor)));
        return { ...e, payload: Uint8Array.of(scaled >> 16, (scaled >> 8) & 0xff, scaled & 0xff) };
      }
      return e;
    });
    // A file without any tempo event is re-timed by giving it one (120 BPM x factor) at the start.
    if (t === 0 && factor !== 1 && !hasTempo(file)) {
      const us = Math.round(500_000 / factor);
      changed.unshift({ tick: 0, status: 0xff, data1: 0x51, data2: 0, payload: Uint8Array.of(us >> 16, (us >> 8) & 0xff, us & 0xff) });
    }
    return { events: changed, endTick };
  });
  return writeMidi({ format: file.format, ppq: file.ppq, smpte: file.smpte, tracks });
}

function hasTempo(file: MidiFile): boolean {
  for (let i = 0; i < file.events.count; i++) if (file.events.status[i] === 0xff && file.events.data1[i] === 0x51) return true;
  return false;
}

export interface BenchCorpus {
  folder: string;
  files: number;
  bytes: number;
}

/** Writes (or reuses) the corpus, e.g. `makeBenchCorpus({count: 50_000})` -> `{folder, files: 50000, bytes: 1.1e9}`. */
export function makeBenchCorpus(options: { count?: number; out?: string; log?: (line: string) => void } = {}): BenchCorpus {
  const count = options.count ?? 50_000;
  const folder = resolve(options.out ?? DEFAULT_BENCH_CORPUS);
  const corpus = sharedCorpus();
  const stamp = JSON.stringify({ count, manifest: createHash('sha256').update(readFileSync(join(corpus, 'MANIFEST.tsv'))).digest('hex'), script: createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex') });
  const marker = join(folder, 'BENCH-CORPUS.json');
  if (existsSync(marker)) {
    const done = JSON.parse(readFileSync(marker, 'utf8')) as { stamp: string } & BenchCorpus;
    if (done.stamp === stamp) return { folder, files: done.files, bytes: done.bytes };
  }
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const started = performance.now();
  const list = sources(corpus);
  const seen = new Set<string>();
  let files = 0;
  let bytes = 0;
  outer: for (const factor of TEMPO) {
    for (const semitones of TRANSPOSE) {
      for (const source of list) {
        if (files >= count) break outer;
        const data = variant(source.file, semitones, factor);
        const hash = createHash('sha256').update(data).digest('hex');
        if (seen.has(hash)) continue;
        seen.add(hash);
        const sub = join(folder, String(Math.floor(files / FILES_PER_FOLDER)).padStart(3, '0'));
        if (files % FILES_PER_FOLDER === 0) mkdirSync(sub, { recursive: true });
        writeFileSync(join(sub, `${source.name}.t${semitones}.x${factor}.mid`), data);
        files++;
        bytes += data.length;
        if (files % 5000 === 0) options.log?.(`${files} files, ${(bytes / 1e6).toFixed(0)} MB, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      }
    }
  }
  if (files < count) throw new Error(`only ${files} distinct variants could be made (asked for ${count})`);
  writeFileSync(marker, JSON.stringify({ stamp, folder, files, bytes }));
  return { folder, files, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { count: { type: 'string' }, out: { type: 'string' } } });
  const made = makeBenchCorpus({ count: values.count ? Number(values.count) : undefined, out: values.out, log: console.log });
  console.log(`${made.files} files, ${(made.bytes / 1e6).toFixed(1)} MB in ${made.folder}`);
}
