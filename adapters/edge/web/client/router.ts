// Client script, part 9: the views by address fragment (#/, #/library?..., #/files/<sha256>), so the one
// page served at / needs no other server route; navigation moves focus to the new view's heading.
export const ROUTER_JS = String.raw`
var main = document.getElementById('main');
var viewToken = 0;

/** Whether an answer still belongs to the view on screen (the user may have moved on meanwhile). */
function isCurrent(token) {
  return token === viewToken;
}

function route(moveFocus) {
  var hash = location.hash || '#/';
  // Other fragments (the skip link's #main) are not views.
  if (hash.slice(0, 2) !== '#/') return;
  var path = hash.slice(1);
  var cut = path.indexOf('?');
  var params = new URLSearchParams(cut >= 0 ? path.slice(cut + 1) : '');
  if (cut >= 0) path = path.slice(0, cut);
  viewToken += 1;
  var token = viewToken;
  main.replaceChildren();
  var view = path === '/' ? 'analyze' : path === '/library' ? 'library' : path.indexOf('/files/') === 0 ? 'file' : 'unknown';
  document.querySelectorAll('[data-nav]').forEach(function (link) {
    if (link.getAttribute('data-nav') === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  var file = /^\/files\/([0-9a-fA-F]{64})$/.exec(path);
  if (view === 'analyze') renderAnalyzeView(main, token);
  else if (view === 'library') renderLibraryView(main, params, token);
  else if (file) renderFileView(main, file[1].toLowerCase(), token);
  else {
    main.appendChild(viewHeading('Page not found'));
    main.appendChild(el('p', {}, ['Nothing lives at this address. ', el('a', { href: '#/', text: 'Analyse a file' }), ' or ', el('a', { href: '#/library', text: 'search the library' }), '.']));
  }
  if (moveFocus) {
    var h1 = main.querySelector('h1');
    if (h1) h1.focus();
  }
}

window.addEventListener('hashchange', function () { route(true); });
document.querySelectorAll('[data-skip]').forEach(function (link) {
  link.addEventListener('click', function (event) {
    event.preventDefault();
    main.focus();
  });
});
route(false);
`;
