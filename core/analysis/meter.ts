// The meter: the first time-signature meta event (FF 58 04 nn dd cc bb, SMF 1.0 "Meta-Events"; the
// denominator is written as a power of two). Events with numerator 0, a denominator above 2^6 = 64 or fewer
// than 2 data bytes are ignored as corrupt.
import { Meta, type MidiFile } from '../midi/types.ts';
import type { TimeSignatureSummary } from './types.ts';
import { metaRows, payloadOf } from './meta-events.ts';

const MAX_DENOMINATOR_POWER = 6;

/**
 * First time signature by time, and how many later ones change the meter (a repeat of the meter in force
 * is not a change); null when the file has none.
 * @param meta the rows of all meta events (event-rows.ts)
 * @example timeSignatureOf(file, rows.meta) // { numerator: 3, denominator: 4, changes: 1 }
 */
export function timeSignatureOf(file: MidiFile, meta: number[]): TimeSignatureSummary | null {
  let first: { numerator: number; denominator: number } | null = null;
  let current = -1;
  let changes = 0;
  for (const row of metaRows(file, Meta.timeSignature, meta)) {
    const payload = payloadOf(file, row);
    if (payload.length < 2 || payload[0] === 0 || payload[1] > MAX_DENOMINATOR_POWER) continue;
    const key = (payload[0] << 8) | payload[1];
    if (first === null) first = { numerator: payload[0], denominator: 2 ** payload[1] };
    else if (key !== current) changes++;
    current = key;
  }
  return first === null ? null : { numerator: first.numerator, denominator: first.denominator, changes };
}
