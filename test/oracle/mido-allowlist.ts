// Corpus files where our note count or duration knowingly differs from mido 1.2.10, each with the reason.
// Read by mido.test.ts: a file that disagrees without an entry fails, and so does an entry that now agrees.

/** What differs: our noteCount, our durationSeconds (beyond 1 ms), or we refuse a file mido reads. */
export type MidoField = 'noteCount' | 'durationSeconds' | 'refused';

export interface MidoDisagreement {
  fields: MidoField[];
  /** Why, with the bytes involved: where mido is wrong, or which tolerated defect we recover differently. */
  reason: string;
}

const HEADER_ONLY =
  'The file is a 14-byte MThd chunk declaring 0 tracks and nothing else. mido returns an empty MidiFile ' +
  '(0 notes, length 0); the contract makes a file without any track chunk the error MIDI_NO_TRACKS ' +
  '(docs/contract.md, "Error codes"), which is what we return.';

export const midoAllowlist: Record<string, MidoDisagreement> = {
  'midi/gh-melanchall-drywetmidi/Resources/MIDI files/Invalid/Invalid Chunk Size/m_truelove.mid': {
    fields: ['noteCount', 'durationSeconds'],
    reason:
      'The only MTrk chunk declares 60,553 bytes (to the end of the file) but its End-of-Track (FF 2F 00) is at ' +
      'byte 59,548. mido reads on to the declared end and decodes the last 1,024 bytes as 257 more events: 121 ' +
      'note-ons with pitches such as 0 and 127, velocities 1-18 and delta times of 2,100-3,300 ticks, which add ' +
      '204,282 ticks and stretch the song from 213.8 s to 1,459.4 s. That is not music; SMF 1.0 makes ' +
      'End-of-Track the last event of a track, and we stop there (warning DATA_AFTER_END_OF_TRACK): 6,867 notes, ' +
      '213.76 s.',
  },
  'midi/gh-salu133445-muspy/tests/data/midi/ticks-per-beat-480.mid': { fields: ['refused'], reason: HEADER_ONLY },
  'midi/gh-shkyrockett-midi-unit-test-cases/test-cases/header/header-type-00-single.mid': { fields: ['refused'], reason: HEADER_ONLY },
};
