// Client script, part 3: the analysis card (the contract's analysis JSON, read by people).
export const CARD_JS = String.raw`
function analysisCard(a, title) {
  var headingId = uid('card');
  var facts = el('dl', { class: 'facts' });
  function row(term, value) {
    facts.appendChild(el('dt', { text: term }));
    facts.appendChild(el('dd', { 'data-fact': term.toLowerCase() }, value));
  }
  var silence = a.durationSeconds - a.notesEndSeconds;
  row('Duration', [formatSeconds(a.durationSeconds), silence >= 0.1 && a.noteCount > 0 ? ' (notes end at ' + formatSeconds(a.notesEndSeconds) + ')' : '']);
  row('Tempo', tempoText(a.tempo));
  row('Meter', a.timeSignature
    ? a.timeSignature.numerator + '/' + a.timeSignature.denominator + (a.timeSignature.changes > 0 ? ', then ' + plural(a.timeSignature.changes, 'change') : '')
    : 'no time signature');
  row('Key', keyFacts(a));
  row('Notes', a.noteCount === 0 ? 'no notes' : [
    plural(a.noteCount, 'note'),
    a.pitch ? ', ' + noteName(a.pitch.min) + ' to ' + noteName(a.pitch.max) : '',
    ', up to ' + a.polyphony.max + ' at once',
  ]);
  row('Instruments', a.instruments.length === 0 ? 'none named (no program changes or notes)' : el('ul', {}, a.instruments.map(function (i) {
    return el('li', { text: i.name + ' (' + i.family + '), channel ' + i.channel });
  })));
  row('Drums', a.hasDrums ? 'yes, ' + plural(a.drumNoteCount, 'drum note') : 'no drums');
  row('Chords', a.chords.progression.length === 0 ? 'none detected' : [
    el('ol', { class: 'chords', 'aria-label': 'Chord progression' }, a.chords.progression.map(function (c) { return el('li', { text: c }); })),
    a.chords.count > a.chords.progression.length ? el('span', { class: 'muted', text: plural(a.chords.count, 'chord') + ' in all; the first 64 changes shown' }) : null,
  ]);
  row('Tracks', trackList(a));
  var words = textFacts(a.text);
  if (words) row('Text', words);
  row('File', [
    (a.container === 'rmid' ? 'RIFF MIDI, ' : '') + 'SMF format ' + a.format + ', ' + plural(a.trackCount, 'track') + ', ',
    a.ppq !== null ? a.ppq + ' ticks per quarter' : 'SMPTE ' + a.smpte.fps + ' fps',
    ', ' + formatBytes(a.sizeBytes),
  ]);
  row('SHA-256', el('code', { text: a.sha256 }));
  row('Warnings', a.warnings.length === 0 ? 'none' : el('ul', {}, a.warnings.map(function (w) {
    return el('li', {}, [el('code', { text: w.code }), ': ' + w.message]);
  })));
  return el('section', { class: 'card', 'aria-labelledby': headingId }, [el('h2', { id: headingId, text: title }), facts]);
}

function tempoText(t) {
  var main = formatNumber(t.dominantBpm) + ' BPM';
  if (t.changes === 0) return main;
  return main + ' most of the time; starts at ' + formatNumber(t.initialBpm) + ', ranges ' + formatNumber(t.minBpm) + ' to ' +
    formatNumber(t.maxBpm) + ', ' + plural(t.changes, 'tempo change');
}

function keyFacts(a) {
  var parts = [];
  if (a.key) {
    parts.push(el('strong', { text: a.key.tonic + ' ' + a.key.mode }));
    parts.push(' (confidence ' + Math.round(a.key.confidence * 100) + '%)');
    var others = a.key.alternates.slice(0, 4).map(function (k) { return k.tonic + ' ' + k.mode + ' ' + formatNumber(k.score, 2); });
    if (others.length > 0) parts.push(el('br'), el('span', { class: 'muted', text: 'Alternatives: ' + others.join(', ') }));
  } else {
    parts.push('too few pitched notes to tell');
  }
  if (a.keySignature) parts.push(el('br'), el('span', { class: 'muted', text: 'Key signature in the file: ' + a.keySignature.tonic + ' ' + a.keySignature.mode }));
  return parts;
}

function trackList(a) {
  if (a.tracks.length === 0) return 'none';
  var items = a.tracks.map(function (t) {
    var name = t.name ? t.name : 'untitled';
    return el('li', { text: (t.index + 1) + '. ' + name + ': ' + plural(t.noteCount, 'note') + (t.channels.length ? ', channel ' + t.channels.join(', ') : '') });
  });
  return el('ul', {}, items);
}

function textFacts(text) {
  var parts = [];
  if (text.copyright) parts.push('Copyright: ' + text.copyright);
  if (text.markers.length) parts.push('Markers: ' + text.markers.slice(0, 8).join(' · ') + (text.markers.length > 8 ? ' …' : ''));
  if (text.lyrics.length) parts.push('Lyrics: ' + text.lyrics.slice(0, 24).join(' ') + (text.lyrics.length > 24 ? ' …' : ''));
  if (parts.length === 0) return null;
  return el('ul', {}, parts.map(function (p) { return el('li', { text: p }); }));
}
`;
