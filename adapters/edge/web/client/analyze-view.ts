// Client script, part 6: the "analyse a file" view. A file dropped or picked is sent to POST /analyze
// with ?include=roll (nothing is stored) and shown as a card, a piano roll and a tempo curve; an error is
// shown with its code and message.
export const ANALYZE_VIEW_JS = String.raw`
var dropTarget = null; // the analyse view's handler for files dropped anywhere on the page

function renderAnalyzeView(main, token) {
  var input = el('input', { type: 'file', id: 'midi-file', class: 'visually-hidden', accept: '.mid,.midi,.kar,.rmi,.smf,audio/midi,audio/x-midi' });
  var zone = el('div', { class: 'drop-zone', id: 'drop-zone' }, [
    el('p', { text: 'Drop a MIDI file here, or' }),
    input,
    el('label', { for: 'midi-file', class: 'button', text: 'Choose a MIDI file…' }),
  ]);
  var status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  var result = el('div', { id: 'analysis-result' });
  main.appendChild(viewHeading('Analyse a MIDI file'));
  main.appendChild(el('p', { class: 'muted', text: 'The file is analysed on this server and not stored. Standard MIDI files (.mid) and RIFF MIDI (.rmi) are read.' }));
  main.appendChild(zone);
  main.appendChild(status);
  main.appendChild(result);

  async function analyse(file) {
    status.textContent = 'Analysing ' + file.name + '…';
    result.replaceChildren();
    var answer = await fetchJson('/analyze?include=roll', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
    if (!isCurrent(token)) return;
    if (!answer.ok) {
      status.textContent = file.name + ' could not be analysed.';
      result.appendChild(errorBox(answer.error, file.name + ' was not analysed:'));
      return;
    }
    var a = answer.body;
    status.textContent = 'Analysed ' + file.name + '.';
    result.appendChild(analysisCard(a, file.name));
    result.appendChild(pianoRoll(a.roll, a));
    result.appendChild(tempoCurve(a.roll, a));
  }

  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (file) analyse(file);
    input.value = ''; // so that picking the same file again analyses it again
  });
  dropTarget = { zone: zone, analyse: analyse, token: token };
}

function filesOf(event) {
  var dt = event.dataTransfer;
  return dt && dt.files && dt.files.length > 0 ? dt.files : null;
}

// The whole page accepts drops (a browser would otherwise open the dropped file and leave the page).
window.addEventListener('dragover', function (event) {
  event.preventDefault();
  if (dropTarget && isCurrent(dropTarget.token)) {
    dropTarget.zone.classList.add('dragging');
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  } else if (event.dataTransfer) {
    event.dataTransfer.dropEffect = 'none';
  }
});
window.addEventListener('dragleave', function (event) {
  if (dropTarget && event.relatedTarget === null) dropTarget.zone.classList.remove('dragging');
});
window.addEventListener('drop', function (event) {
  event.preventDefault();
  if (!dropTarget || !isCurrent(dropTarget.token)) return;
  dropTarget.zone.classList.remove('dragging');
  var files = filesOf(event);
  if (files) dropTarget.analyse(files[0]);
});
`;
