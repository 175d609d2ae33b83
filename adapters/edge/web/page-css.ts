// The page's style sheet. System fonts only (no font requests); colours meet WCAG 2.1 AA contrast on their
// backgrounds (text at least 4.5:1, controls and focus rings at least 3:1); one column below 40rem.
export const APP_CSS = `
:root {
  --text: #1a1a1a; --muted: #4b5563; --bg: #ffffff; --panel: #f5f6f8; --line: #d1d5db;
  --accent: #1d4ed8; --accent-text: #ffffff; --focus: #1d4ed8;
  --error-bg: #fef2f2; --error-line: #b91c1c; --error-text: #7f1d1d;
  --note-bg: #fffbeb; --note-line: #b45309;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5; color: var(--text); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
h1 { font-size: 1.5rem; margin: 0 0 .5rem; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--accent); color: var(--accent-text); padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: 0; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.site-header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .75rem 1rem; background: #1d3557; }
.site-header a { color: #ffffff; text-decoration: none; }
.site-header a:focus-visible { outline-color: #ffffff; }
.brand { font-weight: 700; font-size: 1.1rem; }
.site-header ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
.site-header a[aria-current="page"] { text-decoration: underline; text-underline-offset: .3em; text-decoration-thickness: 2px; }
main { flex: 1; width: 100%; max-width: 72rem; margin: 0 auto; padding: 1rem; }
main:focus, h1[tabindex="-1"]:focus { outline: none; }
.site-footer { padding: .75rem 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .875rem; }
.site-footer p { margin: 0; max-width: 72rem; margin: 0 auto; }

.button, button {
  display: inline-block; font: inherit; padding: .45rem .9rem; border-radius: .375rem; cursor: pointer;
  border: 1px solid var(--accent); background: var(--accent); color: var(--accent-text); text-decoration: none;
}
button.secondary, .button.secondary { background: var(--bg); color: var(--accent); }
button:disabled { opacity: .6; cursor: default; }

.drop-zone { border: 2px dashed #6b7280; border-radius: .75rem; padding: 1.5rem 1rem; text-align: center; background: var(--panel); }
.drop-zone.dragging { border-color: var(--accent); background: #eff6ff; }
.drop-zone p { margin: 0 0 .75rem; }
.drop-zone input:focus-visible + label { outline: 3px solid var(--focus); outline-offset: 2px; }

.status { min-height: 1.5rem; margin: .75rem 0; }
.alert { border: 1px solid var(--error-line); border-left-width: 6px; background: var(--error-bg); color: var(--error-text); padding: .75rem 1rem; border-radius: .375rem; margin: 1rem 0; }
.alert p, .notice p { margin: .25rem 0; }
.alert .code { font-weight: 700; font-family: ui-monospace, Menlo, Consolas, monospace; margin-right: .5rem; }
.notice { border: 1px solid var(--note-line); border-left-width: 6px; background: var(--note-bg); padding: .6rem 1rem; border-radius: .375rem; margin: .75rem 0; }

.card { border: 1px solid var(--line); border-radius: .75rem; padding: 1rem; margin: 1rem 0; background: var(--bg); }
.card h2 { margin-top: 0; }
.facts { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: .35rem 1rem; margin: 0; }
.facts dt { font-weight: 600; color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.facts ul { margin: 0; padding-left: 1.1rem; }
.chords { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; padding: 0 !important; }
.chords li { background: var(--panel); border: 1px solid var(--line); border-radius: .25rem; padding: 0 .4rem; }

.roll, .tempo { margin: 1rem 0; }
.roll figcaption, .tempo figcaption { font-weight: 600; margin-bottom: .25rem; }
.roll-tools { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin-bottom: .5rem; }
.roll-tools select { font: inherit; padding: .3rem; }
.roll-scroll { overflow-x: auto; overflow-y: hidden; border: 1px solid var(--line); border-radius: .375rem; background: #ffffff; }
.roll-content { position: relative; }
.roll-scroll canvas { position: sticky; left: 0; display: block; }
.tempo canvas { display: block; width: 100%; border: 1px solid var(--line); border-radius: .375rem; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .5rem 0 0; font-size: .9rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: .2rem; margin-right: .35rem; vertical-align: -.1rem; border: 1px solid #00000055; }
.swatch.drum { transform: rotate(45deg) scale(.8); background: #111827; }

.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .75rem 1rem; align-items: end; background: var(--panel); padding: 1rem; border-radius: .75rem; border: 1px solid var(--line); }
.filters label, .filters legend { display: block; font-weight: 600; font-size: .9rem; margin-bottom: .2rem; }
.filters input, .filters select { width: 100%; font: inherit; padding: .35rem .5rem; border: 1px solid #6b7280; border-radius: .375rem; background: #ffffff; color: var(--text); }
.filters fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
.filters .pair { display: flex; gap: .5rem; }
.filters .hint { font-size: .8rem; color: var(--muted); margin: .15rem 0 0; }
.filters .actions { display: flex; gap: .5rem; }
.table-wrap { overflow-x: auto; margin: 1rem 0; border: 1px solid var(--line); border-radius: .5rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--panel); white-space: nowrap; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { min-width: 12rem; max-width: 24rem; font-weight: 400; overflow-wrap: anywhere; }
.pager { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
.path-list { padding-left: 1.1rem; }
.path-list li { overflow-wrap: anywhere; }

@media (max-width: 40rem) {
  main { padding: .75rem; }
  .facts { grid-template-columns: 1fr; gap: 0; }
  .facts dd { margin-bottom: .5rem; }
  h1 { font-size: 1.3rem; }
}
`;
