// Strict query parameters: every route names the ones it takes, and anything else is a 400 rather than
// silently ignored (a misspelt `?stroe=true` must not analyse without storing).
import { httpError } from './http-errors.ts';

/**
 * The parameters as single strings, e.g. `singleValues(new URLSearchParams('store=true'), ['store', 'notes'])`
 * -> `{store: 'true'}`. Throws QUERY_INVALID for names outside `allowed` or given twice.
 */
export function singleValues<Name extends string>(params: URLSearchParams, allowed: readonly Name[]): Partial<Record<Name, string>> {
  const out: Partial<Record<Name, string>> = {};
  for (const [name, text] of params) {
    if (!(allowed as readonly string[]).includes(name)) {
      const accepted = allowed.length === 0 ? 'this route takes none' : `accepted: ${allowed.join(', ')}`;
      throw httpError('QUERY_INVALID', `unknown query parameter "${name.slice(0, 64)}"; ${accepted}`);
    }
    if (out[name as Name] !== undefined) throw httpError('QUERY_INVALID', `query parameter "${name}" given more than once`);
    out[name as Name] = text;
  }
  return out;
}

/** A yes/no parameter: bare `name`, `true`, `1` or `yes` mean yes; `false`, `0` or `no` mean no. */
export function flagValue(text: string, name: string): boolean {
  if (/^(|true|1|yes)$/i.test(text)) return true;
  if (/^(false|0|no)$/i.test(text)) return false;
  throw httpError('QUERY_INVALID', `${name} must be true or false, got "${text.slice(0, 64)}"`);
}

/** The request's query parameters. */
export function searchParams(request: Request): URLSearchParams {
  return new URL(request.url).searchParams;
}
