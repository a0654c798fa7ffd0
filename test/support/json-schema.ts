/**
 * A small JSON Schema (draft-07) validator for the keywords the custom-elements-manifest schema
 * uses: type, properties, required, items, enum, anyOf, additionalProperties and local $ref.
 * A schema with any other validation keyword is refused, so a newer schema cannot pass
 * unchecked.
 */
export interface SchemaIssue {
  path: string;
  message: string;
}

type Schema = { [key: string]: unknown };

const ANNOTATIONS = new Set(['$schema', 'description', 'definitions', 'title', 'default', 'examples', '$comment']);
const VALIDATORS = new Set(['type', 'properties', 'required', 'items', 'enum', 'anyOf', 'additionalProperties', '$ref']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Issues of `value` against `schema` (default: the root), resolving `$ref`s in `root`. */
export function validateJsonSchema(root: Schema, value: unknown, schema: Schema = root): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const resolve = (ref: string): Schema => {
    const match = /^#\/definitions\/(.+)$/.exec(ref);
    const found = match ? (root.definitions as Record<string, Schema> | undefined)?.[match[1]!] : undefined;
    if (!found) throw new Error(`unsupported $ref ${ref}`);
    return found;
  };
  const check = (schema: Schema, data: unknown, path: string, out: SchemaIssue[]): void => {
    for (const key of Object.keys(schema)) if (!ANNOTATIONS.has(key) && !VALIDATORS.has(key)) throw new Error(`unsupported keyword ${key} at ${path}`);
    if (typeof schema.$ref === 'string') check(resolve(schema.$ref), data, path, out);
    if (schema.type !== undefined) {
      const types = ([] as string[]).concat(schema.type as string | string[]);
      const actual = typeOf(data);
      if (!types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) out.push({ path, message: `expected ${types.join(' | ')}, got ${actual}` });
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((v) => v === data)) out.push({ path, message: `expected one of ${JSON.stringify(schema.enum)}` });
    if (Array.isArray(schema.anyOf)) {
      const fits = schema.anyOf.some((option) => {
        const trial: SchemaIssue[] = [];
        check(option as Schema, data, path, trial);
        return trial.length === 0;
      });
      if (!fits) out.push({ path, message: 'matches none of anyOf' });
    }
    if (typeOf(data) === 'object') {
      const object = data as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in object)) out.push({ path, message: `missing required ${key}` });
      for (const [key, child] of Object.entries(object)) {
        if (properties[key]) check(properties[key]!, child, `${path}.${key}`, out);
        else if (schema.additionalProperties === false) out.push({ path, message: `unexpected property ${key}` });
        else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties as Schema, child, `${path}.${key}`, out);
      }
    }
    if (Array.isArray(data) && schema.items && typeof schema.items === 'object') data.forEach((item, i) => check(schema.items as Schema, item, `${path}[${i}]`, out));
  };
  check(schema, value, '$', issues);
  return issues;
}
