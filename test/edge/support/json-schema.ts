// A small validator for the JSON Schema subset the OpenAPI document uses (type, enum, const, required,
// properties, items, anyOf/oneOf/allOf, $ref into components, pattern, minimum/maximum, maxLength), so
// test/edge/openapi.test.ts can check real responses against the document. `strict` also reports object
// keys the schema does not describe (the document may lag behind a field added to the analysis).

export interface SchemaCheck {
  components: Record<string, unknown>;
  strict?: boolean;
}

type Schema = Record<string, unknown>;

export function validate(value: unknown, schema: unknown, check: SchemaCheck, path = '$'): string[] {
  const s = resolve(schema as Schema, check);
  const errors: string[] = [];
  if (s.anyOf || s.oneOf) {
    const options = (s.anyOf ?? s.oneOf) as Schema[];
    const results = options.map((o) => validate(value, o, check, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 0) errors.push(`${path}: matches none of ${options.length} alternatives (${results.map((r) => r[0]).join(' | ')})`);
    if (s.oneOf && passing > 1) errors.push(`${path}: matches ${passing} oneOf alternatives`);
  }
  if (s.allOf) for (const part of s.allOf as Schema[]) errors.push(...validate(value, part, { ...check, strict: false }, path));
  if (s.const !== undefined && value !== s.const) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !(s.enum as unknown[]).includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(s.enum)}`);
  if (s.type !== undefined && !hasType(value, s.type as string)) return [...errors, `${path}: expected ${s.type}, got ${JSON.stringify(value)?.slice(0, 60)}`];
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) errors.push(`${path}: below ${s.minimum}`);
    if (typeof s.maximum === 'number' && value > s.maximum) errors.push(`${path}: above ${s.maximum}`);
  }
  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern).test(value)) errors.push(`${path}: does not match ${s.pattern}`);
    if (typeof s.maxLength === 'number' && value.length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
  }
  if (Array.isArray(value) && s.items) value.forEach((item, i) => errors.push(...validate(item, s.items, check, `${path}[${i}]`)));
  if (value && typeof value === 'object' && !Array.isArray(value) && (s.properties || s.required)) {
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    for (const key of (s.required ?? []) as string[]) if (!(key in value)) errors.push(`${path}: missing ${key}`);
    for (const [key, v] of Object.entries(value)) {
      if (key in properties) errors.push(...validate(v, properties[key], check, `${path}.${key}`));
      else if (check.strict && !s.allOf) errors.push(`${path}.${key}: not described by the schema`);
    }
  }
  return errors;
}

function resolve(schema: Schema, check: SchemaCheck): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
  const target = name === undefined ? undefined : check.components[name];
  if (!target) throw new Error(`unresolvable $ref ${ref}`);
  return resolve(target as Schema, check);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return !!value && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
