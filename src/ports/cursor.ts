import { BadRequestError } from '../errors/BadRequestError.js';
import { Id } from '../model/ids.js';
import { isStorableText } from '../model/text.js';
import { FIRST_INSTANT_MS, LAST_INSTANT_MS } from '../model/time-range.js';

/**
 * Keyset cursors: the sort key of the last row returned, as base64url of UTF-8 JSON. A cursor
 * comes back from the caller, so it is input like any other: decoding checks its shape and that
 * every value is one a store can compare against, and anything else is a 400 naming `cursor`.
 */
export type CursorValue = string | number;

/**
 * The instants a cursor may name: those timestamps are kept in (`time-range.ts`), so a cursor
 * that passes never turns into an "Invalid time value" or "timestamp out of range" from a
 * driver, on any store.
 */
export const CURSOR_MIN_MS = FIRST_INSTANT_MS;
export const CURSOR_MAX_MS = LAST_INSTANT_MS;

/** Longest string one cursor value may hold (sort keys are ids and short text). */
const MAX_STRING = 500;

/** The typed error every bad cursor gets: 400 `bad_request`, issue path `['cursor']`. */
export function badCursor(): BadRequestError {
  return new BadRequestError('cursor: is not a cursor this list returned', { data: { issues: [{ path: ['cursor'], message: 'is not a cursor this list returned' }] } });
}

export function encodeCursor(values: readonly CursorValue[]): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(values))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The values of a cursor: finite numbers and storable strings only. Throws the `badCursor()`
 * error for anything this package could not have encoded.
 */
export function decodeCursor(cursor: string): CursorValue[] {
  let values: unknown;
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(cursor)) throw badCursor();
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    values = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length === 0) throw badCursor();
  for (const value of values) {
    if (typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && value.length <= MAX_STRING && isStorableText(value)) continue;
    throw badCursor();
  }
  return values as CursorValue[];
}

/** Encodes the `[time, id]` sort key most built-in lists page by. */
export function encodeTimeCursor(at: Date, id: string): string {
  return encodeCursor([at.getTime(), id]);
}

/**
 * Decodes a `[time, id]` cursor: whole epoch milliseconds within `CURSOR_MIN_MS`…`CURSOR_MAX_MS`
 * and a valid id, as `encodeTimeCursor` makes them. Anything else is the `badCursor()` error.
 */
export function decodeTimeCursor(cursor: string): [ms: number, id: string] {
  const [ms, id] = decodeKeyCursor(cursor, 1);
  return [ms, id!];
}

/**
 * Encodes a sort key of a time and several ids, for a list whose rows a time and one id do not
 * tell apart (read receipts: a view's time, then client, module and resource).
 */
export function encodeKeyCursor(at: Date, ids: readonly string[]): string {
  return encodeCursor([at.getTime(), ...ids]);
}

/**
 * Decodes a cursor of a time and `count` ids, as `encodeKeyCursor` makes them, checked as
 * `decodeTimeCursor` checks its one id. Anything else is the `badCursor()` error.
 */
export function decodeKeyCursor(cursor: string, count: number): [ms: number, ...ids: string[]] {
  const values = decodeCursor(cursor);
  const [ms, ...ids] = values;
  if (values.length !== count + 1 || typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < CURSOR_MIN_MS || ms > CURSOR_MAX_MS) throw badCursor();
  for (const id of ids) if (typeof id !== 'string' || !Id.safeParse(id).success) throw badCursor();
  return [ms, ...(ids as string[])];
}
