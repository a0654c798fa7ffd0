import { SitegateError } from './SitegateError.js';

export interface ValidationIssue {
  /** Where in the input: `['projectIds', 2]`. */
  path: (string | number)[];
  message: string;
  code?: string;
}

/** Input that does not fit: carries every issue with its path, like zod. */
export class ValidationError extends SitegateError {
  override name = 'ValidationError';
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[], message?: string, code: 'validation_failed' | 'bad_request' = 'validation_failed') {
    super(code, message ?? ValidationError.summarise(issues), { data: { issues } });
    this.issues = issues;
  }

  static summarise(issues: ValidationIssue[]): string {
    if (issues.length === 0) return 'Invalid input';
    return issues
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
  }
}
