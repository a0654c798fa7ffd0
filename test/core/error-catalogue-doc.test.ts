import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/errors/codes.js';
import { ERROR_WIRE } from '../../src/errors/wire.js';

/**
 * docs/errors.md lists every code a host can meet, with its status and class. A code added,
 * renumbered or rebuilt as another class without the table following fails here.
 */
describe('the error catalogue in docs/errors.md', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map(
    [...doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \| `(\w+)`/gm)].map(([, code, status, type]) => [code!, { status: Number(status), type: type! }]),
  );

  it('has one row per code, and no row for a code that does not exist', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it("gives each code the status the handler answers and the class it is rebuilt as", () => {
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      const row = rows.get(code)!;
      expect(row.status, code).toBe(status);
      expect(row.type, code).toBe(ERROR_WIRE[code as keyof typeof ERROR_CODES].type.name);
    }
  });
});
