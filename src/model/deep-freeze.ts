/**
 * Freezes a value and everything inside it, once, and returns it: a record many callers share
 * (a stored content record, a client's packed rules) cannot then be changed by one of them (a
 * change throws in strict mode). A `Date` keeps its setters (freezing cannot stop them); nothing
 * in sitegate calls them.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
