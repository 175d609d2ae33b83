// Shared by the analysis suites: analyse hand-built bytes.
import { analyzeMidi } from '../../core/analysis/analyze.ts';
import type { Analysis } from '../../core/analysis/types.ts';
import { smf, type SmfSpec } from '../support/smf.ts';

export function analyze(spec: SmfSpec): Analysis {
  return analyzeMidi(smf(spec), { sha256: 'test' });
}
