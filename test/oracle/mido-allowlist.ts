// Corpus files where our note count or duration knowingly differs from mido 1.2.10, each with the reason.
// Read by mido.test.ts: a file that disagrees without an entry fails, and so does an entry that now agrees.

/** What differs: our noteCount, our durationSeconds (beyond 1 ms), or we refuse a file mido reads. */
export type MidoField = 'noteCount' | 'durationSeconds' | 'refused';

export interface MidoDisagreement {
  fields: MidoField[];
  /** Why, with the bytes involved: where mido is wrong, or which tolerated defect we recover differently. */
  reason: string;
}

export const midoAllowlist: Record<string, MidoDisagreement> = {};
