// The OpenAPI document of the HTTP API, generated from the same route specs the app registers
// (routes/route-spec.ts): a route cannot be served without being described.
import type { RouteSpec } from '../routes/route-spec.ts';
import { openApiPath } from '../routes/route-spec.ts';
import { ref, SCHEMAS } from './schemas.ts';

export interface DocumentInfo {
  version: string;
  maxBodyBytes: number;
  /** Whether storing needs a bearer token on this server. */
  tokenRequired: boolean;
}

/** The error responses of the contract, shared by the operations that can produce them. */
export const ERROR_RESPONSES: Record<string, Record<string, unknown>> = {
  '400': errorResponse('Malformed request: unknown or repeated query parameter, bad filter value, malformed multipart body'),
  '401': errorResponse('Missing or wrong bearer token'),
  '404': errorResponse('Not found'),
  '413': errorResponse('Request body over MAX_BODY_BYTES'),
  '415': errorResponse('Content type is not audio/midi, audio/x-midi, application/octet-stream or multipart/form-data'),
  '422': errorResponse('The bytes are not MIDI; `error.code` is MIDI_EMPTY, MIDI_NOT_SMF, MIDI_BAD_HEADER or MIDI_NO_TRACKS'),
  '503': errorResponse('The database is unavailable or not configured (DB_UNAVAILABLE, DB_NOT_CONFIGURED)'),
};

/** The shared error responses for these statuses, e.g. `errorResponses('404', '503')`. */
export function errorResponses(...statuses: string[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(statuses.map((s) => [s, ERROR_RESPONSES[s]!]));
}

/** e.g. `openApiDocument(routes, {version: '0.1.0', ...}).paths['/files/{sha256}'].get.operationId === 'getFile'`. */
export function openApiDocument(routes: readonly RouteSpec[], info: DocumentInfo): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path]![route.method] = route.operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'midi-pipeline',
      version: info.version,
      description:
        'MIDI analysis on demand: analyse, split, store and search MIDI files. The same API on Node, Deno and ' +
        `Cloudflare Workers. Request bodies up to ${info.maxBodyBytes} bytes on this server. Errors are ` +
        '`{"error": {"code", "message"}}`.' +
        (info.tokenRequired ? ' Storing needs `Authorization: Bearer <API_TOKEN>`.' : ''),
    },
    paths,
    components: {
      schemas: SCHEMAS,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API_TOKEN, needed to store when the server sets one' } },
    },
  };
}

function errorResponse(description: string): Record<string, unknown> {
  return { description, content: { 'application/json': { schema: ref('Error') } } };
}
