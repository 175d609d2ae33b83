// Our note count and duration against mido's, file by file over the real corpus (issue 2, "Against mido").
// Expected values come only from scripts/mido-reference.py; every disagreement must be explained in
// mido-allowlist.ts, and an explained disagreement that goes away fails the test too (stale entry).
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import { corpusPaths, hasCorpus, loadMidoReference, readCorpusFile } from '../support/mido.ts';
import type { MidoRecord } from '../support/mido.ts';
import { midoAllowlist } from './mido-allowlist.ts';
import type { MidoField } from './mido-allowlist.ts';

/** The contract allows 1 ms between our durationSeconds and mido's length. */
const DURATION_TOLERANCE_SECONDS = 0.001;
/** Issue 2: at least 99.5% of the files mido accepts must agree exactly. */
const REQUIRED_AGREEMENT = 0.995;

interface Comparison {
  path: string;
  tier: MidoRecord['accepted'];
  fields: MidoField[];
  detail: string;
}

/**
 * Why mido cannot judge a file it reads, or null when it can. mido's length means seconds only with a positive
 * PPQ division and a non-negative track count: it does not interpret SMPTE division (it uses the negative
 * division as ticks per beat), refuses format 2, divides by a division of 0 for any delta time, and unpacks the
 * header with struct '>hhh' (signed), so a header declaring 32768 tracks or more reads as a negative count and
 * mido reads no track at all (empty-65535-tracks.mid: 786 KB of tracks read as an empty file).
 */
function whyNotComparable(record: MidoRecord): string | null {
  if (record.accepted === 'no') return 'refused by mido';
  if (record.header.smpte) return 'SMPTE division';
  if (record.format === 2) return 'format 2';
  if (record.header.ppq === 0) return 'division 0';
  if ((record.header.declaredTracks ?? 0) >= 0x8000) return 'track count >= 32768';
  return null;
}

const comparable = (record: MidoRecord) => whyNotComparable(record) === null;

function midoSeconds(record: MidoRecord): number | undefined {
  return record.length ?? record.lengthByHand;
}

function compare(record: MidoRecord): Comparison {
  const bytes = readCorpusFile(record.path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fields: MidoField[] = [];
  let detail: string;
  try {
    const analysis = analyzeMidi(bytes, { sha256 });
    const expectedSeconds = midoSeconds(record);
    if (analysis.noteCount !== record.noteCount) fields.push('noteCount');
    if (expectedSeconds === undefined || !(Math.abs(analysis.durationSeconds - expectedSeconds) <= DURATION_TOLERANCE_SECONDS)) {
      fields.push('durationSeconds');
    }
    detail =
      `notes ours ${analysis.noteCount} mido ${record.noteCount}; ` +
      `seconds ours ${analysis.durationSeconds.toFixed(6)} mido ${expectedSeconds?.toFixed(6)}; ` +
      `ticks ours ${analysis.durationTicks} mido ${record.durationTicks}; tracks ours ${analysis.trackCount} mido ${record.trackCount}; ` +
      `warnings ${[...new Set(analysis.warnings.map((w) => w.code))].join(',') || '-'}`;
  } catch (error) {
    fields.push('refused');
    const code = (error as { code?: string }).code ?? 'no code';
    detail = `we threw ${code}: ${(error as Error).message ?? String(error)}`;
  }
  return { path: record.path, tier: record.accepted, fields, detail };
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

const sameFields = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f) => b.includes(f));

describe.skipIf(!hasCorpus())('against mido 1.2.10 (scripts/mido-reference.py)', () => {
  let reference: Map<string, MidoRecord>;
  let comparisons: Comparison[];

  beforeAll(() => {
    reference = loadMidoReference();
    comparisons = [...reference.values()].filter(comparable).map(compare);
  }, 30 * 60_000);

  it('has a reference line for every corpus file', () => {
    const paths = corpusPaths();
    expect(paths.filter((path) => !reference.has(path))).toEqual([]);
    expect(reference.size).toBe(paths.length);
  });

  it('agrees on note count and duration (1 ms) for at least 99.5% of the files mido accepts', () => {
    const line = (tiers: MidoRecord['accepted'][]) => {
      const subset = comparisons.filter((c) => tiers.includes(c.tier));
      const agree = subset.filter((c) => c.fields.length === 0).length;
      return { agree, total: subset.length, text: `${agree} of ${subset.length} (${((100 * agree) / Math.max(1, subset.length)).toFixed(2)}%)` };
    };
    const accepted = line(['yes', 'clip']);
    console.log(
      `mido agreement: ${accepted.text} of the files mido 1.2.10 reads (plain ${line(['yes']).text}, clip=True ${line(['clip']).text}); ` +
        `lenient tier (mido with its meta-event bugs worked around) ${line(['lenient']).text}; ` +
        `not comparable: ${[...countBy([...reference.values()].map(whyNotComparable).filter((w): w is string => w !== null))].map(([w, n]) => `${n} ${w}`).join(', ')}`,
    );
    // Guard against a vacuous pass: the corpus has several hundred files mido reads.
    expect(accepted.total).toBeGreaterThan(600);
    expect(accepted.agree / accepted.total).toBeGreaterThanOrEqual(REQUIRED_AGREEMENT);
  });

  it('explains every disagreement in mido-allowlist.ts', () => {
    const unexplained = comparisons
      .filter((c) => c.fields.length > 0)
      .filter((c) => !midoAllowlist[c.path] || !sameFields(midoAllowlist[c.path].fields, c.fields))
      .map((c) => `${c.path} [${c.tier}] differs in ${c.fields.join('+')} (allowlisted: ${midoAllowlist[c.path]?.fields.join('+') ?? 'no'}): ${c.detail}`);
    expect(unexplained).toEqual([]);
  });

  it('has no stale allowlist entries', () => {
    const byPath = new Map(comparisons.map((c) => [c.path, c]));
    const stale = Object.keys(midoAllowlist)
      .filter((path) => (byPath.get(path)?.fields.length ?? 0) === 0)
      .map((path) => `${path}: ${byPath.has(path) ? `now agrees (${byPath.get(path)!.detail})` : 'not a compared corpus file'}`);
    expect(stale).toEqual([]);
  });
});
