import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

export interface ValidationIssue {
  /** Where in the input: `['projectIds', 2]`. */
  path: (string | number)[];
  message: string;
  code?: string;
}

/** Input that does not fit (422 `validation_failed`): `data.issues` lists every issue with its path, like zod. */
export class ValidationError extends SitegateError {
  override name = 'ValidationError';
  declare readonly data: { issues: ValidationIssue[] };

  constructor(message: string, options: SitegateErrorOptions<{ issues: ValidationIssue[] }> = {}) {
    super(message, { ...options, code: options.code ?? 'validation_failed', data: { issues: options.data?.issues ?? [{ path: [], message }] } });
  }

  /** Every issue with its path (`data.issues`). */
  get issues(): ValidationIssue[] {
    return this.data.issues;
  }

  /**
   * One line naming each issue by its path: the message `invalid()` gives a ValidationError. The
   * first ten, then how many more: a thousand unknown ids stay listed in `issues`, not repeated
   * in a message (or a problem's `detail`) a hundred kilobytes long.
   */
  static summarise(issues: ValidationIssue[]): string {
    if (issues.length === 0) return 'Invalid input';
    const said = issues
      .slice(0, 10)
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    return issues.length > 10 ? `${said}; and ${issues.length - 10} more` : said;
  }
}

/** A ValidationError for these issues, its message summarising them. */
export function invalid(issues: ValidationIssue[], message = ValidationError.summarise(issues)): ValidationError {
  return new ValidationError(message, { data: { issues } });
}
