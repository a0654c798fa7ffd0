import * as z from 'zod';

/**
 * NUL and unpaired UTF-16 surrogates. PostgreSQL refuses NUL in text ("invalid byte sequence")
 * and drivers turn a lone surrogate into U+FFFD, so the same input would fail on one store and
 * be silently altered on another. With the `u` flag a well-formed pair is one code point, so
 * only unpaired halves match the surrogate range.
 */
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

const UNSTORABLE_MESSAGE = 'must not contain NUL (U+0000) or unpaired surrogate characters';

/** True when `text` can be stored unchanged by every storage adapter. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * A string input that reaches storage: refused (422 with its path) when it holds a character
 * no store can keep as given. Chain `.trim()`, `.min()`, `.max()` after it as on `z.string()`.
 */
export function storableText() {
  return z.string().refine(isStorableText, UNSTORABLE_MESSAGE);
}
