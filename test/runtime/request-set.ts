// One list of requests sent unchanged to every runtime (in-process app, workerd, Deno, Node), and answers
// reduced to what the contract promises (status, media type, the meaningful headers, the body: JSON parsed,
// anything else by its SHA-256), so answers from different runtimes can be compared with toEqual.
import { createHash } from 'node:crypto';

export interface SetRequest {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

export interface Answer {
  status: number;
  type: string;
  headers: Record<string, string>;
  body: unknown;
}

const KEPT_HEADERS = ['allow', 'www-authenticate', 'x-track-count', 'x-file-id', 'x-file-inserted', 'content-disposition', 'cache-control'];

export async function toAnswer(response: Response): Promise<Answer> {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const body = type === 'application/json' ? JSON.parse(new TextDecoder().decode(bytes)) : { sha256: createHash('sha256').update(bytes).digest('hex'), length: bytes.length };
  return { status: response.status, type, headers, body };
}

export function toRequestInit(request: SetRequest): RequestInit {
  return { method: request.method, headers: request.headers ?? {}, ...(request.body === undefined ? {} : { body: request.body as BodyInit }) };
}

/** Sends the set in order (the database answers depend on it) with `fetch` to `baseUrl`. */
export async function sendAll(baseUrl: string, requests: readonly SetRequest[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const request of requests) answers.push(await toAnswer(await fetch(baseUrl + request.path, toRequestInit(request))));
  return answers;
}

/** A multipart/form-data body with one file field, as bytes and its Content-Type (with the boundary). */
export async function multipartBody(fields: Record<string, Uint8Array | string>, filename = 'upload.mid'): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([value as Uint8Array<ArrayBuffer>], { type: 'audio/midi' }), filename);
  }
  const response = new Response(form);
  return { body: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}
