import type { SgStrings } from '../i18n/en.js';
import { format } from '../i18n/translate.js';

/** A validation issue as the api client reports it (zod-like path + message, and the rule's code). */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

/** The error shapes a component may see: a typed sitegate error, a network failure, anything. */
interface ProblemLike {
  code?: unknown;
  message?: unknown;
  issues?: unknown;
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as ProblemLike | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What a 409 says about its clash (`field`, `reason`), as far as it says anything. */
export function conflictData(error: unknown): { field?: unknown; reason?: unknown } {
  return (error as { data?: { field?: unknown; reason?: unknown } } | null)?.data ?? {};
}

/** Validation issues carried by the error, if any. */
export function errorIssues(error: unknown): FieldIssue[] {
  const issues = (error as ProblemLike | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is FieldIssue => typeof i === 'object' && i !== null && Array.isArray(i.path) && typeof i.message === 'string',
  );
}

/** The server's words as a sentence of their own: "must be at most 200 characters" → "Must be at most 200 characters." */
const sentence = (message: string): string => {
  const text = message.trim();
  if (!text) return text;
  const capital = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
};

/**
 * The first issue message per top-level field, for showing next to inputs. With the element's
 * `strings`, an issue whose code has a string of its own (`issue_<code>`) is said in the page's
 * language, and any other is written as a sentence.
 */
export function issuesByField(error: unknown, strings?: Partial<SgStrings>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of errorIssues(error)) {
    const field = String(issue.path[0] ?? '');
    if (out[field] !== undefined) continue;
    if (!strings) out[field] = issue.message;
    else out[field] = (issue.code && strings[`issue_${issue.code}` as keyof SgStrings]) || sentence(issue.message);
  }
  return out;
}

/** The first issue the element has words for by its code (`issue_<code>`), in the page's language. */
export function issueByCode(error: unknown, strings: Partial<SgStrings>): string | undefined {
  for (const { code } of errorIssues(error)) {
    const said = code && strings[`issue_${code}` as keyof SgStrings];
    if (said) return said;
  }
  return undefined;
}

/**
 * A request that never got an answer: a failed fetch (`TypeError`) or a timeout. The api client
 * hands these on as an `internal` error with the failure as its `cause`; a person should hear
 * "check your connection", not "something went wrong on the server".
 */
function unreachable(error: unknown): boolean {
  const cause = errorCode(error) === 'internal' ? (error as { cause?: unknown }).cause : error;
  // ky's `TimeoutError`, and the DOMException of an aborted or timed-out fetch (`AbortSignal.timeout`).
  const name = (cause as { name?: unknown } | null)?.name;
  return cause instanceof TypeError || name === 'TimeoutError' || name === 'AbortError';
}

/**
 * A sentence a person can act on, never the server's English for a code it knows: known codes
 * get a translated message, with the wait a busy or rate-limited server names where the table
 * has words for it (`error_<code>_wait`, and `…_wait_one` for one second; from a minute on
 * `…_wait_minutes`, rounded up, and `…_wait_minutes_one`); a sitegate error with an unknown code
 * shows its own message; a network failure says so; anything else (a bug) a generic one. A
 * server fault (a 5xx but `busy`, which names its wait) adds the id it was answered under
 * (`requestId`), as it came: the host finds the full error in its log by it.
 */
export function problemMessage(error: unknown, strings: SgStrings): string {
  const message = said(error, strings);
  const { requestId: id, status } = (error ?? {}) as { requestId?: unknown; status?: number };
  return typeof id === 'string' && id && !(status! < 500) && errorCode(error) !== 'busy' ? format(strings.errorReference, { message, id }) : message;
}

function said(error: unknown, strings: SgStrings): string {
  if (unreachable(error)) return strings.error_network;
  const code = errorCode(error);
  if (code) {
    const key = `error_${code}` as keyof SgStrings;
    const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof seconds === 'number') {
      const minutes = Math.ceil(seconds / 60);
      const inMinutes = seconds >= 60 && ((minutes === 1 && strings[`${key}_wait_minutes_one` as keyof SgStrings]) || strings[`${key}_wait_minutes` as keyof SgStrings]);
      if (inMinutes) return format(inMinutes, { minutes });
      const wait = (seconds === 1 && strings[`${key}_wait_one` as keyof SgStrings]) || strings[`${key}_wait` as keyof SgStrings];
      if (wait) return format(wait, { seconds });
    }
    const known = strings[key];
    if (known !== undefined) return known;
    const message = (error as ProblemLike).message;
    if (typeof message === 'string' && message) return message;
  }
  return strings.error_unknown;
}
