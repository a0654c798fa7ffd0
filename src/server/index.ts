/**
 * sitegate/server — the portal's HTTP API: a fetch handler for any framework, and an adapter
 * for node:http / Express.
 */
export { createPortalHandler, type PortalHandler } from './handler.js';
export type { RequestWithHeaders } from './client-of.js';
export { toNodeListener, type FetchHandler } from './node.js';
export type { PortalHandlerOptions, CookieOptions, RateLimitOptions } from './options.js';
export { memoryRateLimiter, type RateLimiter, type RateLimitRule, type RateLimitVerdict, type MemoryRateLimiterOptions, type MemoryRateLimiter } from './rate-limit.js';
export { signInAccountKey, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from './sign-in-limits.js';
export { addressKey } from './remote-address.js';
export { problemOf, problemType, type Problem } from './problem.js';
