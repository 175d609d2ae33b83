// The independent reference for HTTP analyses: what `midi-pipeline inspect --json` prints for the same
// files, run as a real CLI process (bin/midi-pipeline.js), one JSON line per file.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { corpusDir, projectRoot } from '../support/mido.ts';

export type InspectLine = { path: string; ok: true; analysis: Record<string, unknown> } | { path: string; ok: false; error: { code: string; message: string } };

/** Keyed by corpus path (relative, as corpusPaths() gives them). */
export function inspectCorpusFiles(paths: readonly string[]): Map<string, InspectLine> {
  const absolute = paths.map((p) => join(corpusDir(), p));
  const run = spawnSync(process.execPath, [join(projectRoot, 'bin', 'midi-pipeline.js'), 'inspect', '--json', ...absolute], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 300_000,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`inspect exited ${run.status}: ${run.stderr}`);
  const byAbsolute = new Map(absolute.map((a, i) => [a, paths[i]!]));
  const out = new Map<string, InspectLine>();
  for (const line of run.stdout.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as InspectLine;
    const relative = byAbsolute.get(parsed.path);
    if (relative !== undefined) out.set(relative, parsed);
  }
  if (out.size !== paths.length) throw new Error(`inspect answered for ${out.size} of ${paths.length} files`);
  return out;
}
