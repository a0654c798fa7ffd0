/** One page of a keyset-paginated list. `nextCursor` is opaque; `null` on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
