// `GET /files/:sha256/related`: the split parents and per-track children of a stored file, and the other
// files with its note fingerprint (core/db/file-relations.ts), for the file's web page.
import { DEFAULT_RELATIONS_LIMIT, fileRelations } from '../../../core/db/file-relations.ts';
import { httpError } from '../http-errors.ts';
import { errorResponses } from '../openapi/document.ts';
import { ref } from '../openapi/schemas.ts';
import { searchParams, singleValues } from '../query-params.ts';
import { SHA256_PARAM, sha256Param } from './file-param.ts';
import type { RouteSpec } from './route-spec.ts';

export function fileRelationsRoute(): RouteSpec {
  return {
    method: 'get',
    path: '/files/:sha256/related',
    usesDb: true,
    operation: {
      operationId: 'getFileRelations',
      summary: 'Files related to a stored file: split parents and children, files with the same notes',
      description: `Each list holds at most ${DEFAULT_RELATIONS_LIMIT} files; \`more\` says which were cut. Files without notes have no same-notes list.`,
      parameters: [SHA256_PARAM],
      responses: {
        '200': { description: 'The related files', content: { 'application/json': { schema: ref('FileRelations') } } },
        ...errorResponses('400', '404', '503'),
      },
    },
    async handler(c) {
      singleValues(searchParams(c.req.raw), []);
      const sha256 = sha256Param(c);
      const relations = await fileRelations(await c.var.db(), sha256);
      if (!relations) throw httpError('NOT_FOUND', `no stored file with SHA-256 ${sha256}`);
      return c.json(relations);
    },
  };
}
