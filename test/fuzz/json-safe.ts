// Whether a value survives JSON unchanged. JSON.stringify does not throw on NaN, Infinity or undefined: it
// writes null or drops the key, silently. So every value is walked: only plain objects, arrays, strings,
// booleans, null and finite numbers pass.

/** Paths of the values that JSON would change or drop, e.g. ["tempo.minBpm: Infinity"]; at most `limit`. */
export function jsonProblems(value: unknown, limit = 8): string[] {
  const problems: string[] = [];
  const ancestors = new Set<object>(); // a shared object is fine in JSON; only a cycle throws
  const walk = (v: unknown, path: string): void => {
    if (problems.length >= limit) return;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) problems.push(`${path}: ${v}`);
      return;
    }
    if (typeof v !== 'object') {
      problems.push(`${path}: ${typeof v}`);
      return;
    }
    if (ancestors.has(v)) {
      problems.push(`${path}: circular reference`);
      return;
    }
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
      problems.push(`${path}: ${proto?.constructor?.name ?? 'object'} is not a plain object`);
      return;
    }
    ancestors.add(v);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`);
    else for (const [key, item] of Object.entries(v)) walk(item, path === '' ? key : `${path}.${key}`);
    ancestors.delete(v);
  };
  walk(value, '');
  return problems;
}
