// The chaos table: one row per scenario, summed over its rounds, in Markdown so it goes into
// docs/reliability.md as printed.
import type { ChaosResult, RoundResult } from './run-chaos.ts';
import { exitLabel } from './runner.ts';
import { SCENARIOS, type ScenarioName } from './scenarios.ts';

/** e.g. `| (c) kill -9 at random points, then rerun | 5 | 9 | 0 | 0 | 0 | kill×9, 0×5 | 31.2 s |`. */
export function formatChaosTable(result: ChaosResult): string {
  const byScenario = new Map<ScenarioName, RoundResult[]>();
  for (const r of result.rounds) byScenario.set(r.scenario, [...(byScenario.get(r.scenario) ?? []), r]);
  const lines = [
    '| scenario | rounds | faults injected | files lost | duplicates | other defects | exit codes | max runtime |',
    '|---|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const [scenario, rounds] of byScenario) {
    const exits = rounds.flatMap((r) => r.exits);
    const labels = new Map<string, number>();
    for (const e of exits) labels.set(exitLabel(e), (labels.get(exitLabel(e)) ?? 0) + 1);
    const sum = (pick: (r: RoundResult) => number) => rounds.reduce((a, r) => a + pick(r), 0);
    const maxSeconds = Math.max(...exits.map((e) => e.ms)) / 1000;
    lines.push(
      `| ${SCENARIOS[scenario].title} | ${rounds.length} | ${sum((r) => r.faults)} | ${sum((r) => r.lost)} | ${sum((r) => r.duplicated)} | ${sum((r) => r.wrong + r.badExits)} | ${[...labels].map(([l, n]) => `${l}×${n}`).join(', ')} | ${maxSeconds.toFixed(1)} s |`,
    );
  }
  return lines.join('\n');
}
