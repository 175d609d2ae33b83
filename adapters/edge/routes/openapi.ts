// `GET /openapi.json`: the document generated from the route specs (openapi/document.ts).
import type { RouteSpec } from './route-spec.ts';

export function openApiRoute(document: () => Record<string, unknown>): RouteSpec {
  return {
    method: 'get',
    path: '/openapi.json',
    usesDb: false,
    operation: {
      operationId: 'openapi',
      summary: 'This document',
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
    },
    handler: (c) => c.json(document()),
  };
}
