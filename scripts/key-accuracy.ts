// Key-finding accuracy of each key profile on the labelled corpus set (test/fixtures/key-labels.ts): share of
// exact keys and the MIREX weighted score. Run: npx tsx scripts/key-accuracy.ts [--verbose] [--json]
//
// MIREX key detection (https://music-ir.org/mirex/wiki/2016:Audio_Key_Detection) gives 1.0 for the same key,
// 0.5 for a perfect fifth, 0.3 for the relative major/minor, 0.2 for the parallel major/minor, else 0. The
// wiki does not say which way the fifth goes; mir_eval's `key.weighted_score`, the reference implementation,
// counts only an estimate a fifth ABOVE the reference in the same mode, and so does `mirexScore` below.
// `either-fifth` also counts a fifth below, for comparison with papers that do.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analysisContext } from '../core/analysis/context.ts';
import { KEY_PROFILE_NAMES, type KeyProfileName } from '../core/analysis/key-profiles.ts';
import { DEFAULT_KEY_PROFILE, estimateKey, pitchClassHistogram } from '../core/analysis/key.ts';
import { PITCH_CLASS_NAMES } from '../core/analysis/pitch-class.ts';
import type { Mode, PitchClassName } from '../core/analysis/types.ts';
import { readMidi } from '../core/midi/read.ts';
import { keyLabels } from '../test/fixtures/key-labels.ts';

interface Key {
  tonic: PitchClassName;
  mode: Mode;
}

type Relation = 'exact' | 'fifth-above' | 'fifth-below' | 'relative' | 'parallel' | 'other' | 'none';

/** How an estimate relates to the reference key, in mir_eval's order of precedence. */
export function relation(reference: Key, estimate: Key | null): Relation {
  if (!estimate) return 'none';
  const ref = PITCH_CLASS_NAMES.indexOf(reference.tonic);
  const est = PITCH_CLASS_NAMES.indexOf(estimate.tonic);
  const up = (est - ref + 12) % 12;
  if (up === 0 && estimate.mode === reference.mode) return 'exact';
  if (estimate.mode === reference.mode && up === 7) return 'fifth-above';
  if (estimate.mode !== reference.mode && reference.mode === 'major' && up === 9) return 'relative';
  if (estimate.mode !== reference.mode && reference.mode === 'minor' && up === 3) return 'relative';
  if (estimate.mode !== reference.mode && up === 0) return 'parallel';
  if (estimate.mode === reference.mode && up === 5) return 'fifth-below';
  return 'other';
}

/** MIREX weights as mir_eval implements them: C major estimated as G major scores 0.5, as F major 0. */
export function mirexScore(r: Relation, eitherFifth = false): number {
  switch (r) {
    case 'exact':
      return 1;
    case 'fifth-above':
      return 0.5;
    case 'fifth-below':
      return eitherFifth ? 0.5 : 0;
    case 'relative':
      return 0.3;
    case 'parallel':
      return 0.2;
    default:
      return 0;
  }
}

const keyText = (k: Key | null) => (k ? `${k.tonic} ${k.mode}` : '-');

function main(argv: string[]): void {
  const verbose = argv.includes('--verbose');
  const json = argv.includes('--json');
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const corpus = resolve(process.env.MIDI_CORPUS ?? join(root, '..', 'shared', 'corpus'));

  const relations = new Map<KeyProfileName, Relation[]>(KEY_PROFILE_NAMES.map((p) => [p, []]));
  const rows: string[] = [];
  const unreadable: string[] = [];
  for (const label of keyLabels) {
    const buffer = readFileSync(join(corpus, label.path));
    let estimates: Map<KeyProfileName, Key | null>;
    try {
      const file = readMidi(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
      // The same drum mask and histogram the analysis uses (analyze.ts), estimated with each profile.
      const histogram = pitchClassHistogram(file, analysisContext(file).drum);
      estimates = new Map(KEY_PROFILE_NAMES.map((p) => [p, estimateKey(histogram, p)]));
    } catch (error) {
      unreadable.push(`${label.path}: ${(error as Error).message}`);
      estimates = new Map(KEY_PROFILE_NAMES.map((p) => [p, null]));
    }
    for (const p of KEY_PROFILE_NAMES) relations.get(p)!.push(relation(label, estimates.get(p)!));
    rows.push(
      `${keyText(label).padEnd(10)} ${KEY_PROFILE_NAMES.map((p) => `${keyText(estimates.get(p)!).padEnd(9)} ${relation(label, estimates.get(p)!).padEnd(11)}`).join(' ')} ${label.path}`,
    );
  }

  const n = keyLabels.length;
  const table = KEY_PROFILE_NAMES.map((profile) => {
    const rs = relations.get(profile)!;
    const count = (r: Relation) => rs.filter((x) => x === r).length;
    return {
      profile,
      default: profile === DEFAULT_KEY_PROFILE,
      exact: count('exact'),
      accuracy: count('exact') / n,
      mirex: rs.reduce((s, r) => s + mirexScore(r), 0) / n,
      mirexEitherFifth: rs.reduce((s, r) => s + mirexScore(r, true), 0) / n,
      errors: { fifthAbove: count('fifth-above'), fifthBelow: count('fifth-below'), relative: count('relative'), parallel: count('parallel'), other: count('other'), none: count('none') },
    };
  });

  if (json) {
    console.log(JSON.stringify({ labels: n, profiles: table, unreadable }));
    return;
  }
  if (verbose) {
    console.log(`label      ${KEY_PROFILE_NAMES.map((p) => p.slice(0, 20).padEnd(21)).join(' ')} path`);
    for (const row of rows) console.log(row);
    console.log();
  }
  console.log(`Key accuracy on ${n} labelled corpus files (test/fixtures/key-labels.ts)`);
  console.log('| profile | exact | accuracy | MIREX (mir_eval) | MIREX (either fifth) | fifth up / down | relative | parallel | other | none |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const t of table) {
    console.log(
      `| ${t.profile}${t.default ? ' (default)' : ''} | ${t.exact}/${n} | ${(100 * t.accuracy).toFixed(1)}% | ${t.mirex.toFixed(3)} | ${t.mirexEitherFifth.toFixed(3)} | ` +
        `${t.errors.fifthAbove} / ${t.errors.fifthBelow} | ${t.errors.relative} | ${t.errors.parallel} | ${t.errors.other} | ${t.errors.none} |`,
    );
  }
  if (unreadable.length) console.log(`\nunreadable (scored 0): ${unreadable.join('; ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
