/**
 * Arrays of strings as the array literals node-postgres would send for them, made in one join.
 * node-postgres writes an array element by element: each string through two regular-expression
 * replacements and a concatenation. Opening a folder of 50 documents sends four such arrays;
 * they were an eighth of everything the request allocated.
 */

/** `values` as node-postgres writes them, `{"a","b"}`, when each is a string with no `"` or `\` to escape; else undefined. */
export function textArrayLiteral(values: readonly unknown[]): string | undefined {
  for (const value of values) if (typeof value !== 'string' || value.includes('"') || value.includes('\\')) return undefined;
  return values.length === 0 ? '{}' : `{"${values.join('","')}"}`;
}

/** A statement's parameters with each array `textArrayLiteral` can write written; the same list when none. */
export function withTextArraysWritten(params: unknown[] | undefined): unknown[] | undefined {
  if (!params) return params;
  let written: unknown[] | undefined;
  for (let i = 0; i < params.length; i++) {
    const param = params[i];
    if (!Array.isArray(param)) continue;
    const literal = textArrayLiteral(param);
    if (literal !== undefined) (written ??= params.slice())[i] = literal;
  }
  return written ?? params;
}
