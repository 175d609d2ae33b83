// Client script, part 5: the tempo curve, the tempo map as steps over the whole file.
export const TEMPO_JS = String.raw`
var TEMPO_HEIGHT = 150;

function tempoCurve(roll, analysis) {
  var tempo = roll.tempo;
  var captionId = uid('tempo');
  var figure = el('figure', { class: 'tempo', 'aria-labelledby': captionId }, el('figcaption', { id: captionId, text: 'Tempo over time' }));
  if (tempo.seconds.length === 0) {
    figure.appendChild(el('p', { class: 'muted', text: 'No tempo map: this file counts time in SMPTE frames, so tempo events do not change its timing.' }));
    return figure;
  }
  var min = Math.min.apply(null, tempo.bpm);
  var max = Math.max.apply(null, tempo.bpm);
  var describe = min === max
    ? 'Tempo curve: a steady ' + formatNumber(min) + ' BPM'
    : 'Tempo curve: from ' + formatNumber(tempo.bpm[0]) + ' BPM, between ' + formatNumber(min) + ' and ' + formatNumber(max) + ' BPM, ' + plural(tempo.seconds.length - 1, 'change');
  var canvas = el('canvas', { role: 'img', 'aria-label': describe + (tempo.sampled ? ' (sampled)' : '') + '.' });
  figure.appendChild(canvas);
  var duration = Math.max(analysis.durationSeconds, tempo.seconds[tempo.seconds.length - 1], 0.5);
  var pad = Math.max(2, (max - min) * 0.1);
  var low = Math.max(0, min - pad);
  var high = max + pad;
  var left = 52, right = 10, top = 10, bottom = 20;

  function draw() {
    var width = canvas.clientWidth;
    if (width === 0) return;
    var ratio = window.devicePixelRatio || 1;
    canvas.style.height = TEMPO_HEIGHT + 'px';
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(TEMPO_HEIGHT * ratio);
    var ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    var plotWidth = width - left - right;
    var plotHeight = TEMPO_HEIGHT - top - bottom;
    function xOf(t) { return left + (t / duration) * plotWidth; }
    function yOf(bpm) { return top + (1 - (bpm - low) / (high - low)) * plotHeight; }
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, TEMPO_HEIGHT);
    ctx.fillStyle = '#9ca3af';
    ctx.fillRect(left, top, 1, plotHeight);
    ctx.fillRect(left, top + plotHeight, plotWidth, 1);
    ctx.fillStyle = '#374151';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    // The lowest, the highest and the first tempo, unless a label would overlap one already drawn.
    var drawn = [];
    [min, max, tempo.bpm[0]].forEach(function (bpm) {
      var y = yOf(bpm);
      if (drawn.some(function (other) { return Math.abs(other - y) < 12; })) return;
      drawn.push(y);
      ctx.fillText(formatNumber(bpm) + ' BPM', 2, y);
    });
    ctx.textBaseline = 'alphabetic';
    ctx.fillText('0:00', left, TEMPO_HEIGHT - 5);
    var endLabel = formatSeconds(duration);
    ctx.fillText(endLabel, left + plotWidth - ctx.measureText(endLabel).width, TEMPO_HEIGHT - 5);
    ctx.strokeStyle = '#c2410c';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(xOf(tempo.seconds[0]), yOf(tempo.bpm[0]));
    for (var i = 1; i < tempo.seconds.length; i++) {
      ctx.lineTo(xOf(tempo.seconds[i]), yOf(tempo.bpm[i - 1]));
      ctx.lineTo(xOf(tempo.seconds[i]), yOf(tempo.bpm[i]));
    }
    ctx.lineTo(xOf(duration), yOf(tempo.bpm[tempo.bpm.length - 1]));
    ctx.stroke();
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(draw).observe(canvas);
  requestAnimationFrame(draw);
  return figure;
}
`;
