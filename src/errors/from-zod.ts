import type * as z from 'zod';
import { invalid, type ValidationError } from './ValidationError.js';

const pathKey = (path: readonly PropertyKey[]) => JSON.stringify(path.map(String));

/**
 * Turns zod's issues into a ValidationError whose paths start at `prefix`. A value of the wrong
 * type is said once: zod still runs a field's length checks on it (`title: []` would also be
 * "expected array to have >=1 items", about a field that must be a string), and that second
 * issue would contradict the first.
 */
export function validationErrorFromZod(error: z.ZodError, prefix: (string | number)[] = []): ValidationError {
  const mistyped = new Set(error.issues.filter((issue) => issue.code === 'invalid_type').map((issue) => pathKey(issue.path)));
  return invalid(
    error.issues
      .filter((issue) => issue.code === 'invalid_type' || !mistyped.has(pathKey(issue.path)))
      .map((issue) => ({
        path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: issue.message,
        code: issue.code,
      })),
  );
}

/** Parses `input` with `schema` or throws a ValidationError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationErrorFromZod(result.error, prefix);
  return result.data;
}
