import { checkCookiePath } from './cookies.js';
import type { CookieOptions, PortalHandlerOptions, RateLimitOptions } from './options.js';
import { refuseUnknownOptions } from '../kernel/known-options.js';

/** A cookie name as RFC 6265 allows it (an HTTP token). */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const described = (value: unknown) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value) : typeof value);

function refuse(what: string, value: unknown): never {
  throw new TypeError(`createPortalHandler: ${what}, not ${described(value)}`);
}

/** Every option `createPortalHandler` reads, and those of `cookie` and `rateLimit`: the types keep these lists whole. */
const OPTIONS = {
  basePath: true, authenticateStaff: true, cookie: true, trustedOrigins: true, rateLimit: true, maxBodyBytes: true, clientIp: true, onError: true, requestId: true,
} as const satisfies Record<keyof PortalHandlerOptions, true>;
const COOKIE_OPTIONS = { secure: true, name: true, domain: true, path: true } as const satisfies Record<keyof CookieOptions, true>;
const RATE_LIMIT_OPTIONS = { limiter: true } as const satisfies Record<keyof RateLimitOptions, true>;

/** Refuses an option `createPortalHandler` does not have, before a missing one is asked for under its right name. */
export function checkHandlerOptionNames(options: object): void {
  refuseUnknownOptions('createPortalHandler', options, OPTIONS);
}

/**
 * The optional settings of `createPortalHandler`, checked when the handler is made: a value read
 * from an unset environment variable (`Number(undefined)` is NaN) or misspelt there would
 * otherwise change what every request gets, silently (a NaN body limit is no limit at all).
 */
export function checkHandlerOptions(options: PortalHandlerOptions, basePath: string): void {
  const { maxBodyBytes, cookie, trustedOrigins, rateLimit } = options;
  if (maxBodyBytes !== undefined && !(Number.isSafeInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    refuse('`maxBodyBytes` must be a whole number of bytes above 0 (default 131072)', maxBodyBytes);
  }
  for (const name of ['onError', 'clientIp', 'requestId'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') refuse(`\`${name}\` must be a function`, options[name]);
  }
  if (cookie !== undefined) {
    if (typeof cookie !== 'object' || cookie === null) refuse('`cookie` must be an object ({ secure, name, domain, path })', cookie);
    refuseUnknownOptions('createPortalHandler: `cookie`', cookie, COOKIE_OPTIONS);
    if (cookie.secure !== undefined && typeof cookie.secure !== 'boolean') refuse('`cookie.secure` must be true or false', cookie.secure);
    if (cookie.name !== undefined && !(typeof cookie.name === 'string' && COOKIE_NAME.test(cookie.name))) refuse('`cookie.name` must be a cookie name (letters, digits, `-_.!#$%&\'*+^`|~`)', cookie.name);
    if (cookie.domain !== undefined && !(typeof cookie.domain === 'string' && /^\.?[A-Za-z0-9.-]+$/.test(cookie.domain))) refuse('`cookie.domain` must be a host name such as "builder.example"', cookie.domain);
    checkCookiePath(cookie, basePath);
  }
  if (trustedOrigins !== undefined) {
    if (!Array.isArray(trustedOrigins)) refuse('`trustedOrigins` must be a list of origins such as ["https://builder.example"]', trustedOrigins);
    for (const origin of trustedOrigins) {
      if (typeof origin !== 'string' || !URL.canParse(origin) || !/^https?:$/.test(new URL(origin).protocol)) {
        refuse('each of `trustedOrigins` must be an http(s) origin such as "https://builder.example"', origin);
      }
    }
  }
  if (rateLimit !== undefined && rateLimit !== false) {
    if (typeof rateLimit !== 'object' || rateLimit === null) refuse('`rateLimit` must be false or { limiter }', rateLimit);
    refuseUnknownOptions('createPortalHandler: `rateLimit`', rateLimit, RATE_LIMIT_OPTIONS);
    const limiter = rateLimit.limiter as { hit?: unknown } | undefined;
    if (limiter !== undefined && (typeof limiter !== 'object' || limiter === null || typeof limiter.hit !== 'function')) {
      refuse('`rateLimit.limiter` must have a hit(key, rule) method', limiter);
    }
  }
}
