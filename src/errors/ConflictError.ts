import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

/** What a `ConflictError` may say about the clash, when it is about one field of the input. */
export interface ConflictData {
  /** The input field the clash is on (`email`), so a form can show it there. */
  field?: string;
  /**
   * Why, in a stable word a form can put in its own language: `email_in_use`,
   * `email_being_confirmed`, `client_archived`, `has_account`, `no_account`, `portal_access_off`,
   * `email_unconfirmed`, `no_reset_url`, `passwords_off`, `resource_changed`, `already_decided`,
   * `still_open`, `not_open` (docs/errors.md).
   */
  reason?: string;
  /** Anything else an adapter knew (the unique constraint that clashed, say). */
  [other: string]: unknown;
}

/** The request clashes with the current state (409), e.g. an email another client already has. */
export class ConflictError extends SitegateError {
  override name = 'ConflictError';
  declare readonly data?: ConflictData;
  constructor(message: string, options: SitegateErrorOptions<ConflictData> = {}) {
    super(message, { ...options, code: 'conflict' });
  }
  /** The input field the clash is on, when it is about one. */
  get field(): string | undefined {
    return this.data?.field;
  }
  /** Why, as a stable word (`email_in_use`, `client_archived`, … in docs/errors.md), when the clash says. */
  get reason(): string | undefined {
    return this.data?.reason;
  }
}
