// `npx tsx scripts/profile-core.ts [--runs N]`: where reader + analysis spend their time, per module, in
// milliseconds per corpus pass. Each file goes through the steps of analyzeFile (core/analysis/analyze.ts)
// one at a time with a clock read between steps, so every module runs on the data the one before left in
// the cache, as in the real composition (timing one module over the whole corpus at a time streams every
// table from memory and overstates the light passes 2-3x). Per step: the median of N passes after one
// warm-up. The clock is the process's CPU time (process.cpuUsage: on a shared machine wall time mostly
// measures the others). Reading it 18,000 times a pass perturbs the modules (a system call each, with its
// cache and branch-predictor churn): the total comes out about a third above bench:core's pass, so compare
// the steps' shares and differences, not their sum with the benchmark.
import { readMidi } from '../core/midi/read.ts';
import { chordsOf } from '../core/analysis/chords.ts';
import { contextOf } from '../core/analysis/context.ts';
import { drumMask } from '../core/analysis/drums.ts';
import { durationOf } from '../core/analysis/duration.ts';
import { eventRows } from '../core/analysis/event-rows.ts';
import { fingerprintOf } from '../core/analysis/fingerprint.ts';
import { instrumentsOf } from '../core/analysis/instruments.ts';
import { estimateKey, histogramOf } from '../core/analysis/key.ts';
import { keySignatureOf } from '../core/analysis/key-signature.ts';
import { timeSignatureOf } from '../core/analysis/meter.ts';
import { noteFacts } from '../core/analysis/note-facts.ts';
import { notesByStart } from '../core/analysis/note-order.ts';
import { channelsUsed, pitchStats, velocityStats } from '../core/analysis/notes-stats.ts';
import { polyphony } from '../core/analysis/polyphony.ts';
import { tempoSummary } from '../core/analysis/tempo.ts';
import { textOf } from '../core/analysis/text.ts';
import { MAX_TRACKS_LISTED, tracksOf } from '../core/analysis/tracks.ts';
import { corpusPaths, readCorpusFile } from '../test/support/mido.ts';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 9;

const inputs = corpusPaths().map(readCorpusFile);
const totalBytes = inputs.reduce((sum, b) => sum + b.length, 0);

const STEPS = ['read', 'sort by start', 'event rows', 'drums', 'note facts', 'duration', 'tempo', 'meter', 'key', 'key signature', 'pitch/velocity/channels', 'polyphony', 'instruments', 'tracks', 'text', 'chords', 'fingerprint'] as const;
const spent = new Float64Array(STEPS.length);

function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** analyzeFile's work on one file, with the clock read after each step. */
function analyzeTimed(bytes: Uint8Array): void {
  let step = 0;
  let last = cpuNow();
  const lap = () => {
    const now = cpuNow();
    spent[step++] += now - last;
    last = now;
  };
  let file;
  try {
    file = readMidi(bytes);
  } catch {
    spent[0] += cpuNow() - last; // not MIDI: a typed error, part of the input
    return;
  }
  lap();
  const byStart = notesByStart(file.notes.startSeconds, file.notes.count);
  lap();
  const rows = eventRows(file);
  lap();
  const drum = drumMask(file, byStart, rows.drumCandidates);
  lap();
  const context = contextOf(file, byStart, drum, rows);
  const facts = noteFacts(file, drum, MAX_TRACKS_LISTED);
  lap();
  const duration = durationOf(file);
  lap();
  tempoSummary(file, file.notes.count > 0 ? byStart[0] : -1, duration.seconds);
  lap();
  timeSignatureOf(file, rows.meta);
  lap();
  estimateKey(histogramOf(facts));
  lap();
  keySignatureOf(file, rows.meta);
  lap();
  pitchStats(facts);
  velocityStats(facts);
  channelsUsed(facts);
  lap();
  polyphony(file.notes, byStart, context);
  lap();
  instrumentsOf(file, byStart, drum, facts, rows.programs);
  lap();
  tracksOf(file, facts, rows.meta);
  lap();
  textOf(file, rows.meta);
  lap();
  chordsOf(context);
  lap();
  fingerprintOf(file);
  lap();
}

const perPass: number[][] = STEPS.map(() => []);
const cpu: number[] = [];
for (let run = 0; run <= runs; run++) {
  spent.fill(0);
  const start = process.cpuUsage();
  for (const bytes of inputs) analyzeTimed(bytes);
  const used = process.cpuUsage(start);
  if (run === 0) continue; // warm-up
  cpu.push((used.user + used.system) / 1000);
  STEPS.forEach((_, i) => perPass[i].push(spent[i]));
}
const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`corpus: ${inputs.length} files, ${(totalBytes / 1e6).toFixed(1)} MB; ms per corpus pass, median of ${runs} after a warm-up`);
let total = 0;
STEPS.forEach((name, i) => {
  const ms = median(perPass[i]);
  total += ms;
  console.log(`${name.padEnd(24)} ${ms.toFixed(1).padStart(7)}`);
});
console.log(`${'sum of steps'.padEnd(24)} ${total.toFixed(1).padStart(7)}`);
console.log(`${'pass CPU time'.padEnd(24)} ${median(cpu).toFixed(1).padStart(7)}  = ${(totalBytes / 1e3 / median(cpu)).toFixed(1)} MB/s`);
