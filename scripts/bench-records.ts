// Write records for the in-process database benchmarks of scripts/bench-pool.ts: real analyses of
// bench-corpus files, each under a made-up content hash so every record is content new to the database
// (what a bulk import of a fresh library writes), e.g. `recordMaker(folder, 300)(500)` -> 500 records.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeMidi } from '../core/analysis/analyze.ts';
import type { Analysis } from '../core/analysis/types.ts';
import type { FileRecord } from '../core/db/write-files.ts';

/** The first `sources` readable files under `folder` (recursively, sorted), analysed once. */
function analyseSources(folder: string, sources: number): Analysis[] {
  const paths = readdirSync(folder, { recursive: true })
    .map(String)
    .filter((p) => p.endsWith('.mid'))
    .sort();
  const out: Analysis[] = [];
  for (const p of paths) {
    if (out.length >= sources) break;
    const bytes = new Uint8Array(readFileSync(join(folder, p)));
    try {
      out.push(analyzeMidi(bytes, { sha256: createHash('sha256').update(bytes).digest('hex') }));
    } catch {
      // not MIDI: the bench corpus has none, but a different folder might
    }
  }
  if (out.length === 0) throw new Error(`BENCH_NO_SOURCES: no readable MIDI file under ${folder}`);
  return out;
}

/** A function returning `count` fresh records per call (a running counter makes each hash unique). */
export function recordMaker(folder: string, sources = 300): (count: number) => FileRecord[] {
  const analyses = analyseSources(folder, sources);
  let next = 0;
  return (count) =>
    Array.from({ length: count }, () => {
      const n = next++;
      const analysis = analyses[n % analyses.length]!;
      const sha256 = createHash('sha256').update(`bench-record-${process.pid}-${n}`).digest('hex');
      return { sha256, sizeBytes: analysis.sizeBytes, path: `/bench/${n}.mid`, outcome: { ok: true, analysis: { ...analysis, sha256 } } };
    });
}
