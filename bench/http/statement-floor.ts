/**
 * The floor of a handler that reads PostgreSQL: a plain node:http server that sends `N` prepared
 * statements per request, one after the other (each a primary-key read of a 2,000-row table
 * keyed like sitegate's, by tenant first), and answers the last row as JSON. No routing, no
 * authentication, no validation: what node:http and node-postgres cost for that many round trips
 * on this machine, against which a request's ratio to hello-world can be read. Bundled by
 * bench/run.mjs as `statement-floor.mjs`; driven like server.ts (`serveMeasured`), with `N`
 * as its argument.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { freshDatabase } from '../lib/storages.js';
import { backendCpu } from './cpu.js';
import { serveMeasured, startMeasured } from './measured-process.js';

async function main(): Promise<void> {
  const statements = Number(process.argv[2]);
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  if (!Number.isInteger(statements) || statements < 1) throw new Error(`statements per request must be a positive integer, got ${process.argv[2]}`);
  // A database per process, so two floors (or a floor and the suite's server) never share one.
  const connectionString = await freshDatabase(url, `sitegate_bench_floor_${statements}`);
  // pg's default pool size, as the PostgreSQL storage uses it.
  const pool = new pg.Pool({ connectionString, max: 10 });
  await pool.query(`CREATE TABLE rows (tenant_id text NOT NULL, id text NOT NULL, name text NOT NULL, created_at timestamptz NOT NULL, PRIMARY KEY (tenant_id, id))`);
  await pool.query(`INSERT INTO rows SELECT 'bench', 'r-' || n, 'Row ' || n, timestamptz '2026-01-01T00:00:00Z' + n * interval '1 minute' FROM generate_series(1, 2000) AS n`);
  await pool.query('VACUUM (ANALYZE) rows');
  const read = { name: 'floor_read', text: 'SELECT tenant_id, id, name, created_at FROM rows WHERE tenant_id = $1 AND id = $2', values: ['bench', 'r-42'] };

  const server = createServer((request, response) => {
    request.resume();
    request.on('end', async () => {
      let row: unknown;
      for (let i = 0; i < statements; i++) row = (await pool.query(read)).rows[0];
      const body = JSON.stringify(row);
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const databaseCpu = await backendCpu(pool);

  serveMeasured(server, { databaseCpu, close: () => pool.end() });
}

startMeasured(main);
