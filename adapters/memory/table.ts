import { copyRecord } from '../../src/model/copy-record.js';

/**
 * A map of records with secondary indexes and an undo journal: the building block of
 * `memoryStorage`. Records are copied in and out, so callers never share state with the store.
 */
export class Table<T> {
  readonly rows = new Map<string, T>();
  private readonly indexes = new Map<string, { key: (row: T) => string | undefined; map: Map<string, Set<string>> }>();
  private readonly uniques = new Map<string, { path: (row: T) => readonly string[] | undefined; root: Nested<T> }>();

  constructor(
    private readonly primaryKey: (row: T) => string,
    private readonly journal: () => ((undo: () => void) => void) | undefined,
    /** How a row is copied out; a table of flat records passes a cheaper copy than `copyRecord`. */
    private readonly copy: (row: T) => T = copyRecord,
  ) {}

  /** Adds a non-unique index; `key` returning undefined leaves the row out. */
  index(name: string, key: (row: T) => string | undefined): this {
    this.indexes.set(name, { key, map: new Map() });
    return this;
  }

  /**
   * Adds a unique index over a path of key parts (tenant, project, …), kept as nested maps that
   * hold the row itself: a lookup is one map step per part, with no composite key to build and
   * hash, and no second lookup by primary key. The caller keeps the path unique (a second row on
   * the same path hides the first); `path` returning undefined leaves the row out.
   */
  unique(name: string, path: (row: T) => readonly string[] | undefined): this {
    this.uniques.set(name, { path, root: new Map() });
    return this;
  }

  /** A copy of the row whose `name` unique index is `parts`, or undefined. */
  findUnique(name: string, parts: readonly string[]): T | undefined {
    const row = readAt(this.uniques.get(name)?.root, parts);
    return row === undefined ? undefined : this.copy(row);
  }

  get(key: string): T | undefined {
    const row = this.rows.get(key);
    return row === undefined ? undefined : this.copy(row);
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
   * (`copyRecord`) whatever of them leaves it. Lists stay cheap on large tables.
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
    for (const { path, root } of this.uniques.values()) {
      const before = previous === undefined ? undefined : path(previous);
      if (before !== undefined) unlink(root, before, 0, previous!);
      const after = row === undefined ? undefined : path(row);
      if (after !== undefined) placeAt(root, after, row!);
    }
    if (row === undefined) this.rows.delete(key);
    else this.rows.set(key, row);
  }
}

/** Nested maps over a path of key parts: one level per part, the row at the last. */
export type Nested<T> = Map<string, Nested<T> | T>;

/** The row at `path` under `node`, or undefined when a map on the way is missing. */
export function readAt<T>(node: Nested<T> | undefined, path: readonly string[]): T | undefined {
  let at: Nested<T> | T | undefined = node;
  for (let i = 0; i < path.length && at !== undefined; i++) at = (at as Nested<T>).get(path[i]!);
  return at as T | undefined;
}

/** Puts `row` at `path`, making the maps on the way that do not exist yet. */
export function placeAt<T>(root: Nested<T>, path: readonly string[], row: T): void {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    let next = node.get(path[i]!) as Nested<T> | undefined;
    if (!next) node.set(path[i]!, (next = new Map()));
    node = next;
  }
  node.set(path[path.length - 1]!, row);
}

/** Removes `row` from its path (only if it is still the row there), and the maps left empty. */
export function unlink<T>(node: Nested<T>, path: readonly string[], depth: number, row: T): void {
  const part = path[depth]!;
  const child = node.get(part);
  if (depth === path.length - 1) {
    if (child === row) node.delete(part);
    return;
  }
  if (!(child instanceof Map)) return;
  unlink(child as Nested<T>, path, depth + 1, row);
  if (child.size === 0) node.delete(part);
}

/** A composite key that cannot collide (NUL never appears in ids). */
export const k = (...parts: string[]): string => parts.join('\u0000');
