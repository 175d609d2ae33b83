// Client script, part 2: calls to this server's API, and how its errors are shown (the contract's
// {"error": {"code", "message"}}, code and message as they came).
export const API_JS = String.raw`
async function fetchJson(url, init) {
  var response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    return { ok: false, status: 0, error: { code: 'NETWORK', message: 'the server could not be reached (' + (error && error.message ? error.message : String(error)) + ')' } };
  }
  var body = null;
  try {
    body = await response.json();
  } catch (error) {
    body = null;
  }
  if (response.ok && body !== null) return { ok: true, status: response.status, body: body };
  var info = body && body.error && typeof body.error.code === 'string'
    ? body.error
    : { code: 'HTTP_' + response.status, message: 'the server answered ' + response.status + ' ' + response.statusText };
  return { ok: false, status: response.status, error: info };
}

/** An error as the page shows it: the code first, then the message, announced to screen readers. */
function errorBox(error, intro) {
  return el('div', { class: 'alert', role: 'alert' }, [
    intro ? el('p', { text: intro }) : null,
    el('p', { class: 'error-detail' }, [el('span', { class: 'code', text: error.code }), el('span', { class: 'message', text: error.message })]),
  ]);
}
`;
