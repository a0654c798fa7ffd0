import { SitegateError } from './SitegateError.js';

/** The actor may not do this. Carries the action and subject that were refused. */
export class ForbiddenError extends SitegateError {
  override name = 'ForbiddenError';
  readonly action: string;
  readonly subject: string;
  constructor(action: string, subject: string, message?: string) {
    super('forbidden', message ?? `Not allowed to ${action} ${subject}`, { data: { action, subject } });
    this.action = action;
    this.subject = subject;
  }
}
