import { ValidationError } from '../errors/ValidationError.js';

/** Keyset cursors: the sort key of the last row returned, base64url JSON. */
export function encodeCursor(values: (string | number)[]): string {
  return btoa(JSON.stringify(values)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const json = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const values: unknown = JSON.parse(json);
    if (Array.isArray(values) && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values;
  } catch {
    // fall through to the error below
  }
  throw new ValidationError([{ path: ['cursor'], message: 'is not a cursor this list returned' }], undefined, 'bad_request');
}
