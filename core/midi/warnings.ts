// Collects tolerated defects with bounded memory: a corrupt file could otherwise yield one warning per byte.
import type { MidiWarning } from './types.ts';

/** Codes of the defects the reader tolerates (stable strings, documented in the README). */
export const WarningCode = {
  leadingGarbage: 'LEADING_GARBAGE',
  riffSize: 'RIFF_SIZE_MISMATCH',
  headerLength: 'HEADER_LENGTH',
  unknownFormat: 'UNKNOWN_FORMAT',
  smpteDivision: 'SMPTE_DIVISION',
  format0Tracks: 'FORMAT0_MULTIPLE_TRACKS',
  trackCountMismatch: 'TRACK_COUNT_MISMATCH',
  zeroTrackHeader: 'ZERO_TRACK_HEADER',
  alienChunk: 'ALIEN_CHUNK',
  garbageBetweenChunks: 'GARBAGE_BETWEEN_CHUNKS',
  trailingBytes: 'TRAILING_BYTES',
  chunkPastEof: 'CHUNK_PAST_EOF',
  missingEndOfTrack: 'MISSING_END_OF_TRACK',
  dataAfterEndOfTrack: 'DATA_AFTER_END_OF_TRACK',
  truncatedEvent: 'TRUNCATED_EVENT',
  runningStatusAfterMeta: 'RUNNING_STATUS_AFTER_META',
  dataWithoutStatus: 'DATA_WITHOUT_STATUS',
  dataByteHighBit: 'DATA_BYTE_HIGH_BIT',
  systemCommonInTrack: 'SYSTEM_COMMON_IN_TRACK',
  illegalStatus: 'ILLEGAL_STATUS',
  metaLength: 'META_LENGTH',
  vlqTooLong: 'VLQ_TOO_LONG',
  vlqNonCanonical: 'VLQ_NON_CANONICAL',
  tempoZero: 'TEMPO_ZERO',
  tickOverflow: 'TICK_OVERFLOW',
} as const;

/** At most this many warnings of one code are kept; the rest are counted in one summary warning. */
const PER_CODE_LIMIT = 8;

export class WarningLog {
  private readonly kept: MidiWarning[] = [];
  private readonly counts = new Map<string, number>();

  /** `offset` is relative to the SMF bytes; `base` shifts it to the input (non-zero inside RMID). */
  constructor(private readonly base = 0) {}

  add(code: string, message: string, offset: number): void {
    const seen = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, seen);
    if (seen <= PER_CODE_LIMIT) this.kept.push({ code, message, offset: offset + this.base });
  }

  has(code: string): boolean {
    return this.counts.has(code);
  }

  /** The kept warnings, plus one `<CODE>` entry per code that overflowed saying how many were dropped. */
  list(): MidiWarning[] {
    const out = this.kept.slice();
    for (const [code, count] of this.counts) {
      if (count > PER_CODE_LIMIT) {
        out.push({ code, message: `${count - PER_CODE_LIMIT} more ${code} warnings not listed`, offset: -1 });
      }
    }
    return out;
  }
}
