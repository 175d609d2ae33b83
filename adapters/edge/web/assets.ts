// The web page and its assets as strings compiled into the app, so Workers, Deno and Node serve them with
// no build step and no file access. Each carries an ETag (a hash of its text) for revalidation.
import { APP_JS } from './client/index.ts';
import { ICON_SVG } from './icon.ts';
import { APP_CSS } from './page-css.ts';
import { PAGE_HTML } from './page-html.ts';

export interface WebAsset {
  body: string;
  contentType: string;
  etag: string;
}

function asset(body: string, contentType: string): WebAsset {
  return { body, contentType, etag: `"${fnv1a(body)}-${body.length.toString(36)}"` };
}

/** `GET /`. */
export const PAGE: WebAsset = asset(PAGE_HTML, 'text/html; charset=utf-8');

/** `GET /assets/:name`. */
export const ASSETS: Readonly<Record<string, WebAsset>> = {
  'app.js': asset(APP_JS, 'text/javascript; charset=utf-8'),
  'app.css': asset(APP_CSS, 'text/css; charset=utf-8'),
  'icon.svg': asset(ICON_SVG, 'image/svg+xml'),
};

/** FNV-1a (32 bit) as hex: a cache validator, not a security hash, e.g. `fnv1a('') === '811c9dc5'`. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
