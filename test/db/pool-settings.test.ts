// The pool settings resolver: option > environment > preset, the defaults table, validation, the banner.
import { describe, expect, test } from 'vitest';
import { formatPoolBanner, POOL_SETTINGS, redactUrl, resolvePoolSettings } from '../../adapters/local/db/pool-settings.ts';

describe('resolvePoolSettings', () => {
  test('warm: the seed pool sized from the workers', () => {
    const { settings, sources } = resolvePoolSettings({ workers: 8, env: {} });
    expect(settings).toEqual({
      preset: 'warm',
      min: 8,
      max: 10,
      acquireTimeoutSeconds: 30,
      idleTimeoutSeconds: null,
      maxLifetimeSeconds: null,
      validate: true,
      validateAfterIdleSeconds: 1,
      validateTimeoutSeconds: 5,
      connectTimeoutSeconds: 30,
      endTimeoutSeconds: 5,
      applicationName: 'midi-pipeline',
    });
    expect(Object.values(sources).every((s) => s === 'preset')).toBe(true);
  });

  test('lazy: postgres.js as shipped', () => {
    const { settings } = resolvePoolSettings({ preset: 'lazy', workers: 8, env: {} });
    expect(settings).toMatchObject({ preset: 'lazy', min: 0, max: 10, idleTimeoutSeconds: null, maxLifetimeSeconds: 'library', validate: false });
  });

  test('option beats environment beats preset', () => {
    const env = { MIDI_PIPELINE_POOL: 'lazy', MIDI_PIPELINE_POOL_MAX: '20', MIDI_PIPELINE_POOL_MIN: '3', MIDI_PIPELINE_IDLE_TIMEOUT: '60', MIDI_PIPELINE_VALIDATE: 'yes' };
    const { settings, sources } = resolvePoolSettings({ workers: 4, env, options: { max: 12 } });
    expect(settings).toMatchObject({ preset: 'lazy', min: 3, max: 12, idleTimeoutSeconds: 60, validate: true });
    expect(sources).toMatchObject({ preset: 'env', min: 'env', max: 'option', idleTimeoutSeconds: 'env', validate: 'env', acquireTimeoutSeconds: 'preset' });
    expect(resolvePoolSettings({ preset: 'warm', workers: 4, env }).settings.preset).toBe('warm');
  });

  test('"never" and "library" spellings from the environment', () => {
    const { settings } = resolvePoolSettings({ workers: 2, env: { MIDI_PIPELINE_IDLE_TIMEOUT: 'never', MIDI_PIPELINE_MAX_LIFETIME: 'library' } });
    expect(settings).toMatchObject({ idleTimeoutSeconds: null, maxLifetimeSeconds: 'library' });
  });

  test('every setting has one environment variable', () => {
    const names = Object.values(POOL_SETTINGS).map((s) => s.env);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => n.startsWith('MIDI_PIPELINE_'))).toBe(true);
  });

  test.each([
    [{ env: { MIDI_PIPELINE_POOL_MAX: 'ten' } }, /MIDI_PIPELINE_POOL_MAX=ten/],
    [{ env: { MIDI_PIPELINE_POOL: 'hot' } }, /warm or lazy/],
    [{ env: {}, options: { min: 5, max: 4 } }, /pool min/],
    [{ env: {}, options: { acquireTimeoutSeconds: 0 } }, /acquireTimeoutSeconds/],
    [{ env: {}, workers: 0 }, /workers/],
  ])('rejects %j with CONFIG_INVALID', (input, message) => {
    expect(() => resolvePoolSettings({ workers: 2, ...input })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(message) }));
  });
});

describe('formatPoolBanner', () => {
  test('states the effective settings and what was set explicitly, without the password', () => {
    const resolved = resolvePoolSettings({ workers: 8, env: { MIDI_PIPELINE_POOL_MAX: '12' }, options: { acquireTimeoutSeconds: 10 } });
    expect(formatPoolBanner(resolved, 'postgres://me:secret@db.example:5432/midi')).toBe(
      'database postgres://me:***@db.example:5432/midi via postgres.js, pool warm (8 workers): min 8 (pre-opened), max 12, ' +
        'acquire timeout 10 s, idle timeout never, max lifetime never, validate after 1 s idle (timeout 5 s), connect timeout 30 s, ' +
        'end timeout 5 s, application_name midi-pipeline; set explicitly: max from MIDI_PIPELINE_POOL_MAX, acquireTimeoutSeconds from option',
    );
  });

  test('redactUrl leaves URLs without a password alone', () => {
    expect(redactUrl('postgres://postgres@127.0.0.1:5432/x')).toBe('postgres://postgres@127.0.0.1:5432/x');
  });
});
