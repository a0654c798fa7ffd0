import type { StaffActor } from '../model/actor.js';
import type { RateLimiter } from './rate-limit.js';

export interface CookieOptions {
  /** Send the cookie only over HTTPS. Default true; set false only for http://localhost. */
  secure?: boolean;
  /** Default `sitegate_session`. */
  name?: string;
  domain?: string;
  /**
   * Where the browser sends the cookie. Default: the handler's `basePath`, so it goes to the API
   * only. A host that serves its files to signed-in clients from its own routes widens it to a
   * path above both (e.g. `/`) and reads the client there with `handler.clientOf(request)`. It
   * must contain `basePath`, or the API would never see its own cookie.
   */
  path?: string;
}

export interface RateLimitOptions {
  /** Where attempts are counted. Default: `memoryRateLimiter()` (one process only). */
  limiter?: RateLimiter;
}

/** Options of `createPortalHandler`. Only `basePath` and `authenticateStaff` are required. */
export interface PortalHandlerOptions {
  /** Where the handler is mounted, e.g. `/api/portal`. Requests outside it answer 404. */
  basePath: string;
  /**
   * The host's staff authentication: the staff actor behind this request, or `null`. Called for
   * staff routes only; a client session never reaches a staff route.
   */
  authenticateStaff: (request: Request) => Promise<StaffActor | null> | StaffActor | null;
  cookie?: CookieOptions;
  /**
   * Origins allowed to send cookie-authenticated mutations (CSRF). The request's own origin is
   * always allowed; list the page origins when the API sits behind a proxy or on another host.
   */
  trustedOrigins?: string[];
  /**
   * Attempt limits: sign-in, invite acceptance, password-reset and sign-in-link requests, the use
   * of every emailed token, and `tenants.look` (docs/security.md). `false` switches them off.
   */
  rateLimit?: RateLimitOptions | false;
  /** Largest accepted request body. Default 128 KiB. */
  maxBodyBytes?: number;
  /**
   * The caller's address, for rate limiting and as the `ip` of an approval decision's evidence.
   * Default: the socket address `toNodeListener` saw, else `unknown`. Behind a proxy, read the
   * forwarded header your proxy sets.
   */
  clientIp?: (request: Request) => string | undefined;
  /**
   * Every failure answered with a 5xx comes here in full (driver errors, host hook errors, with
   * their causes), while the caller gets only a generic detail and `info.requestId`, also sent as
   * `x-request-id` and as `requestId` in the problem body. Default: `console.error`.
   */
  onError?: (error: unknown, request: Request, info: { requestId: string }) => void;
  /**
   * The id each request is answered and reported under. Default: 128 random bits in hex. Return
   * your proxy's or tracer's id (e.g. `request.headers.get('x-request-id')`) to find both in one
   * log; an id longer than 128 characters or with characters outside `A-Za-z0-9._:@/+=-` is
   * replaced by a random one.
   */
  requestId?: (request: Request) => string | null | undefined;
}

export const DEFAULT_MAX_BODY_BYTES = 128 * 1024;
export const DEFAULT_COOKIE_NAME = 'sitegate_session';
