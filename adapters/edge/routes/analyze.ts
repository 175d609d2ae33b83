// `POST /analyze`: the analysis JSON of the uploaded file; `?store=true` also stores it (token and
// database checked before the body is read), `?notes=tone` adds @tonejs/midi's JSON of the notes,
// `?include=roll` the piano roll and tempo points of the project's own reader (web/roll-data.ts).
import { analyzeFile, sha256Hex } from '../../../core/analysis/analyze.ts';
import { analysisContext } from '../../../core/analysis/context.ts';
import { storeAnalysis } from '../../../core/db/write-files.ts';
import { readMidi } from '../../../core/midi/read.ts';
import { toneJson } from '../../../core/midi/tone-json.ts';
import type { EdgeAppOptions } from '../app-env.ts';
import { requireBearer } from '../auth.ts';
import { readMidiUpload } from '../body.ts';
import { httpError } from '../http-errors.ts';
import { errorResponses } from '../openapi/document.ts';
import { ref } from '../openapi/schemas.ts';
import { flagValue, searchParams, singleValues } from '../query-params.ts';
import { hasDb } from '../request-db.ts';
import { MAX_ROLL_NOTES, rollOf } from '../web/roll-data.ts';
import type { RouteSpec } from './route-spec.ts';
import { UPLOAD_BODY } from './upload-body.ts';

export function analyzeRoute(options: EdgeAppOptions): RouteSpec {
  return {
    method: 'post',
    path: '/analyze',
    usesDb: true,
    operation: {
      operationId: 'analyze',
      summary: 'Analyse a MIDI file (and optionally store the analysis)',
      parameters: [
        { name: 'store', in: 'query', schema: { type: 'boolean', default: false }, description: 'Also store the analysis in the library (needs a database, and the bearer token when the server has one). Bytes that are not MIDI are answered 422 and not stored.' },
        { name: 'notes', in: 'query', schema: { type: 'string', enum: ['tone'] }, description: 'Add the notes as @tonejs/midi JSON in `notes`.' },
        {
          name: 'include',
          in: 'query',
          schema: { type: 'string', enum: ['roll'] },
          description: `Add \`roll\`: the notes as compact arrays in start order (at most ${MAX_ROLL_NOTES}, the earliest) and the tempo map as points, from the reader that also reads the files @tonejs/midi refuses.`,
        },
      ],
      requestBody: UPLOAD_BODY,
      security: [{}, { bearer: [] }],
      responses: {
        '200': {
          description: 'The analysis (with `notes` when asked for)',
          headers: {
            'X-File-Id': { schema: { type: 'integer' }, description: 'With store=true: the stored file id' },
            'X-File-Inserted': { schema: { type: 'boolean' }, description: 'With store=true: whether the content was new to the library' },
          },
          content: { 'application/json': { schema: { anyOf: [ref('Analysis'), ref('AnalysisWithNotes'), ref('AnalysisWithRoll')] } } },
        },
        ...errorResponses('400', '401', '413', '415', '422', '503'),
      },
    },
    async handler(c) {
      const query = singleValues(searchParams(c.req.raw), ['store', 'notes', 'include']);
      const store = query.store === undefined ? false : flagValue(query.store, 'store');
      if (query.notes !== undefined && query.notes !== 'tone') throw httpError('QUERY_INVALID', `notes accepts only "tone", got "${query.notes.slice(0, 64)}"`);
      if (query.include !== undefined && query.include !== 'roll') throw httpError('QUERY_INVALID', `include accepts only "roll", got "${query.include.slice(0, 64)}"`);
      // Refuse a store that cannot succeed before reading the upload.
      if (store && options.apiToken) requireBearer(c.req.header('authorization') ?? null, options.apiToken);
      if (store && !hasDb(options)) throw httpError('DB_NOT_CONFIGURED', 'this server has no database to store in (set DATABASE_URL)');

      const bytes = await readMidiUpload(c.req.raw, options.maxBodyBytes, options.bodyTimeoutMs);
      // Read once: the roll comes from the same parse as the analysis.
      const file = readMidi(bytes, { maxBytes: options.maxBodyBytes });
      // The note orders and drum mask, shared by the analysis and the roll.
      const context = analysisContext(file);
      const analysis = analyzeFile(file, await (options.sha256 ?? sha256Hex)(bytes), bytes.length, context);
      if (store) {
        const written = await storeAnalysis(await c.var.db(), analysis);
        c.header('X-File-Id', String(written.fileId));
        c.header('X-File-Inserted', String(written.inserted));
      }
      if (query.notes === undefined && query.include === undefined) return c.json(analysis);
      return c.json({ ...analysis, ...(query.notes === 'tone' ? { notes: toneJson(bytes) } : {}), ...(query.include === 'roll' ? { roll: rollOf(file, context) } : {}) });
    },
  };
}
