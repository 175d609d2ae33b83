// The page's script (served as /assets/app.js): the parts below joined into one strict-mode function, so
// nothing leaks into the page's globals. Plain JavaScript that Chromium, Firefox and Safari of the last few
// years run as it is: no build step, and the same bytes on every runtime.
import { DRUM_FAMILY, GM_FAMILIES } from '../../../../core/analysis/gm.ts';
import { PITCH_CLASS_NAMES } from '../../../../core/analysis/pitch-class.ts';
import { LIBRARY_PARAMS, MAX_TEXT_FILTER_LENGTH } from '../../library-params.ts';
import { ANALYZE_VIEW_JS } from './analyze-view.ts';
import { API_JS } from './api.ts';
import { CARD_JS } from './card.ts';
import { DOM_JS } from './dom.ts';
import { FILE_VIEW_JS } from './file-view.ts';
import { LIBRARY_VIEW_JS } from './library-view.ts';
import { ROLL_JS } from './roll.ts';
import { ROUTER_JS } from './router.ts';
import { TEMPO_JS } from './tempo.ts';

/**
 * What the page shares with the server, written into the script from the code that defines it, so the form
 * cannot drift from what GET /files accepts: key names, the instrument families offered, the filters the
 * form carries into the address (all of GET /files's but the page's own paging, `limit` and `after`, and
 * `no-drums`, which the form spells drums=false), and the longest text filter.
 */
const SHARED_JS = [
  `var PITCH_NAMES = ${JSON.stringify(PITCH_CLASS_NAMES)};`,
  `var GM_FAMILIES = ${JSON.stringify([...GM_FAMILIES, DRUM_FAMILY].map((f) => f.toLowerCase()))};`,
  `var FILTER_NAMES = ${JSON.stringify(LIBRARY_PARAMS.filter((p) => p !== 'limit' && p !== 'after' && p !== 'no-drums'))};`,
  `var MAX_TEXT_FILTER_LENGTH = ${MAX_TEXT_FILTER_LENGTH};`,
].join('\n');

const PARTS = [SHARED_JS, DOM_JS, API_JS, CARD_JS, ROLL_JS, TEMPO_JS, ANALYZE_VIEW_JS, LIBRARY_VIEW_JS, FILE_VIEW_JS, ROUTER_JS];

export const APP_JS = `// midi-pipeline web page\n(function () {\n'use strict';\n${PARTS.join('\n')}\n})();\n`;
