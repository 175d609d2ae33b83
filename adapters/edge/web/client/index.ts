// The page's script (served as /assets/app.js): the parts below joined into one strict-mode function, so
// nothing leaks into the page's globals. Plain JavaScript that Chromium, Firefox and Safari of the last few
// years run as it is: no build step, and the same bytes on every runtime.
import { ANALYZE_VIEW_JS } from './analyze-view.ts';
import { API_JS } from './api.ts';
import { CARD_JS } from './card.ts';
import { DOM_JS } from './dom.ts';
import { FILE_VIEW_JS } from './file-view.ts';
import { LIBRARY_VIEW_JS } from './library-view.ts';
import { ROLL_JS } from './roll.ts';
import { ROUTER_JS } from './router.ts';
import { TEMPO_JS } from './tempo.ts';

const PARTS = [DOM_JS, API_JS, CARD_JS, ROLL_JS, TEMPO_JS, ANALYZE_VIEW_JS, LIBRARY_VIEW_JS, FILE_VIEW_JS, ROUTER_JS];

export const APP_JS = `// midi-pipeline web page\n(function () {\n'use strict';\n${PARTS.join('\n')}\n})();\n`;
