// The headers of the web page and its assets. The policy allows only this origin's own files: no inline
// script or style, no eval, nothing from elsewhere (fonts, CDNs), no framing; Trusted Types with no policy
// make any HTML-from-a-string sink (innerHTML, document.write) throw, so text taken from MIDI files (track
// names, lyrics, paths) can only ever reach the page as text. The page builds its DOM with
// createElement/textContent accordingly (client/dom.ts).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
