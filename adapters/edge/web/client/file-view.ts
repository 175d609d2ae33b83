// Client script, part 8: a stored file's page: its analysis (or its error), piano roll and tempo curve
// when the server can read the file again, the paths it was seen at, the files it was split from or into,
// and the files with the same notes.
export const FILE_VIEW_JS = String.raw`
async function renderFileView(main, sha256, token) {
  var heading = viewHeading('Stored file');
  var status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', text: 'Loading…' });
  main.appendChild(heading);
  main.appendChild(status);
  var answers = await Promise.all([fetchJson('/files/' + sha256), fetchJson('/files/' + sha256 + '/related')]);
  if (!isCurrent(token)) return;
  var file = answers[0], related = answers[1];
  if (!file.ok) {
    status.textContent = '';
    main.appendChild(errorBox(file.error, 'This file could not be shown:'));
    return;
  }
  var f = file.body;
  var title = f.paths.length > 0 ? basename(f.paths[0]) : f.analysis && f.analysis.text.trackNames[0] ? f.analysis.text.trackNames[0] : 'File ' + sha256.slice(0, 12);
  heading.textContent = title;
  document.title = title + ' · midi-pipeline';
  status.textContent = 'Stored file ' + f.fileId + ', ' + (f.status === 'analyzed' ? 'analysed' : f.status === 'failed' ? 'analysis failed' : 'not analysed yet') +
    (f.origin ? ', split from another file (track ' + (f.origin.trackIndex + 1) + ')' : '') + '.';
  if (f.error) main.appendChild(errorBox(f.error, 'The last analysis' + (f.analyzerVersion !== null ? ' (analyzer version ' + f.analyzerVersion + ')' : '') + ' failed:'));
  if (f.analysis) main.appendChild(analysisCard(f.analysis, 'Analysis'));

  var rollSection = el('section', { 'aria-labelledby': 'roll-heading' }, [el('h2', { id: 'roll-heading', text: 'Piano roll and tempo' })]);
  var rollStatus = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', text: 'Reading the notes…' });
  rollSection.appendChild(rollStatus);
  if (f.analysis) main.appendChild(rollSection);
  main.appendChild(el('section', { 'aria-labelledby': 'paths-heading' }, [
    el('h2', { id: 'paths-heading', text: 'Seen at' }),
    f.paths.length === 0 ? el('p', { text: 'No path: the file was stored from an upload.' }) : el('ul', { class: 'path-list' }, f.paths.map(function (p) { return el('li', {}, el('code', { text: p })); })),
  ]));
  main.appendChild(relationsSection(related, f.analysis));

  if (!f.analysis) return;
  var roll = await fetchJson('/files/' + sha256 + '/roll');
  if (!isCurrent(token)) return;
  rollStatus.remove();
  if (!roll.ok) {
    rollSection.appendChild(el('div', { class: 'notice' }, el('p', {}, [el('span', { class: 'code', text: roll.error.code + ' ' }), roll.error.message])));
    return;
  }
  rollSection.appendChild(pianoRoll(roll.body, f.analysis));
  rollSection.appendChild(tempoCurve(roll.body, f.analysis));
}

function relationsSection(related, analysis) {
  var section = el('section', { 'aria-labelledby': 'related-heading' }, el('h2', { id: 'related-heading', text: 'Related files' }));
  if (!related.ok) {
    section.appendChild(errorBox(related.error, 'Related files could not be listed:'));
    return section;
  }
  var r = related.body;
  function link(file, suffix) {
    return el('li', {}, [el('a', { href: '#/files/' + file.sha256, text: file.path ? basename(file.path) : 'file ' + file.sha256.slice(0, 12) }), suffix || '']);
  }
  function list(heading, files, more, suffixOf) {
    section.appendChild(el('h3', { text: heading }));
    if (files.length === 0) {
      section.appendChild(el('p', { class: 'muted', text: 'none' }));
      return;
    }
    section.appendChild(el('ul', { class: 'path-list' }, files.map(function (file) { return link(file, suffixOf ? suffixOf(file) : ''); })));
    if (more) section.appendChild(el('p', { class: 'muted', text: 'The first ' + files.length + ' are listed.' }));
  }
  list('Split from', r.parents, r.more.parents, function (p) { return ', its track ' + (p.trackIndex + 1); });
  list('Split into', r.children, r.more.children, function (c) {
    var track = analysis ? analysis.tracks.filter(function (t) { return t.index === c.trackIndex; })[0] : null;
    return ': track ' + (c.trackIndex + 1) + (track && track.name ? ' (' + track.name + ')' : '');
  });
  list('Same notes (differs only in names, text or meta events)', r.sameFingerprint, r.more.sameFingerprint);
  return section;
}
`;
