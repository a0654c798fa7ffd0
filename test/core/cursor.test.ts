import { describe, expect, it } from 'vitest';
import { ValidationError } from 'sitegate';
import { CURSOR_MAX_MS, CURSOR_MIN_MS, decodeCursor, decodeTimeCursor, encodeCursor, encodeTimeCursor } from '../../src/ports/cursor.js';

/** The error every bad cursor must get: a 400 naming `cursor`. */
function rejects(decode: () => unknown): void {
  let error: unknown;
  try {
    decode();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).code).toBe('bad_request');
  expect((error as ValidationError).issues[0]!.path).toEqual(['cursor']);
}

const raw = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('keyset cursors', () => {
  it('round-trips the sort key, in base64url without padding', () => {
    const values = [1_767_225_600_000, 'cl_ä/+=', -3.5, ''];
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(values);
  });

  it('round-trips a [time, id] cursor', () => {
    const at = new Date('2026-01-05T09:00:00.123Z');
    expect(decodeTimeCursor(encodeTimeCursor(at, 'cl-1'))).toEqual([at.getTime(), 'cl-1']);
    expect(decodeTimeCursor(encodeCursor([CURSOR_MIN_MS, 'a']))).toEqual([CURSOR_MIN_MS, 'a']);
    expect(decodeTimeCursor(encodeCursor([CURSOR_MAX_MS, 'a']))).toEqual([CURSOR_MAX_MS, 'a']);
  });

  it('rejects anything it could not have made, as a 400 naming cursor', () => {
    for (const cursor of ['', 'not base64!', '%%%', raw('{"a":1}'), raw('[]'), raw('[null]'), raw('[true]'), raw('[{}]'), raw('not json'), raw('[1e400]'), raw('["\\u0000"]'), raw(JSON.stringify(['x'.repeat(501)])), '_-_-']) {
      rejects(() => decodeCursor(cursor));
    }
    // Not UTF-8.
    rejects(() => decodeCursor(btoa('["\xff"]').replace(/=+$/, '')));
  });

  it('rejects a [time, id] cursor with the wrong shape, a time out of range or an invalid id', () => {
    for (const values of [[1, 'a', 'extra'], ['1', 'a'], [1.5, 'a'], [CURSOR_MIN_MS - 1, 'a'], [CURSOR_MAX_MS + 1, 'a'], [1, 2], [1, ''], [1, 'a\nb']]) {
      rejects(() => decodeTimeCursor(encodeCursor(values as (string | number)[])));
    }
  });
});
