import pgUtils from 'pg/lib/utils.js';
import { describe, expect, it } from 'vitest';
import { textArrayLiteral, withTextArraysWritten } from '../../adapters/postgres/array-params.js';
import { databaseUrl, seededPicks, withPgClient } from '../support/sql-stores.js';

/** Deterministic lists of strings, with every character an array literal quotes, some with ones it escapes. */
function* lists(): Generator<string[]> {
  const next = seededPicks(5);
  const pieces = ['p', '-', '1', 'é', '日', ',', '{', '}', ' ', 'NULL', '', '\t', '"', '\\'];
  for (let i = 0; i < 2_000; i++) {
    const escapes = i % 3 === 0;
    yield Array.from({ length: next(6) }, () => {
      let text = '';
      for (let k = next(5); k > 0; k--) text += pieces[next(escapes ? pieces.length : pieces.length - 2)];
      return text;
    });
  }
}

describe('textArrayLiteral', () => {
  it('writes what node-postgres writes, or leaves to it what needs escaping', () => {
    let written = 0;
    for (const list of lists()) {
      const literal = textArrayLiteral(list);
      if (list.some((s) => s.includes('"') || s.includes('\\'))) expect(literal, JSON.stringify(list)).toBeUndefined();
      else {
        expect(literal, JSON.stringify(list)).toBe(pgUtils.prepareValue(list));
        written++;
      }
    }
    expect(written).toBeGreaterThan(1_000);
  });

  it('leaves lists of anything but strings to node-postgres', () => {
    for (const list of [[null], ['a', undefined], [1, 2], [['a']], [new Date(0)], [Buffer.from('a')]]) expect(textArrayLiteral(list)).toBeUndefined();
  });

  it('changes only the lists it can write, and hands back the same parameters when there are none', () => {
    const params = ['t-1', ['a', 'b'], ['x"y'], 3, null];
    expect(withTextArraysWritten(params)).toEqual(['t-1', '{"a","b"}', ['x"y'], 3, null]);
    expect(params[1]).toEqual(['a', 'b']);
    const plain = ['t-1', 2];
    expect(withTextArraysWritten(plain)).toBe(plain);
    expect(withTextArraysWritten(undefined)).toBeUndefined();
  });
});

const url = databaseUrl();

describe.skipIf(!url)('lists of strings sent to PostgreSQL', () => {
  it('arrive as the very strings they were', async () => {
    await withPgClient(url!, async (conn) => {
      const given = [...lists()].filter((list) => textArrayLiteral(list) !== undefined);
      for (const list of given.slice(0, 300)) {
        const { rows } = await conn.query<{ a: string[] }>('SELECT $1::text[] AS a', [textArrayLiteral(list)]);
        // An empty array comes back as `{}`, which node-postgres reads as an empty list too.
        expect(rows[0]!.a, JSON.stringify(list)).toEqual(list);
      }
    });
  });
});
