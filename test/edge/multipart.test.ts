// The strict multipart parser against undici's FormData encoder and parser (an independent
// implementation): the same fields from well-formed bodies, and MULTIPART_INVALID for every truncation.
import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from '../../adapters/edge/multipart.ts';
import { isPipelineError } from '../../core/errors.ts';

async function encode(form: FormData): Promise<{ body: Uint8Array; contentType: string }> {
  const response = new Response(form);
  return { body: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!isPipelineError(error)) throw error;
    return error.code;
  }
}

const binary = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) & 0xff);
// Bytes that look like delimiters and CRLFs inside the file must not end it.
const tricky = new TextEncoder().encode('\r\n--\r\n--not-the-boundary\r\n\r\n--');

describe('parseMultipart', () => {
  it('reads what undici encodes, as undici parses it', async () => {
    const form = new FormData();
    form.append('title', 'a "quoted" name; with semicolons');
    form.append('file', new Blob([binary]), 'song one.mid');
    form.append('file2', new Blob([tricky]), 'ünïcode.mid');
    form.append('empty', new Blob([]), 'empty.mid');
    const { body, contentType } = await encode(form);
    const parts = parseMultipart(body, contentType);
    const reference = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
    expect(parts.map((p) => p.name)).toEqual([...reference.keys()]);
    for (const part of parts) {
      const value = reference.get(part.name)!;
      const expected = typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(await value.arrayBuffer());
      expect(part.bytes, part.name).toEqual(expected);
      expect(part.filename, part.name).toBe(typeof value === 'string' ? null : value.name);
    }
  });

  it('accepts a preamble, transport padding, quoted boundaries and an epilogue', () => {
    const text = 'preamble\r\n--a b  \r\nContent-Disposition: form-data; name="file"; filename="x.mid"\r\nContent-Type: audio/midi\r\n\r\nMThd\r\n--a b--\r\nepilogue';
    const parts = parseMultipart(new TextEncoder().encode(text), 'multipart/form-data; boundary="a b"');
    expect(parts).toEqual([{ name: 'file', filename: 'x.mid', bytes: new TextEncoder().encode('MThd') }]);
  });

  it('refuses every truncation of a valid body', async () => {
    const form = new FormData();
    form.append('file', new Blob([tricky, binary.subarray(0, 300)]), 'a.mid');
    const { body, contentType } = await encode(form);
    const close = new TextDecoder('latin1').decode(body).lastIndexOf('--\r\n');
    for (let cut = 0; cut < close; cut++) expect(codeOf(() => parseMultipart(body.subarray(0, cut), contentType)), `cut at ${cut}`).toBe('MULTIPART_INVALID');
  });

  it('refuses bodies without a boundary, Content-Disposition or name', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(codeOf(() => boundaryOf('multipart/form-data'))).toBe('MULTIPART_INVALID');
    expect(codeOf(() => boundaryOf(`multipart/form-data; boundary=${'x'.repeat(71)}`))).toBe('MULTIPART_INVALID');
    const type = 'multipart/form-data; boundary=b';
    expect(codeOf(() => parseMultipart(enc('no delimiter at all'), type))).toBe('MULTIPART_INVALID');
    expect(codeOf(() => parseMultipart(enc('--b\r\nContent-Type: audio/midi\r\n\r\nx\r\n--b--'), type))).toBe('MULTIPART_INVALID');
    expect(codeOf(() => parseMultipart(enc('--b\r\nContent-Disposition: attachment; name="file"\r\n\r\nx\r\n--b--'), type))).toBe('MULTIPART_INVALID');
    expect(codeOf(() => parseMultipart(enc('--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--'), type))).toBe('MULTIPART_INVALID');
    expect(codeOf(() => parseMultipart(enc('--bx\r\n'), type))).toBe('MULTIPART_INVALID');
    expect(parseMultipart(enc('--b--'), type)).toEqual([]);
  });
});

describe('Content-Disposition parameters', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const parse = (disposition: string) => parseMultipart(enc(`--b\r\nContent-Disposition: ${disposition}\r\n\r\nx\r\n--b--`), 'multipart/form-data; boundary=b');

  it('reads them in order, so a quoted value cannot pose as a parameter', () => {
    expect(parse('form-data; filename="x; name=evil"; name="file"')[0]).toMatchObject({ name: 'file', filename: 'x; name=evil' });
    expect(parse('form-data; name=file; filename="a \\"b\\".mid"')[0]).toMatchObject({ name: 'file', filename: 'a "b".mid' });
    expect(parse('FORM-DATA;NAME="file"')[0]).toMatchObject({ name: 'file', filename: null });
  });

  it('refuses trailing garbage', () => {
    expect(codeOf(() => parse('form-data; name="file" garbage'))).toBe('MULTIPART_INVALID');
    expect(codeOf(() => parse('form-datax; name="file"'))).toBe('MULTIPART_INVALID');
  });
});
