// `POST /split`: the uploaded multi-track file as a ZIP of per-track format-0 files (core/split/split.ts),
// named by track index, e.g. "track-03.mid". A file with fewer than two tracks, or no notes, gives an
// empty archive (X-Track-Count: 0), not an error: there is nothing to split.
import { sha256Hex } from '../../../core/analysis/analyze.ts';
import { readMidi } from '../../../core/midi/read.ts';
import { splitTracks } from '../../../core/split/split.ts';
import type { EdgeAppOptions } from '../app-env.ts';
import { readMidiUpload } from '../body.ts';
import { errorResponses } from '../openapi/document.ts';
import { searchParams, singleValues } from '../query-params.ts';
import { zipStored } from '../zip/zip.ts';
import type { RouteSpec } from './route-spec.ts';
import { UPLOAD_BODY } from './upload-body.ts';

/** e.g. `trackFileName(3, 12) === 'track-03.mid'`; the width grows with the parent's track count. */
export function trackFileName(trackIndex: number, trackCount: number): string {
  const width = Math.max(2, String(Math.max(trackCount - 1, 0)).length);
  return `track-${String(trackIndex).padStart(width, '0')}.mid`;
}

export function splitRoute(options: EdgeAppOptions): RouteSpec {
  return {
    method: 'post',
    path: '/split',
    usesDb: false,
    operation: {
      operationId: 'split',
      summary: 'Split a multi-track MIDI file into per-track files (a ZIP)',
      description:
        'One format-0 file per track that has notes, each carrying the tempo, time-signature and key-signature ' +
        'events of the other tracks so its notes sound at the same times. Entries are stored (not compressed).',
      requestBody: UPLOAD_BODY,
      responses: {
        '200': {
          description: 'A ZIP of track-NN.mid files (empty when there is nothing to split)',
          headers: { 'X-Track-Count': { schema: { type: 'integer' }, description: 'Files in the archive' } },
          content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } },
        },
        ...errorResponses('400', '413', '415', '422'),
      },
    },
    async handler(c) {
      singleValues(searchParams(c.req.raw), []);
      const bytes = await readMidiUpload(c.req.raw, options.maxBodyBytes, options.bodyTimeoutMs);
      const file = readMidi(bytes, { maxBytes: options.maxBodyBytes });
      const children = splitTracks(file);
      const zip = zipStored(children.map((child) => ({ name: trackFileName(child.trackIndex, file.trackCount), bytes: child.bytes })));
      const sha256 = await (options.sha256 ?? sha256Hex)(bytes);
      return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${sha256.slice(0, 12)}-tracks.zip"`,
        'X-Track-Count': String(children.length),
      });
    },
  };
}
