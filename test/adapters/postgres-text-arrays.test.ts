import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { defaultTextArray, parseTextArray } from '../../adapters/postgres/text-arrays.js';
import { typesFor } from '../../adapters/postgres/type-parsers.js';
import { databaseUrl, seededPicks, withPgClient } from '../support/sql-stores.js';

/** Texts of every shape: the plain ones `parseTextArray` reads itself, and those it hands on. */
const SHAPES = [
  '{}',
  '{a}',
  '{p-harbor,p-maple,p-3}',
  '{NULL}',
  '{NULL,a,NULL}',
  '{null,Null}',
  '{"NULL"}',
  '{"a,b",c}',
  '{"a\\"b"}',
  '{"a\\\\b",x}',
  '{a\\,b}',
  '{""}',
  '{" a "}',
  '{"{a}"}',
  '{{a,b},{c,d}}',
  '[0:1]={a,b}',
  '{a,,b}',
  '{,}',
  '{a,}',
  '{a b}',
  '{é,日本,😀}',
];

describe('parseTextArray', () => {
  it('reads every shape as postgres-array does', () => {
    for (const text of SHAPES) expect(parseTextArray(text), text).toEqual(defaultTextArray(text));
  });

  it('reads the plain ones itself', () => {
    expect(parseTextArray('{p-harbor,p-maple}')).toEqual(['p-harbor', 'p-maple']);
    expect(parseTextArray('{NULL,x}')).toEqual([null, 'x']);
  });
});

/** Deterministic arrays with plain ids, NULLs and every character PostgreSQL quotes an element for. */
function* arrays(): Generator<(string | null)[]> {
  const next = seededPicks(11);
  const pieces = ['p', '-', '1', 'x', '_', '.', ':', 'é', ',', '{', '}', '"', '\\', ' ', 'NULL', 'null'];
  for (let i = 0; i < 2_000; i++) {
    const length = next(6);
    const plain = i % 2 === 0;
    yield Array.from({ length }, () => {
      if (!plain && next(8) === 0) return null;
      const size = next(5);
      let text = '';
      for (let k = 0; k < size; k++) text += plain ? pieces[next(8)] : pieces[next(pieces.length)];
      return text;
    });
  }
}

const url = databaseUrl();

describe.skipIf(!url)('text arrays read from PostgreSQL', () => {
  it('reads what PostgreSQL writes as the values it was given, and as postgres-array reads them', async () => {
    await withPgClient(url!, async (conn) => {
      const given = [...arrays()];
      // PostgreSQL's own text for each array, made from JSON so the values cross unchanged.
      const { rows } = await conn.query<{ text: string }>(
        `SELECT (SELECT array_agg(x ORDER BY n) FROM jsonb_array_elements_text(e) WITH ORDINALITY AS t(x, n))::text AS text
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(e, i) ORDER BY i`,
        [JSON.stringify(given)],
      );
      expect(rows).toHaveLength(given.length);
      let plain = 0;
      for (const [i, { text }] of rows.entries()) {
        const expected = given[i]!.length === 0 ? null : given[i];
        if (expected === null) continue; // array_agg of no rows is NULL, which no parser sees
        expect(parseTextArray(text), text).toEqual(expected);
        expect(parseTextArray(text), text).toEqual(defaultTextArray(text));
        if (!text.includes('"')) plain++;
      }
      // Both paths were taken: plain arrays read here, quoted ones handed to postgres-array.
      expect(plain).toBeGreaterThan(300);
      expect(plain).toBeLessThan(rows.length - 200);
    });
  });

  it('reads text[] with parseTextArray on a connection with the default parsers, and keeps a host pool’s own', () => {
    const textArrays = (client: pg.Client) => (typesFor(client).getTypeParser as (oid: number, format: 'text') => unknown)(1009, 'text');
    const conn = new pg.Client({ connectionString: url });
    expect(textArrays(conn)).toBe(parseTextArray);
    const own = (text: string) => text;
    const host = new pg.Client({
      connectionString: url,
      types: { getTypeParser: ((oid: number, format?: string) => (oid === 1009 ? own : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
    });
    expect(textArrays(host)).toBe(own);
    expect(typesFor(conn).getTypeParser(25, 'text')).toBe(conn.getTypeParser(25, 'text'));
  });
});
