// The worker-thread Analyzer under Node (the bootstrap registers tsx in each worker): the buffers are
// transferred (empty on the main thread afterwards), and every outcome equals the same job run on this
// thread (core/pipeline/jobs.ts), for analysis and split, over corpus files good and bad; analyses come
// back encoded for the database (encodeOutcome), their JSON the inline job's analysis.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startWorkerAnalyzer } from '../../adapters/local/analyzer.ts';
import { nodeHasher } from '../../adapters/local/hasher.ts';
import { encodeOutcome } from '../../core/db/write-files.ts';
import type { Analyzer, SplitOutcome } from '../../core/pipeline/analyzer.ts';
import { analyzeJob, splitJob } from '../../core/pipeline/jobs.ts';
import { corpusPaths, hasCorpus, readCorpusFile } from '../support/mido.ts';

let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await startWorkerAnalyzer({ workers: 2 });
});
afterAll(() => analyzer.close());

const sample = () => (hasCorpus() ? corpusPaths().filter((_, i) => i % 10 === 0).map(readCorpusFile) : []);

test.skipIf(!hasCorpus())('analyze: bytes transferred, outcomes equal to the inline job', async () => {
  const files = sample();
  const inline = files.map((bytes) => analyzeJob({ bytes, sha256: nodeHasher.sha256(bytes), maxBytes: 1 << 26 }));
  const expected = inline.map(encodeOutcome);
  const sent = files.map((bytes) => bytes.slice());
  const outcomes = await Promise.all(sent.map((bytes, i) => analyzer.analyze({ bytes, sha256: nodeHasher.sha256(files[i]!), maxBytes: 1 << 26 })));
  expect(sent.every((bytes) => bytes.byteLength === 0)).toBe(true);
  expect(outcomes).toEqual(expected);
  expect(outcomes.some((o) => !o.ok)).toBe(true);
  expect(outcomes.some((o) => 'encoded' in o)).toBe(true);
  outcomes.forEach((o, i) => 'encoded' in o && expect(JSON.parse(o.encoded.json)).toEqual((inline[i] as { analysis: unknown }).analysis));
});

test.skipIf(!hasCorpus())('split: children (bytes, hashes, analyses) equal to the inline job', async () => {
  const files = sample();
  const encodeChildren = (outcome: SplitOutcome): SplitOutcome => (outcome.ok ? { ok: true, children: outcome.children.map((c) => ({ ...c, outcome: encodeOutcome(c.outcome) })) } : outcome);
  const expected = files.map((bytes) => encodeChildren(splitJob({ bytes, sha256: 'x', maxBytes: 1 << 26 }, nodeHasher)));
  const outcomes = await Promise.all(files.map((bytes) => analyzer.split({ bytes: bytes.slice(), sha256: 'x', maxBytes: 1 << 26 })));
  expect(outcomes).toEqual(expected);
  expect(outcomes.filter((o) => o.ok && o.children.length > 1).length).toBeGreaterThan(5);
});

test('a view into a larger buffer is copied before transfer, so the rest of that buffer survives', async () => {
  const pool = new Uint8Array(100);
  pool.set([0x4d, 0x54, 0x68, 0x64], 10);
  const outcome = await analyzer.analyze({ bytes: pool.subarray(10, 20), sha256: 'x', maxBytes: 1 << 20 });
  expect(outcome.ok).toBe(false);
  expect(pool.byteLength).toBe(100);
});
