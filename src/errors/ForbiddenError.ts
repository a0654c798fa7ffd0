import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/** The actor may not do this (403). `data` carries the action and subject that were refused. */
export class ForbiddenError extends SitegateError {
  override name = 'ForbiddenError';
  declare readonly data: { action: string; subject: string };
  constructor(message: string, options: SitegateErrorOptions<{ action?: string; subject?: string }> = {}) {
    super(message, { ...options, code: 'forbidden', data: { action: options.data?.action ?? 'access', subject: options.data?.subject ?? 'Resource' } });
  }
  get action(): string {
    return this.data.action;
  }
  get subject(): string {
    return this.data.subject;
  }
}

/** `Not allowed to read Share`, with `data: { action, subject }`. */
export function forbidden(action: string, subject: string, message = `Not allowed to ${action} ${subject}`): ForbiddenError {
  return new ForbiddenError(message, { data: { action, subject } });
}
