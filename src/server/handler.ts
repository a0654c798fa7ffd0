import { HostTimeoutError } from '../errors/HostTimeoutError.js';
import { rateLimited } from '../errors/RateLimitError.js';
import { SitegateError } from '../errors/SitegateError.js';
import { takeHandedClient } from '../access/client-scope.js';
import type { ClientActor } from '../model/actor.js';
import type { Portal } from '../portal/create-portal.js';
import { requireClientSession, requireStaffActor } from './auth.js';
import { readJson, readQuery } from './body.js';
import type { RouteContext, RouteHandler } from './context.js';
import { clientOfRequest, type RequestWithHeaders } from './client-of.js';
import { checkHandlerOptionNames, checkHandlerOptions } from './check-options.js';
import { assertSameOrigin } from './csrf.js';
import { DEFAULT_MAX_BODY_BYTES, type PortalHandlerOptions } from './options.js';
import { ALLOWED_METHODS, UNDER_BASE_PATH, type AllowedMethods } from './methods.js';
import { withBody } from './json-body.js';
import { errorResponse } from './problem.js';
import { memoryRateLimiter, type RateLimiter } from './rate-limit.js';
import { hookLimit, hostHookTimeoutOf, type HookLimit } from '../services/host-hooks.js';
import { addressKey, remoteAddressOf } from './remote-address.js';
import { REPORT_FAILURE, type ReportFailure } from './report-failure.js';
import { requestIdFor } from './request-id.js';
import { reportSafely } from '../kernel/report-safely.js';
import { createRouter } from './router.js';
import { clientRoutes } from './routes-client.js';
import { staffRoutes } from './routes-staff.js';

/** `/api/portal/` and `/api/portal` mount at the same place; `/` and `` mean the root. */
function normaliseBasePath(basePath: string): string {
  if (typeof basePath !== 'string') throw new TypeError(`createPortalHandler: \`basePath\` must be a string such as "/api/portal", not ${typeof basePath}`);
  const trimmed = basePath.replace(/\/+$/, '');
  if (trimmed !== '' && !trimmed.startsWith('/')) {
    throw new TypeError(`createPortalHandler: \`basePath\` must be a path starting with "/", such as "/api/portal" (not a URL), not ${JSON.stringify(basePath)}`);
  }
  unreachableBasePath(trimmed);
  return trimmed;
}

/** Why a base path holding one of these characters meets no request's path. */
const CUT_AT: Record<string, string> = {
  '?': 'starts the query string, which is not part of the path',
  '#': 'starts the fragment, which a browser never sends',
  ';': 'starts path parameters, which proxies and frameworks cut off',
};

/**
 * Refuses a `basePath` no request's URL can start with, which would answer every request 404: a
 * request's path arrives as the URL parser left it, percent-encoded and without `.` steps, so
 * the base path must be one it leaves as it is.
 */
function unreachableBasePath(basePath: string): void {
  if (basePath === '') return; // the root
  const refuse = (why: string) => {
    throw new TypeError(`createPortalHandler: \`basePath\` ${JSON.stringify(basePath)} can match no request: ${why}`);
  };
  const found = /[?#;]/.exec(basePath)?.[0];
  if (found) refuse(`"${found}" ${CUT_AT[found]}; a base path is a path alone, such as "/api/portal"`);
  const parsed = new URL(basePath, 'http://host.invalid').pathname;
  if (parsed !== basePath) refuse(`a URL's path reads it as ${JSON.stringify(parsed)}; write that, percent-encoded and without "." or ".." steps`);
}

/**
 * A HEAD's answer: its GET's status and headers, without the body. An answer `toNodeListener`
 * writes itself has no body yet: it keeps the text, sends the GET's length, and no body for a HEAD.
 */
function withoutBody(response: Response): Response {
  if (!response.body) return response;
  void response.body.cancel();
  return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** A host's rate limiter with each call held to `limit`: a stalled store (Redis, say) must not hold sign-ins for ever. */
function limitedLimiter(limiter: RateLimiter, limit: HookLimit): RateLimiter {
  const reset = limiter.reset;
  return {
    hit: (key, rule) => limit('rateLimit.limiter.hit', () => limiter.hit(key, rule)),
    ...(reset ? { reset: (key: string) => limit('rateLimit.limiter.reset', () => reset.call(limiter, key)) } : {}),
  };
}

/** The portal's HTTP API: a fetch handler, and how the host's own routes read its client sessions. */
export interface PortalHandler {
  (request: Request): Promise<Response>;
  /**
   * The signed-in client behind a request to one of the host's own routes (a file it serves),
   * read as the API reads it, or `null`; a write the cookie alone authenticates must come from
   * the page's own origin or a trusted one. The browser sends the session cookie there only when
   * `cookie.path` covers that route.
   */
  clientOf(request: RequestWithHeaders): Promise<ClientActor | null>;
}

/**
 * The portal's HTTP API as a fetch handler (`Request` → `Response`), for any framework that
 * speaks the fetch standard; `toNodeListener` adapts it to node:http and Express.
 *
 * @example
 * const handler = createPortalHandler(portal, {
 *   basePath: '/api/portal',
 *   authenticateStaff: async (request) => staffFromHostSession(request), // or null
 *   trustedOrigins: ['https://builder.example'],
 * });
 * http.createServer(toNodeListener(handler)).listen(3000);
 */
export function createPortalHandler(portal: Portal, options: PortalHandlerOptions): PortalHandler {
  // Wiring mistakes are refused here, not as a 500 on the first request that meets them.
  if (typeof portal !== 'object' || portal === null || typeof (portal as Partial<Portal>).clients?.list !== 'function') {
    throw new TypeError('createPortalHandler: the first argument must be the portal `createPortal()` returned');
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('createPortalHandler: options are required ({ basePath, authenticateStaff })');
  checkHandlerOptionNames(options);
  if (typeof options.authenticateStaff !== 'function') {
    throw new TypeError('createPortalHandler: `authenticateStaff` must be a function (request) => StaffActor | null (return null when the request is not your staff)');
  }
  const basePath = normaliseBasePath(options.basePath);
  checkHandlerOptions(options, basePath || '/');
  // The host's hooks are held to the portal's `hostHookTimeoutMs`, one limit per call.
  const hookTime = hookLimit(hostHookTimeoutOf(portal));
  // Called as a method of the options, as before the limit: a hook written as one keeps its `this`.
  const settings: PortalHandlerOptions = { ...options, basePath: basePath || '/', authenticateStaff: (request) => hookTime('authenticateStaff', () => options.authenticateStaff(request)) };
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const trusted = (options.trustedOrigins ?? []).map((origin) => new URL(origin).origin);
  const given = options.rateLimit === false ? undefined : options.rateLimit?.limiter;
  const limiter = options.rateLimit === false ? null : given ? limitedLimiter(given, hookTime) : memoryRateLimiter();
  const match = createRouter<RouteHandler>([...staffRoutes, ...clientRoutes]);
  const report = (request: Request, requestId: string) => (error: unknown) => {
    if (options.onError) reportSafely(options.onError, error, request, { requestId });
    else console.error(`sitegate: request ${requestId} failed`, error);
  };

  /** The methods routed at `url`, or null outside every route: `toNodeListener` asks for methods fetch cannot carry. */
  const allowedMethods: AllowedMethods = (url) => {
    const path = url.pathname;
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return null;
    try {
      const found = match('TRACE', path.slice(basePath.length));
      return found.kind === 'method_not_allowed' ? found.allow : null;
    } catch {
      return null; // a path that is not valid percent-encoding names no route
    }
  };

  async function portalHandler(request: Request): Promise<Response> {
    const requestId = requestIdFor(request, options.requestId);
    const response = await respond(request, requestId);
    try {
      response.headers.set('x-request-id', requestId);
    } catch {
      // A response with immutable headers (one a route passed through) keeps them as they are.
    }
    return request.method === 'HEAD' ? withoutBody(withBody(response, request)) : withBody(response, request);
  }
  Object.defineProperty(portalHandler, ALLOWED_METHODS, { value: allowedMethods });
  Object.defineProperty(portalHandler, UNDER_BASE_PATH, { value: (path: string) => path === basePath || path.startsWith(`${basePath}/`) });
  Object.defineProperty(portalHandler, REPORT_FAILURE, { value: ((error, request, requestId) => report(request, requestId)(error)) satisfies ReportFailure });
  return Object.assign(portalHandler, { clientOf: clientOfRequest(portal, options, trusted) });

  async function respond(request: Request, requestId: string): Promise<Response> {
    // The signed-in client of this request, whose record is handed to its first scope load.
    let signedIn: ClientActor | undefined;
    try {
      const url = new URL(request.url);
      const path = url.pathname;
      if (path !== basePath && !path.startsWith(`${basePath}/`)) throw new SitegateError(`No such route: ${path}`, { code: 'not_found' });
      const found = match(request.method, path.slice(basePath.length));
      if (found.kind === 'not_found') {
        const hint = found.empty ? ` (the :${found.empty.param} of ${request.method} ${found.empty.pattern} is empty)` : '';
        throw new SitegateError(`No such route: ${request.method} ${path}${hint}`, { code: 'not_found' });
      }
      if (found.kind === 'method_not_allowed') {
        const response = errorResponse(new SitegateError(`${request.method} is not allowed here; use ${found.allow.join(', ')}.`, { code: 'method_not_allowed' }), report(request, requestId), requestId);
        response.headers.set('allow', found.allow.join(', '));
        return response;
      }
      assertSameOrigin(request, trusted);
      const ctx: RouteContext = {
        portal,
        request,
        url,
        params: found.params,
        options: settings,
        staff: () => requireStaffActor(portal, request, settings),
        client: async () => {
          const found = await requireClientSession(portal, request, settings);
          signedIn = found.actor;
          return found;
        },
        body: (schema, optional) => readJson(request, schema, maxBodyBytes, optional),
        query: (schema, lists) => readQuery(url, schema, lists),
        ip: () => addressKey(options.clientIp?.(request) ?? remoteAddressOf(request) ?? 'unknown'),
        async limit(key, rule) {
          if (!limiter) return;
          const verdict = await limiter.hit(key, rule);
          if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds);
        },
        async resetLimit(key, lateFails) {
          // Lifting a lock-out after what the request did (a sign-in, a reset): a limiter that
          // answers late is reported, and the request still answers what it did. Where lifting it
          // is the request (staff's unlock), a late limiter answers 503 host_timeout instead.
          await Promise.resolve(limiter?.reset?.(key)).catch((error: unknown) => {
            if (lateFails || !(error instanceof HostTimeoutError)) throw error;
            report(request, requestId)(error);
          });
        },
      };
      return await found.route.handler(ctx);
    } catch (error) {
      return errorResponse(error, report(request, requestId), requestId);
    } finally {
      // A hand-off the route did not use ends with the request, not when the actor is collected.
      if (signedIn) takeHandedClient(signedIn);
    }
  }
}
