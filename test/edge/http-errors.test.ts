// The HTTP layer's mapping of typed errors: database failures are 503 with a message that names no host,
// whichever way the driver gave up.
import { expect, it } from 'vitest';
import { toHttpError } from '../../adapters/edge/http-errors.ts';
import { PipelineError } from '../../core/errors.ts';

it.each(['DB_UNAVAILABLE', 'DB_CONNECTION_LOST'])('%s is 503 and does not show the database address', (code) => {
  const error = new PipelineError(code, 'connection lost during the statement (postgres://10.0.0.5:5432/midi): ECONNRESET');
  const { status, body, internal } = toHttpError(error);
  expect(status).toBe(503);
  expect(body.error.code).toBe(code);
  expect(body.error.message).not.toContain('10.0.0.5');
  expect(internal).toBe(true);
});
