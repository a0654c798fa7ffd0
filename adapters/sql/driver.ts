/** A row as the driver returns it: column name → value (timestamptz as Date, jsonb parsed). */
export type Row = Record<string, unknown>;

/** Something that runs one SQL statement with `$1…` parameters: a pool, a client, a transaction. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<Row[]>;
}

/**
 * The whole difference between pg and PGlite. `transaction` runs `fn` between BEGIN and COMMIT
 * on one connection, rolls back and rethrows when `fn` throws, and must reject when COMMIT did
 * not commit.
 */
export interface SqlDriver extends Queryable {
  /** Adapter name reported by `Storage.name`. */
  readonly name: string;
  /**
   * Long lists come back as one JSON value rather than row by row. For drivers that decode every
   * field of every row in JavaScript (PGlite), that is several times faster; pg decodes rows
   * fast and the server would only spend longer building the JSON.
   */
  readonly rowsAsJson?: boolean;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Turns a driver failure into a message that names what is wrong (host, auth, database…). */
  describeError?(error: unknown): string | undefined;
  close(): Promise<void>;
}
