// One route of the HTTP API: how Hono serves it and how the OpenAPI document describes it, side by side,
// so the document is generated from the same objects the app is built from (openapi/document.ts).
import type { Handler } from 'hono';
import type { AppEnv } from '../app-env.ts';

export type HttpMethod = 'get' | 'post';

/** An OpenAPI 3.1 operation object (https://spec.openapis.org/oas/v3.1.0#operation-object), loosely typed. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: Record<string, unknown>[];
  requestBody?: Record<string, unknown>;
  responses: Record<string, Record<string, unknown>>;
  security?: Record<string, string[]>[];
}

export interface RouteSpec {
  method: HttpMethod;
  /** Hono's syntax, e.g. "/files/:sha256" (the document writes "/files/{sha256}"). */
  path: string;
  /** Routes that may open the request's database get the request-db middleware (it opens nothing unless asked). */
  usesDb: boolean;
  operation: OpenApiOperation;
  handler: Handler<AppEnv>;
}

/** e.g. `openApiPath('/files/:sha256') === '/files/{sha256}'`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
