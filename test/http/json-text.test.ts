import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoString, jsonText } from '../../src/server/json-text.js';

/** Every response body is `jsonText`: it must write exactly what `JSON.stringify` writes. */
describe('jsonText', () => {
  it('writes every date as toISOString does, across the whole four-digit range and its edges', () => {
    const edges = [-62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 0, -1, 951_782_400_000, 4_107_542_400_000];
    for (const time of edges) expect(isoString(new Date(time))).toBe(new Date(time).toISOString());
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (time) => isoString(new Date(time)) === new Date(time).toISOString()),
      { numRuns: 20_000 },
    );
  });

  it('writes what JSON.stringify writes, for any JSON-like value with dates in it', () => {
    const date = fc.oneof(fc.date({ noInvalidDate: false }), fc.integer({ min: -8.64e15, max: 8.64e15 }).map((t) => new Date(t)));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, undefined, true, 0, -0, Number.NaN, Infinity),
        fc.double(),
        fc.string(),
        date,
        fc.array(tie('value')),
        fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toJSON', 'constructor')), tie('value')),
      ),
    }));
    fc.assert(
      fc.property(value, (data) => jsonText(data) === JSON.stringify(data)),
      { numRuns: 3000 },
    );
  });

  it('leaves what is not a plain object or array to JSON.stringify: toJSON, class instances, null prototypes, holes', () => {
    class Money {
      constructor(readonly at = new Date(Date.UTC(2026, 0, 2))) {}
    }
    const custom = new Date(Date.UTC(2026, 4, 5));
    custom.toJSON = () => 'custom';
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { at: new Date(Date.UTC(2027, 1, 3)) });
    // eslint-disable-next-line no-sparse-arrays
    const holes = [new Date(0), , 3];
    const cases: unknown[] = [
      { own: { toJSON: () => ({ at: new Date(1) }) } },
      { money: new Money() },
      { custom },
      bare,
      holes,
      { invalid: new Date(Number.NaN) },
      { far: new Date(8.64e15), before: new Date(-8.64e15) },
      Object.freeze({ frozen: Object.freeze([new Date(5)]) }),
      { getter: Object.defineProperty({}, 'at', { enumerable: true, get: () => new Date(7) }) },
      new Map([['a', new Date(1)]]),
      // A `__proto__` key as data (JSON.parse makes those), holding a date.
      Object.defineProperty(JSON.parse('{"before": 1, "__proto__": null}') as object, '__proto__', { value: { at: new Date(9) }, enumerable: true }),
    ];
    for (const data of cases) expect(jsonText(data)).toBe(JSON.stringify(data));
  });

  it('does not change the value it writes, and passes date-free parts through without copying', () => {
    const at = new Date(Date.UTC(2026, 11, 2, 23, 59, 59, 999));
    const untouched = { a: [1, 2, { b: 'c' }] };
    const data = { at, list: [{ at }], untouched };
    const before = structuredClone(data);
    expect(jsonText(data)).toBe(JSON.stringify(data));
    expect(data).toEqual(before);
    expect(data.at).toBe(at);
    expect(data.list[0]!.at).toBe(at);
  });

  it('writes only a value’s own keys, even when Object.prototype has an enumerable one', () => {
    const data = { at: new Date(3), nested: { n: 1 } };
    Object.defineProperty(Object.prototype, 'polluted', { value: { at: new Date(4) }, enumerable: true, configurable: true, writable: true });
    try {
      const [written, expected] = [jsonText(data), JSON.stringify(data)];
      expect(written).toBe(expected);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it('still refuses a cycle, as JSON.stringify does', () => {
    const loop: Record<string, unknown> = { at: new Date(0) };
    loop.self = loop;
    expect(() => jsonText(loop)).toThrow(TypeError);
  });
});
