// The postgres.js pool settings: one resolver, one visible defaults table, one precedence rule
// (explicit option > environment variable > preset default), and the startup banner that states the result.
import { availableParallelism } from 'node:os';
import { PipelineError } from '../../../core/errors.ts';

export type PoolPreset = 'warm' | 'lazy';

export interface PoolSettings {
  preset: PoolPreset;
  /** Connections opened at start and kept (postgres.js has no minimum: the adapter pre-opens them). */
  min: number;
  max: number;
  /** How long a statement may wait for a working connection, retries included, before DB_UNAVAILABLE. */
  acquireTimeoutSeconds: number;
  /** Close connections idle this long; null: never. */
  idleTimeoutSeconds: number | null;
  /** Replace connections this old; null: never; 'library': postgres.js's own default (random 30-60 min). */
  maxLifetimeSeconds: number | null | 'library';
  /** Check every open connection with `select 1` before use when the pool has been idle `validateAfterIdleSeconds`. */
  validate: boolean;
  validateAfterIdleSeconds: number;
  /** A validation probe unanswered this long marks its connection dead (it is destroyed and replaced). */
  validateTimeoutSeconds: number;
  /** Time for one connection attempt (capped at the acquire timeout). */
  connectTimeoutSeconds: number;
  /** `close()` waits this long for queries in flight, then destroys the connections. */
  endTimeoutSeconds: number;
  /** Shown in pg_stat_activity. */
  applicationName: string;
}

type Setting = Exclude<keyof PoolSettings, 'preset'>;
type Parsed<K extends Setting> = PoolSettings[K];

interface SettingSpec<K extends Setting> {
  env: string;
  /** The preset defaults; `workers` is the number of analysis workers that share the pool. */
  warm: (workers: number) => Parsed<K>;
  lazy: (workers: number) => Parsed<K>;
  parse: (text: string) => Parsed<K>;
}

// prettier-ignore
/**
 * The defaults table. `warm` is the seed change-log's pool (min = workers, max = workers + 2, 30 s acquire
 * timeout, no idle timeout, no max lifetime, validation after idle); `lazy` is postgres.js as shipped
 * (connections opened on first use, max 10, its own 30-60 min lifetime), plus the acquire timeout and end
 * timeout every pool gets here.
 *
 * Measured (docs/performance.md, `npm run bench:pool`): pre-opening saves only the connecting a lazy pool
 * does, 22-39 ms in a 1,603-file run (about 9 ms a connection on loopback), not the change log's 10-15%
 * throughput or 6.4 s per run; those claims were refuted. What `warm` does buy is a bounded pool (on the
 * Node server 980 against 553 req/s for lazy's max 10 on 2 cores) and validation, which bounds a silent
 * network path to the 5 s probe timeout where an unvalidated pool waits forever. An idle timeout or a short
 * max lifetime only adds reconnects, so warm has neither.
 */
export const POOL_SETTINGS: { [K in Setting]: SettingSpec<K> } = {
  min:                      { env: 'MIDI_PIPELINE_POOL_MIN',             warm: (w) => w,     lazy: () => 0,         parse: int },
  max:                      { env: 'MIDI_PIPELINE_POOL_MAX',             warm: (w) => w + 2, lazy: () => 10,        parse: int },
  acquireTimeoutSeconds:    { env: 'MIDI_PIPELINE_ACQUIRE_TIMEOUT',      warm: () => 30,     lazy: () => 30,        parse: seconds },
  idleTimeoutSeconds:       { env: 'MIDI_PIPELINE_IDLE_TIMEOUT',         warm: () => null,   lazy: () => null,      parse: secondsOrNever },
  maxLifetimeSeconds:       { env: 'MIDI_PIPELINE_MAX_LIFETIME',         warm: () => null,   lazy: () => 'library', parse: lifetime },
  validate:                 { env: 'MIDI_PIPELINE_VALIDATE',             warm: () => true,   lazy: () => false,     parse: bool },
  validateAfterIdleSeconds: { env: 'MIDI_PIPELINE_VALIDATE_AFTER_IDLE',  warm: () => 1,      lazy: () => 1,         parse: seconds },
  validateTimeoutSeconds:   { env: 'MIDI_PIPELINE_VALIDATE_TIMEOUT',     warm: () => 5,      lazy: () => 5,         parse: seconds },
  connectTimeoutSeconds:    { env: 'MIDI_PIPELINE_CONNECT_TIMEOUT',      warm: () => 30,     lazy: () => 30,        parse: seconds },
  endTimeoutSeconds:        { env: 'MIDI_PIPELINE_END_TIMEOUT',          warm: () => 5,      lazy: () => 5,         parse: seconds },
  applicationName:          { env: 'MIDI_PIPELINE_APPLICATION_NAME',     warm: () => 'midi-pipeline', lazy: () => 'midi-pipeline', parse: (t) => t },
};

export const POOL_PRESET_ENV = 'MIDI_PIPELINE_POOL';
export const DEFAULT_PRESET: PoolPreset = 'warm';

export type SettingSource = 'option' | 'env' | 'preset';

export interface PoolSettingsInput {
  /** Option > MIDI_PIPELINE_POOL > 'warm'. */
  preset?: PoolPreset;
  /** Analysis workers sharing the pool; default: the number of CPUs. */
  workers?: number;
  /** Explicit settings (CLI flags); undefined entries fall through to the environment. */
  options?: Partial<Omit<PoolSettings, 'preset'>>;
  /** Default: process.env. */
  env?: Record<string, string | undefined>;
}

export interface ResolvedPoolSettings {
  settings: PoolSettings;
  /** Where each value came from, e.g. `{max: 'env', min: 'preset', ...}`. */
  sources: Record<keyof PoolSettings, SettingSource>;
  workers: number;
}

/** e.g. `resolvePoolSettings({workers: 8})` -> warm: `{min: 8, max: 10, acquireTimeoutSeconds: 30, ...}`. */
export function resolvePoolSettings(input: PoolSettingsInput = {}): ResolvedPoolSettings {
  const env = input.env ?? process.env;
  const workers = input.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw invalid(`workers must be a positive integer, got ${workers}`);
  const presetSource: SettingSource = input.preset !== undefined ? 'option' : env[POOL_PRESET_ENV] ? 'env' : 'preset';
  const preset = input.preset ?? (env[POOL_PRESET_ENV] ? parsePreset(env[POOL_PRESET_ENV]!) : DEFAULT_PRESET);
  if (preset !== 'warm' && preset !== 'lazy') throw invalid(`pool preset must be warm or lazy, got ${String(preset)}`);

  const settings = { preset } as Record<string, unknown>;
  const sources = { preset: presetSource } as Record<string, SettingSource>;
  for (const key of Object.keys(POOL_SETTINGS) as Setting[]) {
    const spec = POOL_SETTINGS[key] as SettingSpec<Setting>;
    const option = input.options?.[key];
    const fromEnv = env[spec.env];
    if (option !== undefined) {
      settings[key] = option;
      sources[key] = 'option';
    } else if (fromEnv !== undefined && fromEnv !== '') {
      try {
        settings[key] = spec.parse(fromEnv);
      } catch (error) {
        throw invalid(`${spec.env}=${fromEnv}: ${(error as Error).message}`);
      }
      sources[key] = 'env';
    } else {
      settings[key] = spec[preset](workers);
      sources[key] = 'preset';
    }
  }
  const resolved = settings as unknown as PoolSettings;
  check(resolved);
  return { settings: resolved, sources: sources as ResolvedPoolSettings['sources'], workers };
}

/**
 * The startup banner: the effective settings, and where each non-default came from, e.g.
 * `database postgres://postgres@127.0.0.1:5432/midi via postgres.js, pool warm: min 8 (pre-opened), max 10, ...`.
 */
export function formatPoolBanner(resolved: ResolvedPoolSettings, url: string): string {
  const s = resolved.settings;
  const never = (v: number | null | 'library') => (v === null ? 'never' : v === 'library' ? 'postgres.js default (30-60 min)' : `${v} s`);
  const parts = [
    `min ${s.min}${s.min > 0 ? ' (pre-opened)' : ''}`,
    `max ${s.max}`,
    `acquire timeout ${s.acquireTimeoutSeconds} s`,
    `idle timeout ${never(s.idleTimeoutSeconds)}`,
    `max lifetime ${never(s.maxLifetimeSeconds)}`,
    s.validate ? `validate after ${s.validateAfterIdleSeconds} s idle (timeout ${s.validateTimeoutSeconds} s)` : 'no validation',
    `connect timeout ${s.connectTimeoutSeconds} s`,
    `end timeout ${s.endTimeoutSeconds} s`,
    `application_name ${s.applicationName}`,
  ];
  const overrides = (Object.keys(resolved.sources) as (keyof PoolSettings)[])
    .filter((k) => resolved.sources[k] !== 'preset')
    .map((k) => `${k} from ${resolved.sources[k] === 'env' ? (k === 'preset' ? POOL_PRESET_ENV : POOL_SETTINGS[k as Setting].env) : 'option'}`);
  return (
    `database ${redactUrl(url)} via postgres.js, pool ${s.preset} (${resolved.workers} workers): ${parts.join(', ')}` +
    (overrides.length > 0 ? `; set explicitly: ${overrides.join(', ')}` : '')
  );
}

/** The URL without its password, e.g. `postgres://u:secret@h/db` -> `postgres://u:***@h/db`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

function check(s: PoolSettings): void {
  if (!Number.isInteger(s.max) || s.max < 1) throw invalid(`pool max must be a positive integer, got ${s.max}`);
  if (!Number.isInteger(s.min) || s.min < 0 || s.min > s.max) throw invalid(`pool min must be an integer from 0 to max (${s.max}), got ${s.min}`);
  for (const key of ['acquireTimeoutSeconds', 'connectTimeoutSeconds', 'endTimeoutSeconds', 'validateAfterIdleSeconds', 'validateTimeoutSeconds'] as const) {
    if (!(s[key] > 0) || !Number.isFinite(s[key])) throw invalid(`${key} must be a positive number of seconds, got ${s[key]}`);
  }
  for (const key of ['idleTimeoutSeconds', 'maxLifetimeSeconds'] as const) {
    const v = s[key];
    if (v !== null && v !== 'library' && !(typeof v === 'number' && v > 0 && Number.isFinite(v))) {
      throw invalid(`${key} must be a positive number of seconds or null (never), got ${String(v)}`);
    }
  }
}

function parsePreset(text: string): PoolPreset {
  if (text !== 'warm' && text !== 'lazy') throw invalid(`${POOL_PRESET_ENV}=${text}: expected warm or lazy`);
  return text;
}

function int(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new Error('expected a whole number');
  return Number(text);
}

function seconds(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new Error('expected a positive number of seconds');
  return n;
}

function secondsOrNever(text: string): number | null {
  return /^(never|none|off|0)$/i.test(text.trim()) ? null : seconds(text);
}

function lifetime(text: string): number | null | 'library' {
  return /^(library|default)$/i.test(text.trim()) ? 'library' : secondsOrNever(text);
}

function bool(text: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text.trim())) return true;
  if (/^(0|false|no|off)$/i.test(text.trim())) return false;
  throw new Error('expected true or false');
}

function invalid(message: string): PipelineError {
  return new PipelineError('CONFIG_INVALID', message);
}
