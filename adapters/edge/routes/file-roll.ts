// `GET /files/:sha256/roll`: the piano roll and tempo points (web/roll-data.ts) of a stored file. The
// database keeps no MIDI bytes, so the server reads them again from a path the library recorded, when it
// has file access (the Node server; `readLocalFile` in app-env.ts) and a recorded path still holds this
// very content (its SHA-256 is checked). Otherwise 404 ROLL_UNAVAILABLE says why: the page shows that
// and the rest of the file's page.
import { sha256Hex } from '../../../core/analysis/analyze.ts';
import { findFile } from '../../../core/db/library.ts';
import { readMidi } from '../../../core/midi/read.ts';
import type { EdgeAppOptions } from '../app-env.ts';
import { httpError } from '../http-errors.ts';
import { errorResponses } from '../openapi/document.ts';
import { ref } from '../openapi/schemas.ts';
import { searchParams, singleValues } from '../query-params.ts';
import { rollOf } from '../web/roll-data.ts';
import { SHA256_PARAM, sha256Param } from './file-param.ts';
import type { RouteSpec } from './route-spec.ts';

/** A file seen at many places is looked for at its most recent few; past that the answer would be slow. */
const MAX_PATHS_TRIED = 8;

export function fileRollRoute(options: EdgeAppOptions): RouteSpec {
  return {
    method: 'get',
    path: '/files/:sha256/roll',
    usesDb: true,
    operation: {
      operationId: 'getFileRoll',
      summary: 'Piano roll notes and tempo points of a stored file, read again from a recorded path',
      description:
        'The database keeps no MIDI bytes: a server with file access (the Node server) reads the file again from the ' +
        `most recently seen of its recorded paths (up to ${MAX_PATHS_TRIED}) whose content still has this SHA-256. ` +
        'Otherwise (Workers, Deno Deploy, an upload stored without a path, files moved or changed) 404 ROLL_UNAVAILABLE.',
      parameters: [SHA256_PARAM],
      responses: {
        '200': { description: 'The roll', content: { 'application/json': { schema: ref('Roll') } } },
        ...errorResponses('400', '404', '422', '503'),
      },
    },
    async handler(c) {
      singleValues(searchParams(c.req.raw), []);
      const sha256 = sha256Param(c);
      const file = await findFile(await c.var.db(), sha256);
      if (!file) throw httpError('NOT_FOUND', `no stored file with SHA-256 ${sha256}`);
      const bytes = await storedBytes(file.paths, sha256, options);
      return c.json(rollOf(readMidi(bytes, { maxBytes: options.maxBodyBytes })));
    },
  };
}

async function storedBytes(paths: string[], sha256: string, options: EdgeAppOptions): Promise<Uint8Array> {
  const read = options.readLocalFile;
  if (!read) throw unavailable('this server has no file access and the database keeps no MIDI bytes; open the file on the page to see its roll');
  if (paths.length === 0) throw unavailable('the file was stored without a path (uploaded) and the database keeps no MIDI bytes');
  const hash = options.sha256 ?? sha256Hex;
  for (const path of paths.slice(0, MAX_PATHS_TRIED)) {
    const bytes = await read(path, options.maxBodyBytes);
    if (bytes !== null && (await hash(bytes)) === sha256) return bytes;
  }
  const tried = Math.min(paths.length, MAX_PATHS_TRIED);
  throw unavailable(`none of the ${tried} recorded path${tried === 1 ? '' : 's'} tried holds this content now (moved, changed or unreadable)`);
}

function unavailable(message: string): Error {
  return httpError('ROLL_UNAVAILABLE', `piano roll unavailable: ${message}`);
}
