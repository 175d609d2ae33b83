// The key the file declares: the first valid key-signature meta event (FF 59 02 sf mi, SMF 1.0
// "Meta-Events": sf = -7..7 flats or sharps, mi = 0 major, 1 minor). Out-of-range values (a corpus
// category of their own) are skipped, not guessed at.
import { Meta, type MidiFile } from '../midi/types.ts';
import type { KeySignature } from './types.ts';
import { metaRows, payloadOf } from './meta-events.ts';
import { PITCH_CLASS_NAMES } from './pitch-class.ts';

/**
 * The tonic of a key signature: major keys go round the circle of fifths from C (7 semitones per sharp),
 * the relative minor is 3 semitones below, e.g. `keySignatureTonic(-3, 1)` = "C" (three flats, minor).
 */
export function keySignatureTonic(sharps: number, minor: number): KeySignature {
  const major = (((7 * sharps) % 12) + 12) % 12;
  return minor ? { tonic: PITCH_CLASS_NAMES[(major + 9) % 12], mode: 'minor' } : { tonic: PITCH_CLASS_NAMES[major], mode: 'major' };
}

/**
 * @param meta the rows of all meta events (event-rows.ts)
 * @example keySignatureOf(file, rows.meta) // { tonic: 'D', mode: 'major' }
 */
export function keySignatureOf(file: MidiFile, meta: number[]): KeySignature | null {
  for (const row of metaRows(file, Meta.keySignature, meta)) {
    const payload = payloadOf(file, row);
    if (payload.length < 2) continue;
    const sharps = payload[0] > 127 ? payload[0] - 256 : payload[0];
    if (sharps < -7 || sharps > 7 || payload[1] > 1) continue;
    return keySignatureTonic(sharps, payload[1]);
  }
  return null;
}
