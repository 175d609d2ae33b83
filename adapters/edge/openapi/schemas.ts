// JSON Schemas (OpenAPI 3.1 dialect, i.e. JSON Schema 2020-12) of the response bodies: the contract's
// Analysis JSON (core/analysis/types.ts), stored files, library pages, health and errors. Kept honest by
// test/edge/openapi.test.ts, which validates real responses against them.

const integer = { type: 'integer' } as const;
const number = { type: 'number' } as const;
const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
  ...extra,
});
const arrayOf = (items: unknown) => ({ type: 'array', items });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const PITCH_CLASSES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const tonic = { type: 'string', enum: PITCH_CLASSES };
const mode = { type: 'string', enum: ['major', 'minor'] };

const Analysis = object(
  {
    analyzerVersion: integer,
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    sizeBytes: integer,
    container: { type: 'string', enum: ['smf', 'rmid'] },
    format: { type: 'integer', enum: [0, 1, 2] },
    trackCount: integer,
    ppq: nullable(integer),
    smpte: nullable(object({ fps: number, ticksPerFrame: integer })),
    durationSeconds: number,
    durationTicks: integer,
    notesEndSeconds: number,
    noteCount: integer,
    drumNoteCount: integer,
    tempo: object({ initialBpm: number, dominantBpm: number, minBpm: number, maxBpm: number, changes: integer }),
    timeSignature: nullable(object({ numerator: integer, denominator: integer, changes: integer })),
    key: nullable(
      object({ tonic, mode, confidence: number, alternates: arrayOf(object({ tonic, mode, score: number })), profile: string }),
    ),
    keySignature: nullable(object({ tonic, mode })),
    pitch: nullable(object({ min: integer, max: integer, unique: integer })),
    velocity: nullable(object({ min: integer, max: integer, mean: number })),
    polyphony: object({ max: integer, mean: number }),
    notesPerSecond: number,
    channels: arrayOf({ type: 'integer', minimum: 1, maximum: 16 }),
    instruments: arrayOf(object({ channel: integer, program: integer, name: string, family: string })),
    hasDrums: boolean,
    tracks: arrayOf(object({ index: integer, name: nullable(string), noteCount: integer, channels: arrayOf(integer) })),
    text: object({ trackNames: arrayOf(string), copyright: nullable(string), markers: arrayOf(string), lyrics: arrayOf(string) }),
    chords: object({ count: integer, progression: arrayOf(string) }),
    fingerprint: string,
    warnings: arrayOf(object({ code: string, message: string, offset: integer })),
  },
  { description: 'The analysis JSON of the contract: the same from the CLI (`inspect --json`), HTTP and the database. Fields may be added.' },
);

const AnalysisWithNotes = {
  allOf: [ref('Analysis'), { type: 'object', required: ['notes'], properties: { notes: { description: '@tonejs/midi JSON (`?notes=tone`), or `{error}` when @tonejs/midi cannot read the file' } } }],
};

const Roll = object(
  {
    noteCount: integer,
    truncated: boolean,
    notes: object({
      start: arrayOf(number),
      duration: arrayOf(number),
      pitch: arrayOf({ type: 'integer', minimum: 0, maximum: 127 }),
      velocity: arrayOf({ type: 'integer', minimum: 0, maximum: 127 }),
      channel: arrayOf({ type: 'integer', minimum: 1, maximum: 16 }),
      track: arrayOf(integer),
      drum: arrayOf({ type: 'integer', enum: [0, 1] }),
    }),
    tempo: object({ seconds: arrayOf(number), bpm: arrayOf(number), sampled: boolean }),
  },
  {
    description:
      'Piano roll data: notes as parallel arrays sorted by start (seconds, rounded to ms), at most 20,000 (the earliest; `truncated` then), ' +
      'and the tempo map as steps (`bpm[i]` from `seconds[i]`; empty for SMPTE timing; evenly sampled past 2,000 points).',
  },
);

const AnalysisWithRoll = {
  allOf: [ref('Analysis'), { type: 'object', required: ['roll'], properties: { roll: ref('Roll') } }],
};

const relatedFile = { fileId: integer, sha256: string, path: nullable(string) };
const FileRelations = object({
  parents: arrayOf(object({ ...relatedFile, trackIndex: integer })),
  children: arrayOf(object({ ...relatedFile, trackIndex: integer })),
  sameFingerprint: arrayOf(object(relatedFile)),
  more: object({ parents: boolean, children: boolean, sameFingerprint: boolean }),
});

const StoredFile = object({
  fileId: integer,
  sha256: string,
  sizeBytes: integer,
  paths: arrayOf(string),
  status: { type: 'string', enum: ['pending', 'analyzed', 'failed'] },
  analysis: nullable(ref('Analysis')),
  analyzerVersion: nullable(integer),
  error: nullable(object({ code: string, message: string, retryable: boolean })),
  origin: nullable(object({ parentId: integer, trackIndex: integer })),
});

const LibraryPage = object({
  items: arrayOf(object({ fileId: integer, sha256: string, sizeBytes: integer, paths: arrayOf(string), analysis: ref('Analysis') })),
  nextCursor: { ...nullable(string), description: 'Pass as `after` for the next page; null on the last page.' },
});

const Health = object({
  ok: { type: 'boolean', const: true },
  version: string,
  analyzerVersion: integer,
  db: { type: 'string', enum: ['up', 'down', 'none'] },
});

const Error = object({ error: object({ code: string, message: string }) });

export const SCHEMAS: Record<string, unknown> = { Analysis, AnalysisWithNotes, AnalysisWithRoll, Roll, StoredFile, FileRelations, LibraryPage, Health, Error };
export { ref };
