/**
 * Response checks for the browser client, without a schema library: each check reads an
 * unknown JSON value and returns it typed (dates revived, unknown object keys dropped) or
 * throws a `ResponseShapeError` naming the path. The server validates input with full zod; the
 * client only has to trust that a response has the shape its types promise, and zod would
 * be most of what a page downloads.
 */

export type Path = (string | number)[];

/** A response value did not have the promised shape. */
export class ResponseShapeError extends Error {
  override name = 'ResponseShapeError';
  constructor(
    readonly path: Path,
    readonly expected: string,
  ) {
    super(`${path.length ? path.join('.') : 'body'}: expected ${expected}`);
  }
}

export interface Check<T> {
  (value: unknown, path: Path): T;
  /** Set by `optional()`: an object may leave this key out. */
  readonly optional?: true;
  /** Set by `object()`: the keys it reads, so tests can compare them with the model's. */
  readonly shape?: Shape;
}

export type Output<C> = C extends Check<infer T> ? T : never;
type Shape = Record<string, Check<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ObjectOutput<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Output<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<Output<S[K]>, undefined> }
>;

const fail = (path: Path, expected: string): never => {
  throw new ResponseShapeError(path, expected);
};

const primitive =
  <T>(type: string, expected = `a ${type}`): Check<T> =>
  (value, path) =>
    typeof value === type ? (value as T) : fail(path, expected);

export const string = primitive<string>('string');
export const number = primitive<number>('number');
export const boolean = primitive<boolean>('boolean');
export const unknown: Check<unknown> = (value) => value;

/** An id as the model defines it (no path separators, bounded), so it is safe in URLs. */
export const id: Check<string> = (value, path) =>
  typeof value === 'string' && /^[A-Za-z0-9._:@-]{1,200}$/.test(value) && value !== '.' && value !== '..' ? value : fail(path, 'an id');

/** An ISO 8601 date-time with an offset, as `JSON.stringify(date)` writes it, revived. */
export const date: Check<Date> = (value, path) => {
  const time = typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? fail(path, 'an ISO date-time') : new Date(time);
};

export const oneOf =
  <const T extends readonly string[]>(values: T): Check<T[number]> =>
  (value, path) =>
    values.includes(value as string) ? (value as T[number]) : fail(path, `one of ${values.join(', ')}`);

export const optional = <T>(check: Check<T>): Check<T | undefined> & { readonly optional: true } =>
  Object.assign((value: unknown, path: Path) => (value === undefined ? undefined : check(value, path)), { optional: true as const });

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, path) =>
    value === null ? null : check(value, path);

export const array =
  <T>(item: Check<T>): Check<T[]> =>
  (value, path) =>
    Array.isArray(value) ? value.map((v, i) => item(v, [...path, i])) : fail(path, 'an array');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object with any keys; values are left as they are. */
export const record: Check<Record<string, unknown>> = (value, path) => (isRecord(value) ? { ...value } : fail(path, 'an object'));

/** An object with these keys; others are dropped (a newer server may add fields). */
export type ObjectCheck<S extends Shape> = Check<ObjectOutput<S>> & { readonly shape: S };

export const object = <S extends Shape>(shape: S): ObjectCheck<S> =>
  Object.assign(
    (value: unknown, path: Path) => {
      if (!isRecord(value)) return fail(path, 'an object');
      const out: Record<string, unknown> = {};
      for (const key in shape) {
        const read = shape[key]!(value[key], [...path, key]);
        if (read !== undefined) out[key] = read;
      }
      return out as ObjectOutput<S>;
    },
    { shape },
  );

/** The same object with more (or replaced) keys. */
export const extend = <S extends Shape, E extends Shape>(base: ObjectCheck<S>, more: E): ObjectCheck<Omit<S, keyof E> & E> =>
  object({ ...base.shape, ...more } as Omit<S, keyof E> & E);

/** Runs a check from the top of a response body. */
export function parse<T>(check: Check<T>, value: unknown): T {
  return check(value, []);
}
