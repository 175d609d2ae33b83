// `npm run bench:core`: reader + full analysis over the whole corpus in memory, single thread, next to
// @tonejs/midi's parse and midi-file's parse. Each contender runs in its own process (so one library's JIT
// state or V8 flags cannot slow another; design.md warns of exactly that), with one warm-up pass and then
// the median of 5 timed passes. Prints files/s, MB/s and the ratio to Tone. Wall time and, beside it, the
// process's CPU time per pass (process.cpuUsage: on a shared machine wall time mostly measures the
// neighbours); the ratios are of CPU times. The last two columns are the warm-up pass's CPU time, and its
// ratio to the median: what a process pays once while V8 compiles (each worker thread of a run pays it).
//
//   npm run bench:core                # the table
//   npm run bench:core -- --runs 9    # more timed passes
//
// Where the time goes (npx tsx scripts/profile-core.ts --runs 11; CPU ms per corpus pass of 1,065 files,
// 21.1 MB, median of 11; 29 Nov 2026 at commit 3ef5a8c, load 5-7 on the 2-core machine). The profile reads
// the CPU clock after every step of every file, which perturbs what it measures: its pass took 460 ms where
// bench:core's took 350, so read the shares rather than the absolute figures. The reader's split is from a
// --cpu-prof of the reader alone.
//   read                    157  35%  parse loop (read-track.ts) ~88, per-file and per-track driver (read.ts)
//                                     ~16, copy into exact tables ~17, note seconds (tempo-map.ts) ~13,
//                                     garbage collection ~8, tempo maps ~3, table growth ~3, typed errors ~1
//   chords                  102  22%  segment sweep (chord-grid.ts) ~60, template matching of 201,125 segments ~40
//   polyphony                38   8%  notes in start order against the set of sounding ends
//   sort by start            31   7%  natural merge of the per-track runs
//   note facts               30   7%  one pass over 1.7M notes (ranges, per-track counts, key histogram)
//   fingerprint              25   5%  two hash lanes per note
//   instruments              16   4%  program changes timed and merged, parts' first and last notes
//   event rows 12, text 11, drums 8, tracks 7, key 5, tempo 3, meter 3, key signature 2, duration 2,
//   pitch/velocity/channels 2
//   sum                     453      the 150 MB/s target is 141 ms per pass: the reader alone takes about that
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, corpusPaths, readCorpusFile } from '../test/support/mido.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const corpus = corpusDir();

type Contender = 'reader' | 'analysis' | 'tone' | 'midi-file';
const CONTENDERS: { name: Contender; label: string }[] = [
  { name: 'analysis', label: 'midi-pipeline reader + full analysis' },
  { name: 'reader', label: 'midi-pipeline reader alone' },
  { name: 'midi-file', label: 'midi-file 1.2.4 parse' },
  { name: 'tone', label: '@tonejs/midi 2.0.28 parse' },
];

function corpusFiles(): Uint8Array[] {
  return corpusPaths().map(readCorpusFile);
}

async function parserFor(name: Contender): Promise<(bytes: Uint8Array) => unknown> {
  if (name === 'reader') {
    const { readMidi } = await import('../core/midi/read.ts');
    return (bytes) => readMidi(bytes);
  }
  if (name === 'analysis') {
    const { analyzeMidi } = await import('../core/analysis/analyze.ts');
    // The hash is the pipeline's job (done once, on the main thread); a constant keeps it out of this figure.
    return (bytes) => analyzeMidi(bytes, { sha256: '0'.repeat(64) });
  }
  if (name === 'tone') {
    const tone = (await import('@tonejs/midi')) as unknown as { Midi?: new (b: Uint8Array) => unknown; default?: { Midi: new (b: Uint8Array) => unknown } };
    const Midi = (tone.Midi ?? tone.default?.Midi) as new (b: Uint8Array) => unknown;
    return (bytes) => new Midi(bytes);
  }
  const midiFile = (await import('midi-file')) as unknown as { parseMidi?: (b: Uint8Array) => unknown; default?: { parseMidi: (b: Uint8Array) => unknown } };
  const parseMidi = (midiFile.parseMidi ?? midiFile.default?.parseMidi) as (b: Uint8Array) => unknown;
  return (bytes) => parseMidi(bytes);
}

/** In a child process: time `runs` passes over the corpus, print JSON. */
async function measure(name: Contender, runs: number): Promise<void> {
  const files = corpusFiles();
  const parse = await parserFor(name);
  let failures = 0;
  const cpuTimes: number[] = [];
  const pass = () => {
    failures = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (const bytes of files) {
      try {
        parse(bytes);
      } catch {
        failures++; // broken files are part of the input for every contender
      }
    }
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    return performance.now() - start;
  };
  pass(); // warm-up: its CPU time is reported apart, as the cost of a cold start
  const firstCpuMs = cpuTimes[0];
  cpuTimes.length = 0;
  const times = Array.from({ length: runs }, pass).sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const bytes = files.reduce((sum, f) => sum + f.length, 0);
  const middle = Math.floor(times.length / 2);
  process.stdout.write(JSON.stringify({ name, files: files.length, bytes, failures, medianMs: times[middle], medianCpuMs: cpuTimes[middle], firstCpuMs, times, cpuTimes }) + '\n');
}

interface Result {
  name: Contender;
  files: number;
  bytes: number;
  failures: number;
  medianMs: number;
  /** CPU time of this process (all its threads, garbage collection included) per pass. */
  medianCpuMs: number;
  /** CPU time of the warm-up pass: the first in the process, while V8 still interprets and compiles. */
  firstCpuMs: number;
  times: number[];
  cpuTimes: number[];
}

function main(): void {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
  const results: Result[] = [];
  for (const c of CONTENDERS) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', c.name, '--runs', String(runs)], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) {
      process.stderr.write(`${c.name} failed:\n${child.stderr}\n`);
      process.exit(1);
    }
    results.push(JSON.parse(child.stdout.trim().split('\n').pop() as string));
  }
  const tone = results.find((r) => r.name === 'tone') as Result;
  const midiFile = results.find((r) => r.name === 'midi-file') as Result;
  const corpusBytes = results[0].bytes;
  const rows = results.map((r) => {
    const label = CONTENDERS.find((c) => c.name === r.name)?.label as string;
    const seconds = r.medianMs / 1000;
    return [
      label,
      (r.files / seconds).toFixed(0),
      (r.bytes / 1e6 / seconds).toFixed(1),
      r.medianMs.toFixed(0),
      (r.bytes / 1e3 / r.medianCpuMs).toFixed(1),
      r.medianCpuMs.toFixed(0),
      String(r.failures),
      `${(tone.medianCpuMs / r.medianCpuMs).toFixed(1)}x`,
      `${(midiFile.medianCpuMs / r.medianCpuMs).toFixed(2)}x`,
      r.firstCpuMs.toFixed(0),
      `${(r.firstCpuMs / r.medianCpuMs).toFixed(1)}x`,
    ];
  });
  const header = ['contender', 'files/s', 'MB/s', 'median ms', 'CPU MB/s', 'CPU ms', 'threw', 'vs Tone (CPU)', 'vs midi-file (CPU)', 'first pass CPU ms', 'first / median'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`corpus: ${results[0].files} files, ${(corpusBytes / 1e6).toFixed(1)} MB, in memory; single thread; median of ${runs} passes after 1 warm-up; node ${process.version}`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

const childAt = process.argv.indexOf('--child');
if (childAt > 0) {
  const runsArg = process.argv.indexOf('--runs');
  await measure(process.argv[childAt + 1] as Contender, Number(process.argv[runsArg + 1]));
} else {
  // The corpus must exist; say so plainly rather than failing in a child.
  try {
    statSync(join(corpus, 'MANIFEST.tsv'));
    readdirSync(corpus);
  } catch {
    console.error(`no corpus at ${corpus}: set MIDI_CORPUS or place the shared corpus at ../shared/corpus`);
    process.exit(1);
  }
  main();
}
