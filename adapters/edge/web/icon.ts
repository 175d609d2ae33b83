// The page's icon: three notes on a roll, served as /assets/icon.svg (an icon link stops browsers asking
// for /favicon.ico, which the API would answer with a JSON 404).
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3557"/><rect x="5" y="19" width="9" height="4" rx="1" fill="#f1faee"/><rect x="12" y="13" width="9" height="4" rx="1" fill="#a8dadc"/><rect x="19" y="7" width="8" height="4" rx="1" fill="#e63946"/></svg>`;
