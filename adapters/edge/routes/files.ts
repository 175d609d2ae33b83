// `GET /files/:sha256` (one stored file with its analysis) and `GET /files?...` (a page of the library
// search, the `query` command's filters as parameters; keyset paging with `after`).
import { queryLibrary, findFile } from '../../../core/db/library.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../core/db/library-query.ts';
import { httpError } from '../http-errors.ts';
import { parseLibraryParams } from '../library-params.ts';
import { errorResponses } from '../openapi/document.ts';
import { ref } from '../openapi/schemas.ts';
import { searchParams, singleValues } from '../query-params.ts';
import { SHA256_PARAM, sha256Param } from './file-param.ts';
import type { RouteSpec } from './route-spec.ts';

export function fileRoute(): RouteSpec {
  return {
    method: 'get',
    path: '/files/:sha256',
    usesDb: true,
    operation: {
      operationId: 'getFile',
      summary: 'A stored file and its analysis, by content hash',
      parameters: [SHA256_PARAM],
      responses: {
        '200': { description: 'The stored file', content: { 'application/json': { schema: ref('StoredFile') } } },
        ...errorResponses('400', '404', '503'),
      },
    },
    async handler(c) {
      singleValues(searchParams(c.req.raw), []);
      const sha256 = sha256Param(c);
      const file = await findFile(await c.var.db(), sha256);
      if (!file) throw httpError('NOT_FOUND', `no stored file with SHA-256 ${sha256}`);
      return c.json(file);
    },
  };
}

const filter = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', schema, description });

export function filesRoute(): RouteSpec {
  return {
    method: 'get',
    path: '/files',
    usesDb: true,
    operation: {
      operationId: 'queryFiles',
      summary: 'Search the library (the filters of `midi-pipeline query`)',
      parameters: [
        filter('bpm', 'Dominant tempo: `120..128`, `120..`, `..90` or `120`'),
        filter('key', 'Estimated key: `A minor`, `Am`, `F# major`, `Bb` (either mode)'),
        filter('time-signature', 'First time signature, e.g. `3/4`'),
        filter('min-duration', 'Seconds', { type: 'number', minimum: 0 }),
        filter('max-duration', 'Seconds', { type: 'number', minimum: 0 }),
        filter('instrument', 'A GM family ("piano") or program name ("Acoustic Grand Piano"), any case'),
        filter('drums', 'Only files with drums (`drums` or `drums=true`), or without (`drums=false`)', { type: 'boolean' }),
        filter('no-drums', 'Only files without drums', { type: 'boolean' }),
        filter('text', 'A word or phrase in track names, lyrics, markers, copyright or paths, any case', { type: 'string', maxLength: 200 }),
        filter('limit', `Items per page (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE})`, { type: 'integer', minimum: 1 }),
        filter('after', '`nextCursor` of the previous page'),
      ],
      responses: {
        '200': { description: 'A page of matching files, in file-id order', content: { 'application/json': { schema: ref('LibraryPage') } } },
        ...errorResponses('400', '503'),
      },
    },
    async handler(c) {
      const { filters, page } = parseLibraryParams(searchParams(c.req.raw));
      return c.json(await queryLibrary(await c.var.db(), filters, page));
    },
  };
}
