import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from '../../adapters/postgres/timestamps.js';
import { typesFor } from '../../adapters/postgres/type-parsers.js';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { client } from '../../src/testing/storage/records.js';
import { postgresStoragesPerTest } from '../support/postgres-storages.js';
import { databaseUrl } from '../support/sql-stores.js';

/** node-postgres's own `timestamptz` parser (postgres-date), which `parseTimestamptz` must match. */
const postgresDate = pg.types.getTypeParser(1184, 'text') as (text: string) => Date | number | null;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A deterministic spread of timestamps as PostgreSQL writes them: fractions of 0–6 digits, offsets to the second. */
function* written(): Generator<string> {
  let seed = 7;
  const next = (below: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % below;
  const offsets = ['+00', '-05', '+05:30', '-03:30', '+14', '-12', '+00:19:32', '-00:25:21', '+05:45'];
  for (let i = 0; i < 20_000; i++) {
    const fraction = next(7);
    const digits = fraction === 0 ? '' : `.${pad(next(10 ** fraction), fraction)}`.replace(/0+$/, '');
    const year = i % 50 === 0 ? 100 + next(900) : 1900 + next(200);
    yield `${pad(year, 4)}-${pad(1 + next(12))}-${pad(1 + next(28))} ${pad(next(24))}:${pad(next(60))}:${pad(next(60))}${digits === '.' ? '' : digits}${offsets[next(offsets.length)]}`;
  }
}

describe('parseTimestamptz', () => {
  it('gives the very Date postgres-date gives, for every shape PostgreSQL writes', () => {
    let compared = 0;
    for (const text of written()) {
      expect((parseTimestamptz(text) as Date).getTime(), text).toBe((postgresDate(text) as Date).getTime());
      compared++;
    }
    expect(compared).toBe(20_000);
  });

  it('matches it on exact fractions, where a millisecond could round the other way', () => {
    for (let ms = 0; ms < 1000; ms++) {
      for (const tail of ['', '0', '000', '999']) {
        const text = `2026-12-03 10:30:00.${pad(ms, 3)}${tail}+00`;
        expect((parseTimestamptz(text) as Date).getTime(), text).toBe((postgresDate(text) as Date).getTime());
      }
    }
  });

  it('matches it on every fraction of one to five digits, and on six-digit ones across their range', () => {
    const fractions: string[] = [];
    for (let width = 1; width <= 5; width++) for (let n = 0; n < 10 ** width; n++) fractions.push(pad(n, width));
    for (let n = 0; n < 1_000_000; n += 7) fractions.push(pad(n, 6));
    const differing = fractions
      .map((fraction) => `2026-12-03 10:30:00.${fraction}+00`)
      .filter((text) => (parseTimestamptz(text) as Date).getTime() !== (postgresDate(text) as Date).getTime());
    expect(differing).toEqual([]);
    expect(fractions.length).toBeGreaterThan(250_000);
  });

  it('leaves what is not ISO with an offset to postgres-date, with the same answer', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '2026-01-01 00:00:00+00 BC',
      '0099-03-01 12:00:00+00',
      '0001-01-01 00:00:00+00',
      '12026-01-01 00:00:00+00',
      '2026-01-01 00:00:00',
      '2026-01-01T00:00:00Z',
      '2026-01-01 00:00:00.+00',
      '2026-01-01 00:00:00+0',
      '2026-01-01 00:00:00+05:3',
      '2026-01-01 00:00:00+05:30:00:00',
      '2026-1a-01 00:00:00+00',
      '01/02/2026 10:00:00 CET',
    ]) {
      expect(parseTimestamptz(text), text).toEqual(postgresDate(text));
    }
  });
});

const url = databaseUrl();

describe.skipIf(!url)('timestamps read from PostgreSQL', () => {
  const { schema, open } = postgresStoragesPerTest(url!, 'sg_timestamps');

  it('uses the fast parser for timestamptz on a connection that reads it with postgres-date', async () => {
    const conn = new pg.Client({ connectionString: url });
    expect(typesFor(conn).getTypeParser(1184, 'text')).toBe(parseTimestamptz);
    expect(typesFor(conn).getTypeParser(25, 'text')).toBe(conn.getTypeParser(25, 'text'));
  });

  // Offsets PostgreSQL writes with minutes (India, Newfoundland) and, for 19th-century local
  // mean time, with seconds (Amsterdam in 1850: +00:19:32).
  for (const [zone, offsets] of [
    ['Asia/Kolkata', ['+05:53:28', '+05:30', '+05:30']],
    ['America/St_Johns', ['-03:30:52', '-03:30', '-02:30']],
    ['Europe/Amsterdam', ['+00:19:32', '+01', '+02']],
  ] as const) {
    it(`reads back the instants it stored, with the session in ${zone}`, async () => {
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c TimeZone=${zone}` });
      const storage = await open(pool);
      const instants = [new Date('1850-06-01T12:34:56.789Z'), new Date('2026-12-03T10:30:00.001Z'), new Date('2026-03-29T01:30:00.999Z')];
      for (const [i, at] of instants.entries()) {
        const id = `cl-${zone.replace('/', '-').toLowerCase()}-${i}`;
        await storage.saveClient(client({ id, email: `${id}@example.com`, createdAt: at, updatedAt: at }));
        const read = await storage.getClient(TENANT_A, id);
        expect(read?.createdAt.toISOString()).toBe(at.toISOString());
      }
      // The session really wrote offsets of that shape.
      const { rows } = await pool.query<{ text: string }>(`SELECT created_at::text AS text FROM "${schema}".clients WHERE id LIKE $1 ORDER BY id`, [
        `cl-${zone.replace('/', '-').toLowerCase()}-%`,
      ]);
      expect(rows.map((r) => r.text.slice(r.text.search(/[+-]\d\d(:\d\d)*$/)))).toEqual([...offsets]);
    });
  }

  it("keeps a host pool's own timestamptz parser", async () => {
    const seen: string[] = [];
    const pool = new pg.Pool({
      connectionString: url,
      max: 1,
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          oid === 1184
            ? (text: string) => {
                seen.push(text);
                return new Date(postgresDate(text) as Date);
              }
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const storage = await open(pool);
    const at = new Date('2026-12-03T10:30:00.123Z');
    await storage.saveClient(client({ id: 'cl-host-parser', email: 'host-parser@example.com', createdAt: at, updatedAt: at }));
    expect((await storage.getClient(TENANT_A, 'cl-host-parser'))?.createdAt.toISOString()).toBe(at.toISOString());
    expect(seen.length).toBeGreaterThan(0);
  });
});
