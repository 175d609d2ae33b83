// The request body of the routes that take a MIDI file (`POST /analyze`, `POST /split`), for the document.
import { FILE_FIELD, MIDI_MEDIA_TYPES, MULTIPART_MEDIA_TYPE } from '../body.ts';

const raw = { schema: { type: 'string', contentMediaType: 'audio/midi', description: 'the file bytes' } };

export const UPLOAD_BODY: Record<string, unknown> = {
  required: true,
  description: `The MIDI file: the raw bytes, or the multipart field "${FILE_FIELD}". Bodies over MAX_BODY_BYTES are refused with 413 as soon as that is known.`,
  content: {
    ...Object.fromEntries(MIDI_MEDIA_TYPES.map((type) => [type, raw])),
    [MULTIPART_MEDIA_TYPE]: {
      schema: { type: 'object', required: [FILE_FIELD], properties: { [FILE_FIELD]: { type: 'string', contentMediaType: 'audio/midi' } } },
    },
  },
};
