// An upload that keeps sending until the server answers, counting what it sent: the evidence that a server
// refused an oversized body early (413) instead of reading all of it. Plain node:http, so the request can
// declare any Content-Length or none (chunked), and the answer is read while the body is still going out.
import { request } from 'node:http';

export interface UploadOutcome {
  status: number;
  body: string;
  /** Body bytes written by the time the answer arrived (some may still sit in socket buffers). */
  sentWhenAnswered: number;
  /** Set when the connection failed after the status arrived and before the whole body (the error's message). */
  cutOff?: string;
  /**
   * Set when the connection failed before any answer arrived (the error's message); status is then 0 and
   * sentWhenAnswered counts what was written by the failure. A server that answers and closes with the
   * upload still coming in makes the kernel reset the connection, and a reset discards an answer the client
   * had received and not yet read.
   */
  resetBeforeAnswer?: string;
}

export function uploadUntilAnswered(url: string, options: { total: number; chunkSize?: number; declareLength: boolean; contentType?: string }): Promise<UploadOutcome> {
  const chunk = new Uint8Array(options.chunkSize ?? 64 * 1024).fill(0x4d);
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'application/octet-stream', ...(options.declareLength ? { 'content-length': String(options.total) } : {}) },
    });
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered });
      });
      // The connection reset after the status line arrived: a server that closes while the client is still
      // sending can have its own answer's body discarded by the reset. The status stands; callers decide.
      res.on('error', (error) => resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered, cutOff: error.message }));
    });
    // A server that answers and then drops the connection resets what is still being sent: expected.
    req.on('error', (error) => {
      if (!answered) resolve({ status: 0, body: '', sentWhenAnswered: sent, resetBeforeAnswer: error.message });
    });
    const pump = () => {
      while (!answered && sent < options.total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
