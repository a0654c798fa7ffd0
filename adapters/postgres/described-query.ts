import pg from 'pg';
// node-postgres's own conversion of a JS value to a statement parameter, as `Query` uses it.
import pgUtils from 'pg/lib/utils.js';
import { StaleDescriptionError } from '../sql/statement-names.js';

/**
 * A statement for node-postgres that asks the server to describe its result only the first time
 * it runs on a connection.
 *
 * node-postgres sends Bind, Describe, Execute and Sync for every run of a prepared statement.
 * The row description that comes back is the same each time for one statement on one session,
 * yet reading it is a large part of a short request: for the session join (21 columns) it made an
 * eighth of everything `GET /me` allocated, and a type parser is looked up per column per run.
 * Here the description a statement got on a connection is kept, with its parsers, and later runs
 * of the same statement on that connection send Bind, Execute and Sync only.
 *
 * On one session PostgreSQL does not let a prepared statement's result change shape: when a
 * migration changes a table it reads, the run fails with "cached plan must not change result
 * type" and the statement is renamed (`staleStatement`). A pooler that prepares statements again
 * on another server (PgBouncer 1.21+) could break that promise; a row whose column count is not
 * the described one fails as stale too (`StaleDescriptionError`), and is run again described.
 * That is why only reads (`SELECT …`) skip the description: a write has run by the time its
 * rows arrive.
 */

/** What a run of a statement learnt from its row description, reused by later runs. */
interface Description {
  fields: unknown[];
  parsers: unknown[] | undefined;
  emptyRow: object | null;
}

/** Parts of node-postgres's `Query`, `Result` and `Connection` this class works with. */
interface ResultInternals {
  fields: unknown[];
  _parsers: unknown[] | undefined;
  _prebuiltEmptyResultObject: object | null;
  _types: unknown;
}
interface ConnectionInternals {
  parsedStatements: Record<string, string | undefined>;
  bind(config: { portal: string; statement: string; values: unknown[]; binary: boolean | undefined }): void;
  execute(config: { portal: string }): void;
  sync(): void;
}
interface QueryInternals {
  text: string;
  name?: string;
  values?: unknown[];
  portal: string;
  binary?: boolean;
  rows?: number;
  _result: ResultInternals;
  _accumulateRows: boolean;
  _canceledDueToError: unknown;
  prepare(connection: ConnectionInternals): void;
  handleRowDescription(message: unknown): void;
  handleDataRow(message: { fields: unknown[] }): void;
}

/**
 * Statements that only read. Only these skip the description: one whose rows turn out not to
 * match it fails after it ran, and only a read can simply be run again outside a transaction.
 */
const READ = /^\s*SELECT\b/i;

/** Descriptions by statement name, per connection: a statement is described on each connection once. */
const descriptionsOf = new WeakMap<object, Map<string, Description>>();

export interface DescribedQueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
  types: unknown;
  /** node-postgres's own deadline for the answer, read by `client.query`. */
  query_timeout?: number;
}

export type QueryCallback = (error: Error | null, result: pg.QueryResult) => void;

const Base = pg.Query as unknown as new (text: string, values: unknown[] | undefined, callback: QueryCallback) => QueryInternals;

class DescribedQuery extends Base {
  /** The connection's descriptions, while a run on it may add one. */
  private descriptions: Map<string, Description> | undefined;
  /** The description this run reuses instead of asking for one. */
  private reused: Description | undefined;
  readonly query_timeout: number | undefined;

  constructor(config: DescribedQueryConfig, callback: QueryCallback) {
    // The text alone: a config object would be copied property by property (descriptors and all).
    super(config.text, config.values, callback);
    if (config.name !== undefined) this.name = config.name;
    this._result._types = config.types;
    this.query_timeout = config.query_timeout;
  }

  override prepare(connection: ConnectionInternals): void {
    const name = this.name;
    if (name === undefined || !READ.test(this.text)) return super.prepare(connection);
    let descriptions = descriptionsOf.get(connection);
    if (!descriptions) descriptionsOf.set(connection, (descriptions = new Map()));
    this.descriptions = descriptions;
    // Only a statement this connection has parsed: one still being parsed has no description yet.
    const known = connection.parsedStatements[name] === this.text && this.rows === undefined ? descriptions.get(name) : undefined;
    if (!known) return super.prepare(connection);
    let values: unknown[];
    try {
      // Converted before anything is written, so a value that cannot be sent leaves nothing half-written.
      values = (this.values ?? []).map((value) => pgUtils.prepareValue(value));
    } catch {
      return super.prepare(connection);
    }
    this.reused = known;
    const result = this._result;
    result.fields = known.fields;
    result._parsers = known.parsers;
    result._prebuiltEmptyResultObject = known.emptyRow;
    // What `handleRowDescription` decides: rows are kept for the callback.
    this._accumulateRows = true;
    connection.bind({ portal: this.portal, statement: name, values, binary: this.binary });
    connection.execute({ portal: this.portal });
    connection.sync();
  }

  override handleRowDescription(message: unknown): void {
    super.handleRowDescription(message);
    const result = this._result;
    if (this.name !== undefined && this.descriptions) {
      this.descriptions.set(this.name, { fields: result.fields, parsers: result._parsers, emptyRow: result._prebuiltEmptyResultObject });
    }
  }

  override handleDataRow(message: { fields: unknown[] }): void {
    const reused = this.reused;
    if (reused && message.fields.length !== reused.fields.length) {
      // The next run on this connection asks for the description again; this one fails as stale
      // and is run again. Its other rows are skipped like those after any failed row.
      if (this.name !== undefined && this.descriptions?.get(this.name) === reused) this.descriptions.delete(this.name);
      this._canceledDueToError ||= new StaleDescriptionError(this.name ?? '');
      return;
    }
    super.handleDataRow(message);
  }
}

/** Runs one statement on `client`, described once per connection when it is named. */
export function describedQuery(client: pg.ClientBase, config: DescribedQueryConfig): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    client.query(new DescribedQuery(config, (error, result) => (error ? reject(error) : resolve(result))) as unknown as pg.Submittable);
  });
}
