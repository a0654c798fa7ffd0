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

/** A tenant id as given: ids are case-sensitive, so `Acme` and `acme` never share a count. */
function tenantPart(tenantId: string): string {
  return tenantId.slice(0, 300);
}

/** The key sign-ins on one account are counted under, whichever address they come from. */
export function signInAccountKey(tenantId: string, email: string): string {
  return `signin-account:${tenantPart(tenantId)}:${keyPart(email)}`;
}

/** Sign-ins from one address (already grouped: IPv6 by /64) on one account. */
export function signInAddressAccountKey(address: string, tenantId: string, email: string): string {
  return `signin:${address}:${tenantPart(tenantId)}:${keyPart(email)}`;
}

export function signInAddressKey(address: string): string {
  return `signin-ip:${address}`;
}

/** Reset and sign-in link requests one address may make per window, across all emails. */
export const LINK_REQUEST_PER_ADDRESS: RateLimitRule = { limit: 30, windowSeconds: 15 * 60 };

/**
 * Reset or sign-in link requests for one account per window, from every address: each one
 * mails the client, so this caps the mail anyone can make a mailbox receive.
 */
export const LINK_REQUEST_PER_ACCOUNT: RateLimitRule = { limit: 5, windowSeconds: 60 * 60 };

/** Link uses (reset, sign-in, confirmation) one address may make per window, across all tokens. */
export const LINK_USE_PER_ADDRESS: RateLimitRule = { limit: 100, windowSeconds: 15 * 60 };

/** The keys one kind of link request is counted under: per address, per address + account, per account. */
export function linkRequestKeys(kind: 'reset' | 'staff-reset' | 'signin-link', address: string, tenantId: string, email: string): { address: string; addressAccount: string; account: string } {
  return {
    address: `${kind}-ip:${address}`,
    addressAccount: `${kind}:${address}:${tenantPart(tenantId)}:${keyPart(email)}`,
    account: `${kind}-account:${tenantPart(tenantId)}:${keyPart(email)}`,
  };
}
