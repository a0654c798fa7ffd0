import ky, { HTTPError, type KyInstance, type Options } from 'ky';
import { API } from '../contract/api.js';
import { parse, type Check } from '../contract/check.js';
import type { Endpoint } from '../contract/endpoint.js';
import { isSitegateError, SitegateError } from '../errors/SitegateError.js';
import { invalid } from '../errors/ValidationError.js';
import { errorFromProblem } from './errors.js';
import { idChunks } from './id-chunks.js';
import { toHttpCall } from './request.js';
import type { PortalClient, SignedIn } from './types.js';

const RETRY_STATUS = [408, 500, 502, 503, 504];
/**
 * The longest `Retry-After` a retry waits for. A server that asks for longer (a busy server
 * saying "an hour") gets no retry: the caller has the error at once, with `retryAfterSeconds`,
 * instead of a page that shows "Loading…" for as long as the request timeout, twice.
 */
const LONGEST_RETRY_WAIT_MS = 5_000;

/** Milliseconds a `Retry-After` header asks to wait (seconds or an HTTP date), or `undefined`. */
function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** ky's retry, minus any retry that would wait longer than `LONGEST_RETRY_WAIT_MS`. */
function retryPolicy(limit: number, methods: string[]) {
  return {
    limit,
    methods,
    statusCodes: RETRY_STATUS,
    maxRetryAfter: LONGEST_RETRY_WAIT_MS,
    // `undefined` leaves the decision to ky's own rules (status, method, attempts).
    shouldRetry: ({ error }: { error: Error }) => {
      const wait = error instanceof HTTPError ? retryAfterMs(error.response.headers.get('retry-after')) : undefined;
      return wait !== undefined && wait > LONGEST_RETRY_WAIT_MS ? false : undefined;
    },
  };
}

export interface PortalClientOptions {
  /** Where the handler is mounted: `/api/portal` (same origin) or an absolute URL. */
  baseUrl: string;
  /** A fetch to use instead of the global one (tests, SSR, msw). */
  fetch?: typeof fetch;
  /** Sent with every request (e.g. the host's staff auth header). */
  headers?: Record<string, string>;
  /** A client session token to send as `Authorization: Bearer` instead of relying on the cookie. */
  token?: string;
  /**
   * Keep the token from `signIn`/`accept` in memory and send it as Bearer (default true). The
   * cookie is set either way; this also covers environments where it does not travel (mocks,
   * Node, third-party cookie blocking). `signOut` and `signOutEverywhere` forget it.
   */
  keepSessionToken?: boolean;
  /**
   * Retries of requests that change nothing more when repeated (GET, PUT, DELETE, and the three
   * POSTs that only inspect a token) after a network error or a 408, 500, 502, 503 or 504; never
   * after a `Retry-After` over 5 s. Default 2. See docs/http-api.md#retries.
   */
  retries?: number;
  /** Per-attempt timeout in ms. Default 30 000. */
  timeout?: number;
}

/** The typed client, plus the session token it currently sends (if any). */
export interface PortalHttpClient extends PortalClient {
  /** The Bearer token in use, or undefined when the cookie carries the session. */
  readonly token: string | undefined;
}

/**
 * The typed HTTP client for the portal API, on ky. Every method checks its response's shape
 * (dates revived; without a schema library, which would be most of a page's download) and
 * rejects with the same `SitegateError` subclasses the core throws.
 *
 * @example
 * const client = createPortalClient({ baseUrl: '/api/portal' });
 * try { await client.sessions.signIn({ tenantId: 'acme', email, password }); }
 * catch (error) { if (error instanceof TokenError) showMessage(error.message); }
 */
export function createPortalClient(options: PortalClientOptions): PortalHttpClient {
  const baseUrl = options?.baseUrl;
  if (typeof baseUrl !== 'string' || !baseUrl) throw new TypeError(`createPortalClient: baseUrl is required, e.g. "/api/portal", not ${baseUrl}`);
  let token = options.token;
  /** The last stored token found ended: the requests that carried it alongside learn so too. */
  let ended: string | undefined;
  const keep = options.keepSessionToken ?? true;
  const prefixUrl = baseUrl.replace(/\/+$/, '') + '/';
  // A path resolves against the page; without one (Node, a worker without a location) a request
  // fails to be made at all, which would otherwise read as a server that cannot be reached.
  const pathOnly = baseUrl[0] === '/' && !globalThis.location;
  const api: KyInstance = ky.create({
    prefixUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    credentials: 'include',
    timeout: options.timeout ?? 30_000,
    headers: { accept: 'application/json', ...options.headers },
    // JSON cannot hold a BigInt or a cycle: the caller's input to fix, said as such (a SitegateError
    // passes `translate` as it is) rather than as a portal that "could not be reached".
    stringifyJson: (data) => {
      try {
        return JSON.stringify(data);
      } catch (error) {
        throw invalid([{ path: [], message: `the arguments cannot be sent as JSON: ${error}` }]);
      }
    },
    // ky's default retry methods are the idempotent ones; PATCH and the POSTs are not repeated,
    // but for the entries marked `retry` (inspecting a token consumes nothing), below.
    retry: retryPolicy(options.retries ?? 2, ['get', 'put', 'delete', 'head']),
    hooks: {
      beforeRequest: [
        (request) => {
          if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
        },
      ],
    },
  });

  async function call<T>(method: string, path: string, schema: Check<T> | null, init: Options = {}): Promise<T> {
    let response: Response;
    try {
      response = await api(path.replace(/^\//, ''), { method, ...init });
    } catch (error) {
      const failed = await translate(error);
      // The stored token's session ended elsewhere (signed out everywhere, a password reset) while
      // the cookie, which every request sends, may hold a live one from a sign-in in another tab:
      // the token, read first, would refuse this tab for good. It is forgotten (by the first of the
      // requests that carried it), and a read is asked once more without it. A write is not: the
      // cookie may be someone else's session, and a decision must be its sender's own.
      // (A 401 is `session_invalid`, `unauthenticated` or a refused password, which is no token's fault.)
      const sent = error instanceof HTTPError && error.response.status === 401 && (failed as SitegateError).code !== 'invalid_credentials' ? error.request.headers.get('authorization') : null;
      if (sent && (sent === `Bearer ${token}` || sent === `Bearer ${ended}`)) {
        if (sent === `Bearer ${token}`) [ended, token] = [token, undefined];
        if (method === 'GET') return call(method, path, schema, init);
      }
      throw failed;
    }
    if (!schema) {
      // Read to its end, even empty (a 202 or 204): a body left unread is cancelled when the
      // response is collected, which a browser logs as a failed request.
      await response.arrayBuffer().catch(() => undefined);
      return undefined as T;
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new SitegateError(`The server sent a response that is not JSON (${method} ${path})`, { code: 'internal', cause: error });
    }
    try {
      return parse(schema, body);
    } catch (error) {
      const why = error instanceof Error ? `: ${error.message}` : '';
      throw new SitegateError(`The server sent an unexpected response (${method} ${path})${why}`, { code: 'internal', cause: error });
    }
  }

  async function translate(error: unknown): Promise<unknown> {
    if (isSitegateError(error)) return error;
    if (error instanceof HTTPError) {
      const body: unknown = await error.response.json().catch(() => undefined);
      const rebuilt = errorFromProblem(body, error.response, error.request.url);
      (rebuilt as { cause?: unknown }).cause ??= error;
      return rebuilt;
    }
    // Network failures and timeouts: still one error family for callers to handle.
    const message = error instanceof Error ? error.message : String(error);
    const hint = pathOnly ? ` (baseUrl "${baseUrl}" needs a page to resolve against: use an absolute URL)` : '';
    return new SitegateError(`The portal could not be reached: ${message}${hint}`, { code: 'internal', cause: error });
  }

  /** One contract entry as a method: its arguments placed per the entry, its answer checked. */
  function method(endpoint: Endpoint): (...args: unknown[]) => Promise<unknown> {
    const retries = options.retries ?? 2;
    return async (...args) => {
      const { path, searchParams, json } = toHttpCall(endpoint, args);
      const init: Options = { searchParams: searchParams.length ? searchParams : undefined, json };
      // Safe POSTs (inspecting consumes nothing) are retried like a GET; other POSTs never are.
      if (endpoint.retry) init.retry = retryPolicy(retries, ['post']);
      try {
        const result = await call(endpoint.method, path, endpoint.output, init);
        if (endpoint.session === 'start' && keep) token = (result as SignedIn).session.token;
        return result;
      } finally {
        if (endpoint.session === 'end') token = undefined;
      }
    };
  }

  const groups: Record<string, Record<string, unknown>> = {};
  for (const [key, endpoint] of Object.entries(API)) {
    const [group, name] = key.split('.') as [string, string];
    (groups[group] ??= {})[name] = method(endpoint);
  }
  // Many ids (a long file list) do not fit one request line: asked in runs, one after another
  // (the server's limit per request stays a limit on load), answered in order. A refused id is
  // named by its place in the caller's list.
  const status = groups.shares!.status as (projectId: unknown, module: unknown, ids: unknown) => Promise<unknown[]>;
  groups.shares!.status = async (projectId: unknown, module: unknown, ids: unknown) => {
    const chunks = Array.isArray(ids) ? idChunks(ids) : [];
    if (chunks.length < 2) return status(projectId, module, ids);
    const answers: unknown[] = [];
    let offset = 0;
    for (const chunk of chunks) {
      try {
        answers.push(...(await status(projectId, module, chunk)));
      } catch (error) {
        for (const issue of (error as { data?: { issues?: { path: (string | number)[] }[] } }).data?.issues ?? []) {
          if (issue.path[0] === 'ids' && typeof issue.path[1] === 'number') issue.path[1] += offset;
        }
        throw error;
      }
      offset += chunk.length;
    }
    return answers;
  };
  const client = Object.defineProperty(groups, 'token', { get: () => token, enumerable: true }) as unknown as PortalHttpClient;
  /** The same as `view.me()`, kept under its earlier name. */
  groups.me = groups.view!.me as Record<string, unknown>;
  return client;
}
