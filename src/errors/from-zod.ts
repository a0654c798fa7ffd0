import type * as z from 'zod';
import { invalid, type ValidationError } from './ValidationError.js';

/** Turns zod's issues into a ValidationError whose paths start at `prefix`. */
export function validationErrorFromZod(error: z.ZodError, prefix: (string | number)[] = []): ValidationError {
  return invalid(
    error.issues.map((issue) => ({
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
