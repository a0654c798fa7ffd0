/**
 * The floors of a handler that reads PostgreSQL: plain node:http servers that send statements
 * through node-postgres and answer, with no routing, authentication or validation. What
 * node:http and node-postgres alone cost on this machine, against which a request's ratio to
 * hello-world can be read. Bundled by bench/run.mjs as `statement-floor.mjs`; driven like
 * server.ts (`serveMeasured`). Two kinds:
 *
 * - `N` (a number): N prepared primary-key reads per request, one after the other, of a
 *   2,000-row table keyed like sitegate's, by tenant first; the last row answered as JSON.
 * - `replay FILE`: an endpoint's own request (a `RecordedRequest`, written by the suite): the
 *   statements one of its requests sent, in the same order and with the same values, on one
 *   pooled connection with the PostgreSQL storage's session setting and its way of sending them
 *   (a named read described once per connection), then the answer it got, its status and body.
 *   Values are left as PostgreSQL sends them (no dates or arrays made): the least node-postgres
 *   can cost for those statements. The ids a write makes (its `fresh`) are renamed for each
 *   request, so that each replay writes new rows as the endpoint does.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { databaseUrl, freshDatabase } from '../lib/storages.js';
import { backendCpu } from './cpu.js';
import { serveMeasured, startMeasured } from './measured-process.js';
import type { RecordedRequest, RecordedStatement } from './protocol.js';
import { describedQuery } from '../../adapters/postgres/described-query.js';
import { GENERIC_PLANS } from '../../adapters/sql/generic-plans.js';

/** Every column as the text PostgreSQL sent. */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

function answer(response: ServerResponse, body: string, status = 200): void {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Whether a failed request was reported: the first failure says why, the rest are counted by the load generator. */
let reported = false;

/**
 * Reads the request to its end, as any real handler must, then runs `then`. A statement that
 * fails answers 500, which the load generator counts as an error in the row, instead of ending
 * the process on an unhandled rejection.
 */
const afterBody = (then: (response: ServerResponse) => Promise<void>) => (request: IncomingMessage, response: ServerResponse) => {
  request.resume();
  request.on('end', () => {
    then(response).catch((error: unknown) => {
      if (!reported) {
        reported = true;
        console.error('statement-floor: a request failed', error);
      }
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
};

async function primaryKeyReads(url: string, statements: number) {
  // A database per process, so two floors (or a floor and the suite's server) never share one.
  const connectionString = await freshDatabase(url, `sitegate_bench_floor_${statements}`);
  // pg's default pool size, as the PostgreSQL storage uses it.
  const pool = new pg.Pool({ connectionString, max: 10 });
  await pool.query(`CREATE TABLE rows (tenant_id text NOT NULL, id text NOT NULL, name text NOT NULL, created_at timestamptz NOT NULL, PRIMARY KEY (tenant_id, id))`);
  await pool.query(`INSERT INTO rows SELECT 'bench', 'r-' || n, 'Row ' || n, timestamptz '2026-01-01T00:00:00Z' + n * interval '1 minute' FROM generate_series(1, 2000) AS n`);
  await pool.query('VACUUM (ANALYZE) rows');
  const read = { name: 'floor_read', text: 'SELECT tenant_id, id, name, created_at FROM rows WHERE tenant_id = $1 AND id = $2', values: ['bench', 'r-42'] };
  const handle = afterBody(async (response) => {
    let row: unknown;
    for (let i = 0; i < statements; i++) row = (await pool.query(read)).rows[0];
    answer(response, JSON.stringify(row));
  });
  return { pool, handle };
}

function replay(url: string, file: string) {
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as RecordedRequest;
  if (recorded.statements.length === 0) throw new Error(`${file} holds no statement to replay`);
  // The endpoint's own database, as its server left it, with the session setting the PostgreSQL
  // storage gives its own pool: the statements are planned as the server's were.
  const options = `-c ${GENERIC_PLANS.name}=${GENERIC_PLANS.value}`;
  const pool = new pg.Pool({ connectionString: databaseUrl(url, recorded.database), max: 10, options });
  const rename = renamer(recorded.fresh);
  let sent = 0;
  const handle = afterBody(async (response) => {
    const statements = rename ? renamedStatements(recorded.statements, rename, ++sent) : recorded.statements;
    const client = await pool.connect();
    try {
      // As the PostgreSQL storage sends them: a named read is described once per connection.
      for (const { text, name, values } of statements) await describedQuery(client, { text, ...(name ? { name } : {}), ...(values ? { values } : {}), types: RAW_TEXT });
    } catch (error) {
      // A connection left inside a failed transaction is not given to the next request.
      client.release(error as Error);
      throw error;
    }
    client.release();
    answer(response, recorded.body, recorded.status);
  });
  return { pool, handle };
}

/**
 * Renames each of `ids` wherever a value holds it, by one pass of one expression with the
 * longest first, so that an id inside a longer one (`r-1` in `r-10`) never renames a part of it.
 */
function renamer(ids: string[]): ((value: string, n: number) => string) | undefined {
  if (ids.length === 0) return undefined;
  const escaped = [...ids].sort((a, b) => b.length - a.length).map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(escaped.join('|'), 'g');
  return (value, n) => value.replace(pattern, (id) => `${id}.${n}`);
}

/** The recorded statements for the `n`th replay, each id renamed wherever a value (or an array in one) holds it. */
function renamedStatements(statements: RecordedStatement[], rename: (value: string, n: number) => string, n: number): RecordedStatement[] {
  const renamed = (value: unknown): unknown => (Array.isArray(value) ? value.map(renamed) : typeof value === 'string' ? rename(value, n) : value);
  return statements.map((statement) => (statement.values ? { ...statement, values: statement.values.map(renamed) } : statement));
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const [kind, file] = process.argv.slice(2);
  const statements = Number(kind);
  if (kind !== 'replay' && (!Number.isInteger(statements) || statements < 1)) throw new Error(`expected a number of statements per request or "replay FILE", got ${kind}`);
  if (kind === 'replay' && !file) throw new Error('replay needs the file of the recorded request');
  const { pool, handle } = kind === 'replay' ? replay(url, file!) : await primaryKeyReads(url, statements);
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const databaseCpu = await backendCpu(pool);

  serveMeasured(server, { databaseCpu, close: () => pool.end() });
}

startMeasured(main);
