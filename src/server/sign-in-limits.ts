import type { RateLimitRule } from './rate-limit.js';

/** Sign-in attempts one address may make per window, across all emails. */
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { limit: 100, windowSeconds: 15 * 60 };

/**
 * Sign-in attempts on one account per window, from every address together: the lock-out.
 * NIST SP 800-63B allows at most 100 consecutive failures per account; a fixed window of 50
 * lets at most 100 through across a window boundary. A successful sign-in, a staff unlock
 * (`POST /clients/:id/unlock`) or a password reset clears it.
 */
export const SIGN_IN_PER_ACCOUNT: RateLimitRule = { limit: 50, windowSeconds: 60 * 60 };

/** Rate-limit keys hold a normalised email but never a whole secret token. */
function keyPart(value: string): string {
  return value.trim().toLowerCase().slice(0, 300);
}

/** The key sign-ins on one account are counted under, whichever address they come from. */
export function signInAccountKey(tenantId: string, email: string): string {
  return `signin-account:${keyPart(tenantId)}:${keyPart(email)}`;
}

/** Sign-ins from one address (already grouped: IPv6 by /64) on one account. */
export function signInAddressAccountKey(address: string, tenantId: string, email: string): string {
  return `signin:${address}:${keyPart(tenantId)}:${keyPart(email)}`;
}

export function signInAddressKey(address: string): string {
  return `signin-ip:${address}`;
}
