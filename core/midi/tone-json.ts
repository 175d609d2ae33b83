// The @tonejs/midi JSON note model (tracks with notes in seconds and ticks), offered next to our analysis
// as `?notes=tone` and `inspect --notes tone`. Tone throws plain strings on broken files, so it is wrapped.
import * as tone from '@tonejs/midi';
import type { ErrorInfo } from '../errors.ts';

type ToneMidiClass = new (bytes: Uint8Array) => { toJSON(): unknown };

// @tonejs/midi is CommonJS only: the class is `Midi` on the namespace or on its default export.
const namespace = tone as unknown as { Midi?: ToneMidiClass; default?: { Midi?: ToneMidiClass } };
const Midi = (namespace.Midi ?? namespace.default?.Midi) as ToneMidiClass;

/** Tone's JSON for the file, or `{error}` when Tone cannot read it (our reader may still have). */
export function toneJson(bytes: Uint8Array): unknown {
  try {
    return new Midi(bytes).toJSON();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: { code: 'TONE_UNREADABLE', message: `@tonejs/midi cannot read this file: ${message}` } satisfies ErrorInfo };
  }
}
