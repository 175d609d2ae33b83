// analyzeMidi / analyzeBytes: the composed analysis and its errors.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ANALYZER_VERSION, analyzeBytes, analyzeMidi, sha256Hex } from '../../core/analysis/analyze.ts';
import { keySignature, notes, tempo, timeSignature, trackName } from '../support/smf.ts';
import { smf } from '../support/smf.ts';

/** Every field of the contract's analysis JSON (../shared/docs/contract.md). */
const CONTRACT_FIELDS = [
  'analyzerVersion', 'sha256', 'sizeBytes', 'container', 'format', 'trackCount', 'ppq', 'smpte', 'durationSeconds',
  'durationTicks', 'notesEndSeconds', 'noteCount', 'drumNoteCount', 'tempo', 'timeSignature', 'key', 'keySignature',
  'pitch', 'velocity', 'polyphony', 'notesPerSecond', 'channels', 'instruments', 'hasDrums', 'tracks', 'text',
  'chords', 'fingerprint', 'warnings',
];

const song = smf({
  ppq: 96,
  tracks: [
    [trackName(0, 'Song'), tempo(0, 100), timeSignature(0, 3, 2), keySignature(0, 0, 0)],
    notes([60, 64, 67, 72, 67, 64, 60, 62, 64, 65, 67].map((pitch, i) => ({ at: i * 96, length: 96, pitch }))),
  ],
});

describe('analyzeMidi', () => {
  it('fills every contract field, and the result survives JSON', () => {
    const a = analyzeMidi(song, { sha256: 'abc' });
    for (const field of CONTRACT_FIELDS) expect(a, field).toHaveProperty(field);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(a).toMatchObject({
      analyzerVersion: ANALYZER_VERSION,
      sha256: 'abc',
      sizeBytes: song.length,
      container: 'smf',
      format: 1,
      trackCount: 2,
      ppq: 96,
      smpte: null,
      noteCount: 11,
      drumNoteCount: 0,
      hasDrums: false,
      timeSignature: { numerator: 3, denominator: 4, changes: 0 },
      keySignature: { tonic: 'C', mode: 'major' },
      warnings: [],
    });
    expect(a.durationSeconds).toBeCloseTo(11 * 0.6, 9);
  });

  it('throws typed errors for input that is not MIDI', () => {
    expect(() => analyzeMidi(new Uint8Array(), { sha256: '' })).toThrow(expect.objectContaining({ code: 'MIDI_EMPTY' }));
    expect(() => analyzeMidi(new TextEncoder().encode('<html></html>'), { sha256: '' })).toThrow(expect.objectContaining({ code: 'MIDI_NOT_SMF' }));
    expect(() => analyzeMidi(song, { sha256: '', maxBytes: 10 })).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }));
  });

  it('passes the reader warnings through', () => {
    const noEnd = smf({ tracks: [notes([{ at: 0, length: 480, pitch: 60 }])], endOfTrack: false });
    expect(analyzeMidi(noEnd, { sha256: '' }).warnings.map((w) => w.code)).toContain('MISSING_END_OF_TRACK');
  });
});

describe('analyzeBytes', () => {
  it('hashes with SHA-256 and analyses', async () => {
    const result = await analyzeBytes(song);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.analysis.sha256).toBe(createHash('sha256').update(song).digest('hex'));
    expect(await sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('returns errors as values, never throws', async () => {
    expect(await analyzeBytes(new Uint8Array())).toEqual({ ok: false, error: { code: 'MIDI_EMPTY', message: 'file is empty' } });
    const result = await analyzeBytes(Uint8Array.of(0x4d, 0x54, 0x68, 0x64));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('MIDI_BAD_HEADER');
  });
});
