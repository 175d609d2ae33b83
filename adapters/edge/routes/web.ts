// `GET /` (the web page: analyse a file, browse the library) and `GET /assets/:name` (its script, style and
// icon), served by the app itself so every runtime has them (web/assets.ts). Documented like the API
// routes: the document lists every route the app serves.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { httpError } from '../http-errors.ts';
import { errorResponses } from '../openapi/document.ts';
import { searchParams, singleValues } from '../query-params.ts';
import { ASSETS, PAGE, type WebAsset } from '../web/assets.ts';
import { WEB_SECURITY_HEADERS } from '../web/security-headers.ts';
import type { RouteSpec } from './route-spec.ts';

const TAGS = ['web'];

export function webPageRoute(): RouteSpec {
  return {
    method: 'get',
    path: '/',
    usesDb: false,
    operation: {
      operationId: 'webPage',
      summary: 'The web page: analyse a file, browse the library',
      description: 'One HTML page; its views are addressed by the fragment (`#/`, `#/library?...`, `#/files/{sha256}`) and use the API routes.',
      tags: TAGS,
      responses: {
        '200': { description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } },
        '304': { description: 'Not modified (If-None-Match)' },
      },
    },
    // Query parameters are ignored, not refused: people link to this page.
    handler: (c) => sendAsset(c, PAGE),
  };
}

export function webAssetRoute(): RouteSpec {
  return {
    method: 'get',
    path: '/assets/:name',
    usesDb: false,
    operation: {
      operationId: 'webAsset',
      summary: "The web page's script, style sheet and icon",
      tags: TAGS,
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', enum: Object.keys(ASSETS) } }],
      responses: {
        '200': {
          description: 'The asset',
          content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } }, 'image/svg+xml': { schema: { type: 'string' } } },
        },
        '304': { description: 'Not modified (If-None-Match)' },
        ...errorResponses('400', '404'),
      },
    },
    handler: (c) => {
      singleValues(searchParams(c.req.raw), []);
      const name = c.req.param('name') ?? '';
      const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!asset) throw httpError('NOT_FOUND', `no asset "${name.slice(0, 64)}"; the page's assets are ${Object.keys(ASSETS).join(', ')}`);
      return sendAsset(c, asset);
    },
  };
}

// Revalidated on every use (no-cache) with the ETag: the assets change with the app, and a stale script
// against a newer API is worse than a 304 round trip.
function sendAsset(c: Context<AppEnv>, asset: WebAsset): Response {
  const headers: Record<string, string> = { ...WEB_SECURITY_HEADERS, ETag: asset.etag, 'Cache-Control': 'no-cache' };
  const match = c.req.header('if-none-match');
  if (match !== undefined && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(asset.body, { status: 200, headers: { ...headers, 'Content-Type': asset.contentType } });
}
