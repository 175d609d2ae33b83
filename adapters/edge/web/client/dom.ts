// Client script, part 1: building DOM nodes without HTML strings (the page's Trusted Types policy makes
// innerHTML throw, so text from MIDI files can never become markup), and the formatting of numbers.
// Each part is a string of plain JavaScript, joined into one script by index.ts; no backticks or
// template placeholders inside, so String.raw keeps it byte for byte.
export const DOM_JS = String.raw`
function el(tag, attrs, children) {
  var node = document.createElement(tag);
  if (attrs) {
    for (var name in attrs) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else if (name.slice(0, 2) === 'on') node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  appendAll(node, children);
  return node;
}

function appendAll(node, children) {
  if (children === null || children === undefined || children === false) return;
  if (Array.isArray(children)) {
    for (var i = 0; i < children.length; i++) appendAll(node, children[i]);
  } else if (typeof children === 'string' || typeof children === 'number') {
    node.appendChild(document.createTextNode(String(children)));
  } else {
    node.appendChild(children);
  }
}

var idCounter = 0;
function uid(prefix) {
  idCounter += 1;
  return prefix + '-' + idCounter;
}

/** The view's heading: focused after navigation so screen readers announce the new view. */
function viewHeading(text) {
  document.title = text + ' · midi-pipeline';
  return el('h1', { tabindex: '-1', text: text });
}

/** 60 -> "C4" (MIDI note 60 is middle C, C4). */
function noteName(pitch) {
  return PITCH_NAMES[pitch % 12] + (Math.floor(pitch / 12) - 1);
}

/** 19.125 -> "0:19.1", 3725 -> "1:02:05.0". */
function formatSeconds(seconds) {
  if (!isFinite(seconds)) return '?';
  var tenths = Math.round(seconds * 10);
  var h = Math.floor(tenths / 36000);
  var m = Math.floor((tenths % 36000) / 600);
  var s = (tenths % 600) / 10;
  var ss = (s < 10 ? '0' : '') + s.toFixed(1);
  return h > 0 ? h + ':' + (m < 10 ? '0' : '') + m + ':' + ss : m + ':' + ss;
}

/** 120 -> "120", 93.456 -> "93.5". */
function formatNumber(value, digits) {
  var d = digits === undefined ? 1 : digits;
  var text = Number(value).toFixed(d);
  return d > 0 ? text.replace(/\.?0+$/, '') : text;
}

function plural(count, word, words) {
  return count.toLocaleString('en') + ' ' + (count === 1 ? word : words || word + 's');
}

function formatBytes(bytes) {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return formatNumber(bytes / 1024) + ' KiB';
  return formatNumber(bytes / 1024 / 1024) + ' MiB';
}

/** "/music/a/b.mid" -> "b.mid". */
function basename(path) {
  var parts = String(path).split(/[\\/]/);
  return parts[parts.length - 1] || String(path);
}

function dirname(path) {
  var text = String(path);
  var cut = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  return cut > 0 ? text.slice(0, cut) : '';
}
`;
