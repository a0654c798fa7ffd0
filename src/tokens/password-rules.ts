import { ValidationError, type ValidationIssue, invalid } from '../errors/ValidationError.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

/** The rule a refused password broke; the 422's issue carries it as `code`. */
export type PasswordRule = 'password_common' | 'password_repetitive' | 'password_sequential' | 'password_is_email';

let common: Set<string> | undefined;

/** Letters and digits that follow each other (`abcd…`, `1234…`, `9876…`, `…7890`). */
function sequential(text: string): boolean {
  const step = (a: string, b: string): number => {
    if (a === '9' && b === '0') return 1;
    if (a === '0' && b === '9') return -1;
    return b.charCodeAt(0) - a.charCodeAt(0);
  };
  const first = step(text[0]!, text[1]!);
  if (first !== 1 && first !== -1) return false;
  for (let i = 2; i < text.length; i++) if (step(text[i - 1]!, text[i]!) !== first) return false;
  return true;
}

/** A unit of at most 4 characters over and over (`aaaa…`, `abab…`, `passpass…`), or fewer than 3 distinct characters. */
function repetitive(text: string): boolean {
  const chars = [...text];
  if (new Set(chars).size < 3) return true;
  for (let period = 1; period <= 4; period++) {
    let repeats = true;
    for (let i = period; i < chars.length && repeats; i++) repeats = chars[i] === chars[i - period];
    if (repeats) return true;
  }
  return false;
}

/**
 * Which rule the password breaks, or `null` when it is acceptable. Length is checked by the
 * input schema; this adds what NIST SP 800-63B asks of a verifier: no password from a list of
 * commonly used ones, none that is trivially repetitive or sequential, none that is the
 * account's own email. Compared case-insensitively.
 */
export function passwordRuleBroken(password: string, context: { email?: string } = {}): PasswordRule | null {
  const text = password.normalize('NFKC').toLowerCase();
  common ??= new Set(COMMON_PASSWORDS.split('\n'));
  if (common.has(text)) return 'password_common';
  if (repetitive(text)) return 'password_repetitive';
  if (sequential(text)) return 'password_sequential';
  const email = context.email?.toLowerCase();
  if (email && (text === email || text === email.split('@')[0])) return 'password_is_email';
  return null;
}

const MESSAGES: Record<PasswordRule, string> = {
  password_common: 'is one of the most commonly used passwords; choose one that is harder to guess',
  password_repetitive: 'repeats a few characters; choose one that is harder to guess',
  password_sequential: 'is a run of consecutive letters or digits; choose one that is harder to guess',
  password_is_email: 'must not be your email address',
};

/** Throws a ValidationError (422) naming the broken rule, at `path`. */
export function assertPasswordAcceptable(password: string, context: { email?: string } = {}, path: (string | number)[] = ['password']): void {
  const rule = passwordRuleBroken(password, context);
  if (!rule) return;
  const issue: ValidationIssue = { path, message: MESSAGES[rule], code: rule };
  throw invalid([issue]);
}
