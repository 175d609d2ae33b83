// Names of the per-track files split writes: from the parent's file name and the track, made safe for
// any file system. A name is one path component built only from letters, marks, digits, '.', '_' and
// '-', never starting with a dot, bounded in bytes; so whatever a track name or a parent's path holds
// (`../../x`, newlines, 10,000 characters, bytes that are not UTF-8), the file lands inside the output
// folder, in the subfolder its hash prefix picks.

const STEM_MAX_BYTES = 60;
const TRACK_NAME_MAX_BYTES = 40;
const HASH_CHARS = 10;

/**
 * e.g. `childFileName('/music/Song (live).mid', 'ab12cd34ef...', 3, 'Piano / Left')` ->
 * `'ab/Song_live-ab12cd34ef-t03-Piano_Left.mid'`. The parent's hash keeps children of different parents
 * with the same file name apart; a rerun produces the same name, so it overwrites rather than duplicates.
 */
export function childFileName(parentPath: string, parentSha256: string, trackIndex: number, trackName: string | null): string {
  const stem = sanitizeName(fileStem(parentPath), STEM_MAX_BYTES) || 'untitled';
  const hash = parentSha256.slice(0, HASH_CHARS).toLowerCase().replace(/[^0-9a-f]/g, '0');
  const track = `t${String(trackIndex).padStart(2, '0')}`;
  const name = trackName === null ? '' : sanitizeName(trackName, TRACK_NAME_MAX_BYTES);
  return `${hash.slice(0, 2)}/${stem}-${hash}-${track}${name ? `-${name}` : ''}.mid`;
}

/** The file name without folders or extension, e.g. `fileStem('C:\\midi\\a.b.mid')` -> 'a.b'. */
export function fileStem(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * One safe name component, e.g. `sanitizeName('../../x\n', 40)` -> 'x'; `sanitizeName('Güitar №1', 40)`
 * -> 'Güitar_1'. Runs of anything else become one '_'; leading and trailing '.', '_', '-' are dropped.
 */
export function sanitizeName(text: string, maxBytes: number): string {
  const safe = text.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_');
  return trimEdges(truncateUtf8(trimEdges(safe), maxBytes));
}

function trimEdges(text: string): string {
  return text.replace(/^[._-]+/, '').replace(/[._-]+$/, '');
}

/** The longest prefix of whole code points that fits in `maxBytes` of UTF-8. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + n > maxBytes) break;
    bytes += n;
    out += ch;
  }
  return out;
}
