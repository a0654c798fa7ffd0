import type pg from 'pg';
import { defaultTimestamptz, parseTimestamptz, TIMESTAMPTZ_OID } from './timestamps.js';
import { defaultTextArray, parseTextArray, TEXT_ARRAY_OID } from './text-arrays.js';

/** The type parsers sitegate's statements use on one connection; see `typesFor`. */
type TypeParsers = { getTypeParser: pg.ClientBase['getTypeParser'] };
const typesOf = new WeakMap<pg.ClientBase, TypeParsers>();

/** By type: node-postgres's default text parser, and what reads the same values with less work. */
const faster = new Map<number, { standard: unknown; fast: unknown }>([
  [TIMESTAMPTZ_OID, { standard: defaultTimestamptz, fast: parseTimestamptz }],
  [TEXT_ARRAY_OID, { standard: defaultTextArray, fast: parseTextArray }],
]);

/**
 * The connection's own type parsers, with `timestamptz` read by `parseTimestamptz` and `text[]`
 * by `parseTextArray` where the connection reads them with node-postgres's defaults (not where a
 * host's pool set parsers of its own). Given per statement, so a host's pool is changed for
 * nobody else.
 */
export function typesFor(client: pg.ClientBase): TypeParsers {
  let types = typesOf.get(client);
  if (!types) {
    types = {
      getTypeParser: ((oid: number, format?: string) => {
        const parser = client.getTypeParser(oid, format as 'text');
        const swap = (format ?? 'text') === 'text' ? faster.get(oid) : undefined;
        return swap && parser === swap.standard ? swap.fast : parser;
      }) as pg.ClientBase['getTypeParser'],
    };
    typesOf.set(client, types);
  }
  return types;
}
