// Hand-built base inputs: small, valid files that each exercise one feature the corpus may have rarely
// (SMPTE timing, format 2, RMID, GS drum SysEx, lyrics, overlapping notes on one key...), so that their
// mutations reach that feature's code. Every byte is spelled out (test/support/bytes.ts).
import { EOT, ascii, bytes, chunk, concat, header, track, u32le } from '../support/bytes.ts';

const conductor = track(
  concat(
    bytes('00 ff03 05', ascii('Tempo')), //                         track name
    bytes('00 ff51 03 07a120'), //                                  500,000 µs = 120 BPM
    bytes('00 ff58 04 04 02 18 08'), //                             4/4
    bytes('00 ff59 02 fd 01'), //                                   3 flats, minor: C minor
    bytes('8360 ff51 03 0927c0'), //                                tick 480: 600,000 µs = 100 BPM
    bytes('00 ff58 04 03 02 18 08'), //                             3/4
    bytes(EOT),
  ),
);

/** C minor arpeggio and chords on channel 1, with a program change and note-off as note-on velocity 0. */
const piano = track(
  concat(
    bytes('00 ff03 05', ascii('Piano')),
    bytes('00 c000'),
    bytes('00 903c50 00 3f50 00 4350 8360 3c00 00 3f00 00 4300'), // C Eb G together, running status offs
    bytes('00 904150 00 4450 00 4850 8360 804100 00 4400 00 4800'),
    bytes('00 903e50 00 4150 00 4350 00 4750 8360 803e40 00 4140 00 4340 00 4740'),
    bytes(EOT),
  ),
);

/** Drums on channel 10, then channel 2 turned into a drum part by GS SysEx and GM2 bank select 120. */
const drums = track(
  concat(
    bytes('00 f00a 41 10 42 12 40 11 15 01 19 f7'), //              GS: part 1 -> drums (channel 2)
    bytes('00 b100 78'), //                                         GM2 bank MSB 120 on channel 2
    bytes('00 99 24 64 60 24 00 00 26 64 60 26 00'),
    bytes('00 91 24 64 60 81 24 40'),
    bytes('00 f0 05 7e 7f 09 01 f7'), //                            GM System On (reset)
    bytes(EOT),
  ),
);

const lyrics = track(
  concat(
    bytes('00 ff02 08', ascii('(c) 1999')),
    bytes('00 ff06 05', ascii('Verse')),
    bytes('00 ff05 03', ascii('Hel')),
    bytes('00 904064 60 ff05 03', ascii('lo ')), //                  lyric between note on and off
    bytes('00 804000'),
    bytes('00 ff01 04 e9 f1 fc ff'), //                             text that is not UTF-8
    bytes(EOT),
  ),
);

/** The same key struck three times before any release (FIFO pairing), and zero-length notes. */
const overlapping = track(
  bytes('00 903c40 10 3c41 10 3c42 10 803c00 10 3c00 10 3c00 00 903e40 00 803e00 00 9040 7f 00 40 00', EOT),
);

/** Running status across meta and SysEx events, real-time and system-common bytes inside the track. */
const oddities = track(
  bytes('00 904040 00 ff01 01 41 00 4000 00 f8 00 f3 01 00 904040 00 f7 02 01 02 10 4000 00 fe 00 90 45 40 00 f2 01 02 00 804500', EOT),
);

export interface Fixture {
  name: string;
  bytes: Uint8Array;
}

/** Valid files, one feature each. */
export function handBuiltFixtures(): Fixture[] {
  const smf = (format: number, division: number, ...tracks: Uint8Array[]) => concat(header(format, tracks.length, division), ...tracks);
  const format1 = smf(1, 480, conductor, piano, drums, lyrics);
  const rmidBody = concat(bytes(ascii('RMID'), ascii('data'), u32le(format1.length)), format1);
  return [
    { name: 'format0', bytes: smf(0, 96, piano) },
    { name: 'format1', bytes: format1 },
    { name: 'format2', bytes: smf(2, 480, conductor, concat(piano), track(bytes('00 ff51 03 03d090', '00 903c40 8360 803c40', EOT))) },
    { name: 'smpte-25x40', bytes: smf(1, 0xe728, conductor, piano, drums) },
    { name: 'smpte-29.97x80', bytes: smf(1, 0xe350, conductor, piano) },
    { name: 'rmid', bytes: concat(bytes(ascii('RIFF'), u32le(rmidBody.length)), rmidBody) },
    { name: 'overlapping', bytes: smf(0, 480, overlapping) },
    { name: 'oddities', bytes: smf(1, 480, oddities, lyrics) },
    { name: 'alien-and-trailing', bytes: concat(smf(1, 480, conductor, chunk('XFIH', bytes('01 02 03')), piano), bytes('00 00 00 00 4d')) },
    { name: 'header-only', bytes: header(1, 0, 480) },
  ];
}
