import type { SgStrings } from '../i18n/en.js';

/** A validation issue as the api client reports it (zod-like path + message). */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
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

/** Validation issues carried by the error, if any. */
export function errorIssues(error: unknown): FieldIssue[] {
  const issues = (error as ProblemLike | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is FieldIssue => typeof i === 'object' && i !== null && Array.isArray(i.path) && typeof i.message === 'string',
  );
}

/** The first issue message per top-level field, for showing next to inputs. */
export function issuesByField(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of errorIssues(error)) {
    const field = String(issue.path[0] ?? '');
    out[field] ??= issue.message;
  }
  return out;
}

/**
 * A sentence a person can act on. Known codes get a translated message; a sitegate error with
 * an unknown code shows its own message; anything else (a bug, a dropped connection) a generic one.
 */
export function problemMessage(error: unknown, strings: SgStrings): string {
  const code = errorCode(error);
  if (code) {
    const key = `error_${code}` as keyof SgStrings;
    if (key in strings) return strings[key];
    const message = (error as ProblemLike).message;
    if (typeof message === 'string' && message) return message;
  }
  if (error instanceof TypeError) return strings.error_network;
  return strings.error_unknown;
}
