import { SitegateError, type SitegateErrorOptions } from './SitegateError.js';

export type TokenErrorCode =
  | 'invite_invalid'
  | 'invite_expired'
  | 'invite_used'
  | 'link_invalid'
  | 'link_expired'
  | 'link_used'
  | 'session_invalid'
  | 'invalid_credentials';

/** What each code tells a person, in words they can act on. */
export const TOKEN_MESSAGES: Record<TokenErrorCode, string> = {
  invite_invalid: 'This invite link is not valid. Ask your builder for a new invite.',
  invite_expired: 'This invite link has expired. Ask your builder for a new invite.',
  invite_used: 'This invite link has already been used. Sign in instead, or ask your builder for a new invite.',
  link_invalid: 'This link is not valid. It may have been replaced by a newer one; ask for a new link.',
  link_expired: 'This link has expired. Ask for a new link.',
  link_used: 'This link has already been used. Sign in, or ask for a new link.',
  session_invalid: 'Your session has ended. Sign in again.',
  invalid_credentials: 'Email or password is incorrect.',
};

/** An invite link, session or sign-in that cannot be honoured; `code` says which way. */
export class TokenError extends SitegateError {
  override name = 'TokenError';
  declare readonly code: TokenErrorCode;
  constructor(message: string, options: SitegateErrorOptions & { code: TokenErrorCode }) {
    super(message, options);
  }
}

/** A TokenError with the standard words for its code. */
export function tokenError(code: TokenErrorCode, message: string = TOKEN_MESSAGES[code]): TokenError {
  return new TokenError(message, { code });
}
