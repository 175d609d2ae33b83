// Finding meta events in the event table.
import type { MidiFile } from '../midi/types.ts';

/**
 * Rows of meta events of `type` (e.g. Meta.timeSignature) in time order: by tick, then file order.
 * @param meta the rows of all meta events, ascending (event-rows.ts)
 * @example metaRows(file, 0x58, rows.meta) // [2, 40]
 */
export function metaRows(file: MidiFile, type: number, meta: number[]): number[] {
  const { data1, tick } = file.events;
  const rows: number[] = [];
  let sorted = true;
  for (const row of meta) {
    if (data1[row] !== type) continue;
    if (rows.length > 0 && tick[row] < tick[rows[rows.length - 1]]) sorted = false;
    rows.push(row);
  }
  if (!sorted) rows.sort((a, b) => tick[a] - tick[b] || a - b);
  return rows;
}

/** The payload bytes of event `row` (a view into the file's bytes, not a copy). */
export function payloadOf(file: MidiFile, row: number): Uint8Array {
  const start = file.events.payloadStart[row];
  return file.bytes.subarray(start, start + file.events.payloadLength[row]);
}
