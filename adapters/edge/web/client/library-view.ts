// Client script, part 7: the library view. The contract's filters (GET /files parameters, the `query`
// command's options) in a form whose state lives in the address (#/library?bpm=120..128&key=A+minor), so
// a search can be bookmarked and the back button pages back; keyset pages follow `nextCursor`.
export const LIBRARY_VIEW_JS = String.raw`
var PAGE_SIZE = 25;
var METERS = ['4/4', '3/4', '2/4', '6/8', '2/2', '12/8', '5/4', '7/8'];

function field(label, control, hint) {
  return el('div', {}, [el('label', { for: control.id, text: label }), control, hint ? el('p', { class: 'hint', id: control.id + '-hint', text: hint }) : null]);
}

function renderLibraryView(main, params, token) {
  main.appendChild(viewHeading('Library'));
  var bpm = String(params.get('bpm') || '').split('..');
  var bpmFrom = el('input', { id: 'f-bpm-from', type: 'number', min: '1', step: 'any', inputmode: 'decimal', value: bpm[0] || '' });
  var bpmTo = el('input', { id: 'f-bpm-to', type: 'number', min: '1', step: 'any', inputmode: 'decimal', value: bpm.length > 1 ? bpm[1] : bpm[0] || '' });
  var key = el('select', { id: 'f-key' }, [el('option', { value: '', text: 'any key' })].concat(
    ['major', 'minor'].map(function (mode) {
      return el('optgroup', { label: mode }, PITCH_NAMES.map(function (tonic) { return el('option', { value: tonic + ' ' + mode, text: tonic + ' ' + mode }); }));
    })));
  key.value = params.get('key') || '';
  var meterList = el('datalist', { id: 'f-meter-list' }, METERS.map(function (m) { return el('option', { value: m }); }));
  var meter = el('input', { id: 'f-meter', type: 'text', list: 'f-meter-list', inputmode: 'numeric', pattern: '\\d+/\\d+', placeholder: 'e.g. 3/4', 'aria-describedby': 'f-meter-hint', value: params.get('time-signature') || '' });
  var minDuration = el('input', { id: 'f-min-duration', type: 'number', min: '0', step: 'any', inputmode: 'decimal', value: params.get('min-duration') || '' });
  var maxDuration = el('input', { id: 'f-max-duration', type: 'number', min: '0', step: 'any', inputmode: 'decimal', value: params.get('max-duration') || '' });
  var familyList = el('datalist', { id: 'f-family-list' }, GM_FAMILIES.map(function (f) { return el('option', { value: f }); }));
  var instrument = el('input', { id: 'f-instrument', type: 'text', list: 'f-family-list', placeholder: 'e.g. piano', 'aria-describedby': 'f-instrument-hint', value: params.get('instrument') || '' });
  var drums = el('select', { id: 'f-drums' }, [el('option', { value: '', text: 'with or without' }), el('option', { value: 'true', text: 'with drums' }), el('option', { value: 'false', text: 'without drums' })]);
  drums.value = params.get('drums') || '';
  var text = el('input', { id: 'f-text', type: 'search', maxlength: String(MAX_TEXT_FILTER_LENGTH), 'aria-describedby': 'f-text-hint', value: params.get('text') || '' });

  function pair(legend, a, b, unit) {
    return el('fieldset', {}, [
      el('legend', { text: legend }),
      el('div', { class: 'pair' }, [
        el('label', { for: a.id, class: 'visually-hidden', text: legend + ' from' }), a,
        el('span', { 'aria-hidden': 'true', text: 'to' }),
        el('label', { for: b.id, class: 'visually-hidden', text: legend + ' to' }), b,
      ]),
      el('p', { class: 'hint', text: unit }),
    ]);
  }
  fromToPlaceholders(bpmFrom, bpmTo, minDuration, maxDuration);
  var form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Search the library', novalidate: true }, [
    pair('Tempo', bpmFrom, bpmTo, 'BPM, the tempo heard most of the time'),
    field('Key', key),
    field('Time signature', meter, 'the first one in the file'),
    meterList,
    pair('Duration', minDuration, maxDuration, 'seconds'),
    field('Instrument', instrument, 'a GM family or program name'),
    familyList,
    field('Drums', drums),
    field('Text', text, 'in track names, lyrics, markers, copyright or paths'),
    el('div', { class: 'actions' }, [
      el('button', { type: 'submit', text: 'Search' }),
      el('a', { class: 'button secondary', href: '#/library', text: 'Clear' }),
    ]),
  ]);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var next = new URLSearchParams();
    var from = bpmFrom.value.trim(), to = bpmTo.value.trim();
    if (from || to) next.set('bpm', from === to ? from : from + '..' + to);
    if (key.value) next.set('key', key.value);
    if (meter.value.trim()) next.set('time-signature', meter.value.trim());
    if (minDuration.value.trim()) next.set('min-duration', minDuration.value.trim());
    if (maxDuration.value.trim()) next.set('max-duration', maxDuration.value.trim());
    if (instrument.value.trim()) next.set('instrument', instrument.value.trim());
    if (drums.value) next.set('drums', drums.value);
    if (text.value.trim()) next.set('text', text.value.trim());
    var hash = '#/library' + (String(next) ? '?' + String(next) : '');
    if (location.hash === hash) route(true);
    else location.hash = hash;
  });
  var results = el('section', { id: 'library-results', 'aria-label': 'Results' });
  main.appendChild(form);
  main.appendChild(results);
  loadLibraryPage(results, params, token);
}

function fromToPlaceholders() {
  for (var i = 0; i < arguments.length; i++) arguments[i].setAttribute('placeholder', i % 2 === 0 ? 'from' : 'to');
}

async function loadLibraryPage(results, params, token) {
  var query = new URLSearchParams();
  FILTER_NAMES.concat(['after']).forEach(function (name) { if (params.get(name)) query.set(name, params.get(name)); });
  query.set('limit', String(PAGE_SIZE));
  var status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', text: 'Searching…' });
  results.appendChild(status);
  var answer = await fetchJson('/files?' + String(query));
  if (!isCurrent(token)) return;
  if (!answer.ok) {
    status.textContent = '';
    if (answer.error.code === 'DB_NOT_CONFIGURED') {
      results.appendChild(el('div', { class: 'notice' }, el('p', {}, [
        'This server has no database, so there is no library to search. Start it with ', el('code', { text: 'midi-pipeline serve' }),
        ' (an embedded database) or set DATABASE_URL; files can still be analysed on the first page.',
      ])));
    } else {
      results.appendChild(errorBox(answer.error, 'The search failed:'));
    }
    return;
  }
  var items = answer.body.items;
  var page = params.get('after') ? 'a later page' : 'the first page';
  status.textContent = items.length === 0
    ? (params.get('after') ? 'No more files.' : 'No stored file matches these filters.')
    : plural(items.length, 'file') + ' on ' + page + (answer.body.nextCursor ? '; more follow.' : '.');
  if (items.length > 0) results.appendChild(resultsTable(items));
  var pager = el('nav', { class: 'pager', 'aria-label': 'Pages' });
  if (params.get('after')) {
    var first = new URLSearchParams(params);
    first.delete('after');
    pager.appendChild(el('a', { href: '#/library' + (String(first) ? '?' + String(first) : ''), text: '← First page' }));
  }
  if (answer.body.nextCursor) {
    var next = new URLSearchParams(params);
    next.set('after', answer.body.nextCursor);
    pager.appendChild(el('a', { href: '#/library?' + String(next), rel: 'next', text: 'Next page →' }));
  }
  if (pager.childNodes.length > 0) results.appendChild(pager);
}

function resultsTable(items) {
  var head = el('thead', {}, el('tr', {}, ['File', 'Duration', 'Tempo', 'Key', 'Meter', 'Instruments', 'Drums'].map(function (h) { return el('th', { scope: 'col', text: h }); })));
  var body = el('tbody', {}, items.map(function (item) {
    var a = item.analysis;
    var path = item.paths[0];
    var name = path ? basename(path) : (a.text.trackNames[0] || 'uploaded ' + item.sha256.slice(0, 12));
    var families = a.instruments.map(function (i) { return i.family; }).filter(function (f, i, all) { return all.indexOf(f) === i; });
    return el('tr', {}, [
      el('th', { scope: 'row' }, [el('a', { href: '#/files/' + item.sha256, text: name }), path && dirname(path) ? el('div', { class: 'muted mono', text: dirname(path) }) : null]),
      el('td', { class: 'num', text: formatSeconds(a.durationSeconds) }),
      el('td', { class: 'num', text: formatNumber(a.tempo.dominantBpm) + ' BPM' }),
      el('td', { text: a.key ? a.key.tonic + ' ' + a.key.mode : '–' }),
      el('td', { text: a.timeSignature ? a.timeSignature.numerator + '/' + a.timeSignature.denominator : '–' }),
      el('td', { text: families.join(', ') || '–' }),
      el('td', { text: a.hasDrums ? 'yes' : 'no' }),
    ]);
  }));
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Matching files' }, el('table', {}, [head, body]));
}
`;
