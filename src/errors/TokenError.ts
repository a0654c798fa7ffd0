import { SitegateError } from './SitegateError.js';

export type TokenErrorCode = 'invite_invalid' | 'invite_expired' | 'invite_used' | 'session_invalid' | 'invalid_credentials';

const MESSAGES: Record<TokenErrorCode, string> = {
  invite_invalid: 'This invite link is not valid. Ask your builder for a new invite.',
  invite_expired: 'This invite link has expired. Ask your builder for a new invite.',
  invite_used: 'This invite link has already been used. Sign in instead, or ask your builder for a new invite.',
  session_invalid: 'Your session has ended. Sign in again.',
  invalid_credentials: 'Email or password is incorrect.',
};

/** An invite link, session or sign-in that cannot be honoured. Says why in words a person can act on. */
export class TokenError extends SitegateError {
  override name = 'TokenError';
  declare readonly code: TokenErrorCode;
  constructor(code: TokenErrorCode, message: string = MESSAGES[code]) {
    super(code, message);
  }
}
