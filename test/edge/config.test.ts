// The edge settings from an environment: defaults, sizes, the proxy switches, refusals; and the version
// reported by /health equals package.json's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES } from '../../adapters/edge/app.ts';
import { DEFAULT_BODY_TIMEOUT_MS } from '../../adapters/edge/body.ts';
import { byteSize, DEFAULT_CONNECT_TIMEOUT_MS, neonOpener, resolveEdgeConfig } from '../../adapters/edge/config.ts';
import { VERSION } from '../../adapters/edge/version.ts';
import { isPipelineError } from '../../core/errors.ts';
import { projectRoot } from '../support/mido.ts';

describe('resolveEdgeConfig', () => {
  it('defaults to 16 MiB, no token, no database', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(16 * 1024 * 1024);
    const config = resolveEdgeConfig({});
    expect(config).toEqual({ maxBodyBytes: DEFAULT_MAX_BODY_BYTES, bodyTimeoutMs: DEFAULT_BODY_TIMEOUT_MS, apiToken: null, databaseUrl: null, neon: { connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS } });
    expect(neonOpener(config)).toBeNull();
  });

  it('reads every variable, treating blank ones as unset', () => {
    const config = resolveEdgeConfig({
      MAX_BODY_BYTES: '1MiB',
      BODY_TIMEOUT_MS: '5000',
      API_TOKEN: ' s3cret ',
      DATABASE_URL: 'postgres://u@db/x',
      NEON_WS_PROXY: '127.0.0.1:5488/v1',
      NEON_USE_SECURE_WEBSOCKET: 'false',
      NEON_PIPELINE_CONNECT: 'false',
      NEON_CONNECT_TIMEOUT_MS: '2500',
      NEON_POOL_MAX: '3',
      UNRELATED: 'x',
    });
    expect(config).toEqual({
      maxBodyBytes: 1048576,
      bodyTimeoutMs: 5000,
      apiToken: 's3cret',
      databaseUrl: 'postgres://u@db/x',
      neon: { wsProxy: '127.0.0.1:5488/v1', useSecureWebSocket: false, pipelineConnect: false, connectTimeoutMs: 2500, max: 3 },
    });
    expect(resolveEdgeConfig({ API_TOKEN: '  ', DATABASE_URL: '' })).toMatchObject({ apiToken: null, databaseUrl: null });
    expect(resolveEdgeConfig({ NEON_PIPELINE_CONNECT: 'password' }).neon.pipelineConnect).toBe('password');
  });

  it('refuses values it cannot use, naming the variable', () => {
    for (const env of [{ MAX_BODY_BYTES: '0' }, { MAX_BODY_BYTES: 'lots' }, { MAX_BODY_BYTES: '-5' }, { NEON_POOL_MAX: '0' }, { NEON_USE_SECURE_WEBSOCKET: 'maybe' }, { NEON_CONNECT_TIMEOUT_MS: '1.5' }, { BODY_TIMEOUT_MS: '0' }]) {
      let error: unknown;
      try {
        resolveEdgeConfig(env);
      } catch (e) {
        error = e;
      }
      expect(isPipelineError(error, 'CONFIG_INVALID'), JSON.stringify(env)).toBe(true);
      expect((error as Error).message).toContain(Object.keys(env)[0]);
    }
  });

  it('reads sizes in bytes or binary units', () => {
    expect([byteSize('1000', 'X'), byteSize('16MiB', 'X'), byteSize('512k', 'X'), byteSize('1.5 MB', 'X')]).toEqual([1000, 16777216, 524288, 1572864]);
  });
});

describe('VERSION', () => {
  it('is package.json\'s version', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version);
  });
});
