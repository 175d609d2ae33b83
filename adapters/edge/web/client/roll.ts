// Client script, part 4: the piano roll. A canvas as wide as the view, sticky inside a scrolling strip as
// wide as the music: scrolling is the browser's own (touch, trackpad, arrow keys once focused), and only
// the visible window is drawn. Colours by track or channel; drum notes are dark diamonds, not bars.
export const ROLL_JS = String.raw`
// Each at least 3:1 against the white background (WCAG 2.1 non-text contrast) at full velocity.
var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#c0399a', '#0e7490', '#7c6f00', '#c2410c', '#4b5563', '#be123c', '#4d7c0f', '#6d28d9', '#0369a1', '#a16207', '#047857'];
var DRUM_COLOUR = '#111827';
var ROLL_HEIGHT = 300;
var GUTTER = 36;
var TIME_AXIS = 18;
var MAX_PX_PER_SECOND = 4000;
var TIME_STEPS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

function pianoRoll(roll, analysis) {
  var notes = roll.notes;
  var count = notes.start.length;
  var mode = 'track';
  var pxPerSecond = null; // null: fit the whole file to the width
  var ratio = 1; // device pixels per CSS pixel, set by layout()
  var lo = 127, hi = 0, end = 0;
  for (var i = 0; i < count; i++) {
    if (notes.pitch[i] < lo) lo = notes.pitch[i];
    if (notes.pitch[i] > hi) hi = notes.pitch[i];
    var e = notes.start[i] + notes.duration[i];
    if (e > end) end = e;
  }
  if (count === 0) { lo = 48; hi = 72; }
  // At least two octaves tall, with a semitone of air above and below.
  var span = Math.max(hi - lo + 2, 24);
  lo = Math.max(0, Math.round((lo + hi) / 2 - span / 2));
  hi = Math.min(127, lo + span);
  var duration = Math.max(analysis.durationSeconds, end, 0.5);

  var captionId = uid('roll');
  var canvas = el('canvas', { role: 'img', 'aria-label': rollSummary(roll, analysis, lo, hi) });
  var content = el('div', { class: 'roll-content' }, canvas);
  var scroller = el('div', {
    class: 'roll-scroll', tabindex: '0', role: 'group', 'aria-labelledby': captionId,
    'aria-describedby': captionId + '-help',
  }, content);
  var select = el('select', { id: captionId + '-colour' }, [el('option', { value: 'track', text: 'track' }), el('option', { value: 'channel', text: 'channel' })]);
  var legend = el('ul', { class: 'legend', 'aria-label': 'Colours of the piano roll' });
  var zoomIn = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Zoom in', text: '+' });
  var zoomOut = el('button', { type: 'button', class: 'secondary', 'aria-label': 'Zoom out', text: '−' });
  var fit = el('button', { type: 'button', class: 'secondary', text: 'Whole file' });
  var figure = el('figure', { class: 'roll' }, [
    el('figcaption', { id: captionId }, ['Piano roll', roll.truncated ? ' (the first ' + plural(count, 'note') + ' of ' + roll.noteCount.toLocaleString('en') + ')' : '']),
    el('div', { class: 'roll-tools' }, [
      el('label', { for: captionId + '-colour', text: 'Colour by' }), select, zoomOut, zoomIn, fit,
      el('span', { id: captionId + '-help', class: 'muted', text: 'Scroll sideways, or focus the roll and use the arrow keys; + and − zoom.' }),
    ]),
    scroller,
    legend,
  ]);

  function fitPx() {
    return Math.max(1e-3, (scroller.clientWidth - GUTTER - 4) / duration);
  }
  function px() {
    return pxPerSecond === null ? fitPx() : pxPerSecond;
  }
  function layout() {
    var width = scroller.clientWidth;
    if (width === 0) return;
    content.style.width = Math.ceil(GUTTER + duration * px() + 4) + 'px';
    content.style.height = ROLL_HEIGHT + 'px';
    canvas.style.width = width + 'px';
    canvas.style.height = ROLL_HEIGHT + 'px';
    ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(ROLL_HEIGHT * ratio);
    draw();
  }
  function colourOf(k) {
    if (notes.drum[k]) return DRUM_COLOUR;
    return PALETTE[(mode === 'track' ? notes.track[k] : notes.channel[k] - 1) % PALETTE.length];
  }
  function draw() {
    var ctx = canvas.getContext('2d');
    if (!ctx) return;
    var width = canvas.width / ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    var scale = px();
    var t0 = scroller.scrollLeft / scale;
    var t1 = t0 + (width - GUTTER) / scale;
    var rows = hi - lo + 1;
    var rowHeight = (ROLL_HEIGHT - TIME_AXIS) / rows;
    function yOf(pitch) { return (hi - pitch) * rowHeight; }
    function xOf(t) { return GUTTER + (t - t0) * scale; }

    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, ROLL_HEIGHT);
    // Black-key rows shaded, a line under every C.
    for (var p = lo; p <= hi; p++) {
      var pc = p % 12;
      if (pc === 1 || pc === 3 || pc === 6 || pc === 8 || pc === 10) {
        ctx.fillStyle = '#f1f3f5';
        ctx.fillRect(GUTTER, yOf(p), width - GUTTER, rowHeight);
      }
      if (pc === 0) {
        ctx.fillStyle = '#c4c9d0';
        ctx.fillRect(GUTTER, yOf(p) + rowHeight - 1, width - GUTTER, 1);
      }
    }
    var step = TIME_STEPS[TIME_STEPS.length - 1];
    for (var s = 0; s < TIME_STEPS.length; s++) if (TIME_STEPS[s] * scale >= 70) { step = TIME_STEPS[s]; break; }
    ctx.fillStyle = '#e2e5e9';
    for (var t = Math.floor(t0 / step) * step; t <= t1; t += step) {
      if (t >= t0) ctx.fillRect(Math.round(xOf(t)), 0, 1, ROLL_HEIGHT - TIME_AXIS);
    }

    var noteHeight = Math.max(1.5, rowHeight - 1);
    var diamond = Math.max(3, Math.min(7, rowHeight * 0.9));
    for (var k = 0; k < count; k++) {
      var start = notes.start[k];
      if (start > t1) break; // sorted by start
      var stop = start + notes.duration[k];
      if (stop < t0 && !notes.drum[k]) continue;
      // Louder notes darker; the quietest keep most of their colour.
      ctx.globalAlpha = 0.6 + 0.4 * (notes.velocity[k] / 127);
      ctx.fillStyle = colourOf(k);
      var x = xOf(start);
      if (notes.drum[k]) {
        if (x < GUTTER - diamond) continue;
        var cy = yOf(notes.pitch[k]) + rowHeight / 2;
        ctx.beginPath();
        ctx.moveTo(x, cy - diamond);
        ctx.lineTo(x + diamond, cy);
        ctx.lineTo(x, cy + diamond);
        ctx.lineTo(x - diamond, cy);
        ctx.closePath();
        ctx.fill();
      } else {
        ctx.fillRect(x, yOf(notes.pitch[k]), Math.max(2, (stop - start) * scale), noteHeight);
      }
    }
    ctx.globalAlpha = 1;

    // Fixed gutter with octave labels, and the time axis.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, GUTTER, ROLL_HEIGHT);
    ctx.fillRect(0, ROLL_HEIGHT - TIME_AXIS, width, TIME_AXIS);
    ctx.fillStyle = '#9ca3af';
    ctx.fillRect(GUTTER - 1, 0, 1, ROLL_HEIGHT - TIME_AXIS);
    ctx.fillRect(GUTTER, ROLL_HEIGHT - TIME_AXIS, width - GUTTER, 1);
    ctx.fillStyle = '#374151';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (var q = lo; q <= hi; q++) if (q % 12 === 0 && rowHeight * 12 >= 14) ctx.fillText(noteName(q), 3, yOf(q) + rowHeight / 2);
    ctx.textBaseline = 'alphabetic';
    for (var u = Math.ceil(t0 / step) * step; u <= t1; u += step) {
      ctx.fillText(formatTime(u, step), xOf(u) + 3, ROLL_HEIGHT - 5);
    }
  }

  var pending = false;
  function redraw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; draw(); });
  }
  function zoom(factor) {
    var before = px();
    var view = scroller.clientWidth - GUTTER;
    var centre = (scroller.scrollLeft + view / 2) / before;
    var next = factor === null ? null : Math.min(MAX_PX_PER_SECOND, Math.max(fitPx(), before * factor));
    pxPerSecond = next !== null && next <= fitPx() * 1.0001 ? null : next;
    layout();
    scroller.scrollLeft = pxPerSecond === null ? 0 : Math.max(0, centre * px() - view / 2);
    draw();
  }

  select.addEventListener('change', function () { mode = select.value; fillLegend(); draw(); });
  zoomIn.addEventListener('click', function () { zoom(2); });
  zoomOut.addEventListener('click', function () { zoom(0.5); });
  fit.addEventListener('click', function () { zoom(null); });
  scroller.addEventListener('scroll', redraw, { passive: true });
  scroller.addEventListener('keydown', function (event) {
    if (event.key === '+' || event.key === '=') zoom(2);
    else if (event.key === '-' || event.key === '_') zoom(0.5);
    else if (event.key === '0') zoom(null);
    else return;
    event.preventDefault();
  });
  scroller.addEventListener('wheel', function (event) {
    if (!event.ctrlKey) return;
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.25 : 0.8);
  }, { passive: false });
  if (typeof ResizeObserver === 'function') new ResizeObserver(function () { layout(); }).observe(scroller);
  requestAnimationFrame(layout);

  function fillLegend() {
    legend.replaceChildren();
    var seen = {};
    var hasDrums = false;
    for (var k = 0; k < count; k++) {
      if (notes.drum[k]) { hasDrums = true; continue; }
      var key = mode === 'track' ? notes.track[k] : notes.channel[k];
      if (seen[key] === undefined) seen[key] = k;
    }
    Object.keys(seen).map(Number).sort(function (x, y) { return x - y; }).forEach(function (key) {
      var swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = colourOf(seen[key]);
      legend.appendChild(el('li', {}, [swatch, mode === 'track' ? trackLabel(analysis, key) : channelLabel(analysis, key)]));
    });
    if (hasDrums) legend.appendChild(el('li', {}, [el('span', { class: 'swatch drum', 'aria-hidden': 'true' }), 'Drums (diamonds)']));
  }
  fillLegend();
  return figure;
}

function formatTime(seconds, step) {
  if (step >= 60) return Math.round(seconds / 60) + ' min';
  return step < 1 ? formatNumber(seconds, 2) + ' s' : formatSeconds(seconds).replace(/\.0$/, '');
}

function trackLabel(analysis, index) {
  var track = analysis.tracks.filter(function (t) { return t.index === index; })[0];
  return 'Track ' + (index + 1) + (track && track.name ? ': ' + track.name : '');
}

function channelLabel(analysis, channel) {
  var names = analysis.instruments.filter(function (i) { return i.channel === channel; }).map(function (i) { return i.name; });
  return 'Channel ' + channel + (names.length ? ': ' + names.join(', ') : '');
}

function rollSummary(roll, analysis, lo, hi) {
  if (roll.noteCount === 0) return 'Piano roll: the file has no notes.';
  var drums = roll.notes.drum.reduce(function (sum, d) { return sum + d; }, 0);
  return 'Piano roll of ' + plural(roll.noteCount, 'note') + ' over ' + formatSeconds(analysis.durationSeconds) +
    ', pitches ' + noteName(Math.max(lo, analysis.pitch ? analysis.pitch.min : lo)) + ' to ' + noteName(Math.min(hi, analysis.pitch ? analysis.pitch.max : hi)) +
    (drums > 0 ? ', with ' + plural(drums, 'drum hit') : '') + '.';
}
`;
