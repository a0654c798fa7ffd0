/**
 * A map of records with secondary indexes and an undo journal: the building block of
 * `memoryStorage`. Records are copied in and out, so callers never share state with the store.
 */
export class Table<T> {
  readonly rows = new Map<string, T>();
  private readonly indexes = new Map<string, { key: (row: T) => string | undefined; map: Map<string, Set<string>> }>();

  constructor(
    private readonly primaryKey: (row: T) => string,
    private readonly journal: () => ((undo: () => void) => void) | undefined,
  ) {}

  /** Adds a non-unique index; `key` returning undefined leaves the row out. */
  index(name: string, key: (row: T) => string | undefined): this {
    this.indexes.set(name, { key, map: new Map() });
    return this;
  }

  get(key: string): T | undefined {
    const row = this.rows.get(key);
    return row === undefined ? undefined : copyRecord(row);
  }

  /** Primary keys of the rows whose `name` index equals `value`. */
  keysBy(name: string, value: string): string[] {
    return [...(this.indexes.get(name)?.map.get(value) ?? [])];
  }

  findBy(name: string, value: string): T[] {
    // Straight from the index's set (no copy of its keys): `get` changes nothing while we iterate.
    const keys = this.indexes.get(name)?.map.get(value);
    const out: T[] = [];
    if (keys) for (const key of keys) out.push(this.get(key)!);
    return out;
  }

  /**
   * The stored rows themselves, uncopied, for filtering and sorting inside the adapter; copy
   * (`structuredClone`) whatever of them leaves it. Lists stay cheap on large tables.
   */
  peekBy(name: string, value: string): readonly T[] {
    return this.keysBy(name, value).map((key) => this.rows.get(key)!);
  }

  put(row: T): void {
    const key = this.primaryKey(row);
    const previous = this.rows.get(key);
    this.write(key, copyRecord(row));
    this.journal()?.(() => (previous === undefined ? this.write(key, undefined) : this.write(key, previous)));
  }

  delete(key: string): boolean {
    const previous = this.rows.get(key);
    if (previous === undefined) return false;
    this.write(key, undefined);
    this.journal()?.(() => this.write(key, previous));
    return true;
  }

  private write(key: string, row: T | undefined): void {
    const previous = this.rows.get(key);
    for (const { key: indexKey, map } of this.indexes.values()) {
      const before = previous === undefined ? undefined : indexKey(previous);
      if (before !== undefined) {
        const set = map.get(before);
        set?.delete(key);
        if (set?.size === 0) map.delete(before);
      }
      const after = row === undefined ? undefined : indexKey(row);
      if (after !== undefined) {
        let set = map.get(after);
        if (!set) map.set(after, (set = new Set()));
        set.add(key);
      }
    }
    if (row === undefined) this.rows.delete(key);
    else this.rows.set(key, row);
  }
}

/** A composite key that cannot collide (NUL never appears in ids). */
export const k = (...parts: string[]): string => parts.join('\u0000');

/**
 * A deep copy of a stored record: plain objects, arrays, Dates and primitives copied by hand
 * (several times faster than `structuredClone` for the small records every request reads),
 * anything else by `structuredClone`. Copies in and out keep callers from sharing the store's state.
 */
export function copyRecord<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copyRecord) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = copyRecord((value as Record<string, unknown>)[key]);
    // A data key named `__proto__` (a host's JSON, say) stays a key; assigning it would set the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true, configurable: true });
    else out[key] = inner;
  }
  return out as T;
}
