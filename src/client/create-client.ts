import ky, { HTTPError, type KyInstance, type Options } from 'ky';
import * as z from 'zod';
import { isSitegateError, SitegateError } from '../errors/SitegateError.js';
import type { ShareStatus } from '../services/shares.js';
import { errorFromProblem } from './errors.js';
import {
  page,
  WireAuditEvent,
  WireClient,
  WireClientDetails,
  WireFeed,
  WireInviteInfo,
  WireMe,
  WireOpened,
  WireProject,
  WireRole,
  WireShare,
  WireShareStatus,
  WireSignedIn,
  WireUpdate,
} from './schemas.js';
import type { Me, PortalClient, SignedIn } from './types.js';

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
   * Node, third-party cookie blocking). `signOut` forgets it.
   */
  keepSessionToken?: boolean;
  /** Retries of idempotent requests (GET, PUT, DELETE) on network errors and 408/5xx. Default 2. */
  retries?: number;
  /** Per-attempt timeout in ms. Default 30 000. */
  timeout?: number;
}

/** The typed client, plus the session token it currently sends (if any). */
export interface PortalHttpClient extends PortalClient {
  /** The Bearer token in use, or undefined when the cookie carries the session. */
  readonly token: string | undefined;
}

const segment = (value: string) => encodeURIComponent(value);

/**
 * The typed HTTP client for the portal API, on ky. Every method parses its response with zod
 * (dates revived) and rejects with the same `SitegateError` subclasses the core throws.
 *
 * @example
 * const client = createPortalClient({ baseUrl: '/api/portal' });
 * try { await client.sessions.signIn({ tenantId: 'acme', email, password }); }
 * catch (error) { if (error instanceof TokenError) showMessage(error.message); }
 */
export function createPortalClient(options: PortalClientOptions): PortalHttpClient {
  let token = options.token;
  const keep = options.keepSessionToken ?? true;
  const prefixUrl = options.baseUrl.replace(/\/+$/, '') + '/';
  const api: KyInstance = ky.create({
    prefixUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    credentials: 'include',
    timeout: options.timeout ?? 30_000,
    headers: { accept: 'application/json', ...options.headers },
    // ky's default retry methods are the idempotent ones; POST and PATCH are never repeated.
    retry: { limit: options.retries ?? 2, methods: ['get', 'put', 'delete', 'head'], statusCodes: [408, 500, 502, 503, 504] },
    hooks: {
      beforeRequest: [
        (request) => {
          if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
        },
      ],
    },
  });

  async function call<S extends z.ZodType>(method: string, path: string, schema: S | null, init: Options = {}): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await api(path.replace(/^\//, ''), { method, ...init });
    } catch (error) {
      throw await translate(error);
    }
    if (!schema) return undefined as z.output<S>;
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new SitegateError('internal', `The server sent a response that is not JSON (${method} ${path})`, { cause: error });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new SitegateError('internal', `The server sent an unexpected response (${method} ${path})`, { cause: parsed.error });
    return parsed.data;
  }

  async function translate(error: unknown): Promise<unknown> {
    if (isSitegateError(error)) return error;
    if (error instanceof HTTPError) {
      const body: unknown = await error.response.json().catch(() => undefined);
      const rebuilt = errorFromProblem(body, error.response);
      (rebuilt as { cause?: unknown }).cause ??= error;
      return rebuilt;
    }
    // Network failures and timeouts: still one error family for callers to handle.
    const message = error instanceof Error ? error.message : String(error);
    return new SitegateError('internal', `The portal could not be reached: ${message}`, { cause: error });
  }

  const json = (body: unknown): Options => ({ json: body });

  function rememberSession(result: SignedIn): SignedIn {
    if (keep) token = result.session.token;
    return result;
  }

  const client: PortalHttpClient = {
    get token() {
      return token;
    },
    clients: {
      list: (query = {}) => call('GET', '/clients', page(WireClient), { searchParams: searchParams(query) }),
      add: (input) => call('POST', '/clients', WireClient, json(input)),
      get: (id) => call('GET', `/clients/${segment(id)}`, WireClientDetails),
      update: (id, input) => call('PATCH', `/clients/${segment(id)}`, WireClient, json(input)),
      setProjects: (id, projectIds) => call('PUT', `/clients/${segment(id)}/projects`, WireClient, json({ projectIds })),
      revokeProject: (id, projectId) => call('DELETE', `/clients/${segment(id)}/projects/${segment(projectId)}`, WireClient),
      sendInvite: (id) => call('POST', `/clients/${segment(id)}/invite`, WireClient),
    },
    projects: {
      list: () => call('GET', '/projects', z.array(WireProject)),
    },
    shares: {
      list: (projectId, filter = {}) => call('GET', `/projects/${segment(projectId)}/shares`, z.array(WireShare), { searchParams: searchParams(filter) }),
      share: (projectId, resources) => call('POST', `/projects/${segment(projectId)}/shares`, z.array(WireShare), json({ resources })),
      unshare: async (projectId, shareId) => {
        await call('DELETE', `/projects/${segment(projectId)}/shares/${segment(shareId)}`, null);
      },
      status: (projectId, module, ids) =>
        call('GET', `/projects/${segment(projectId)}/shares/status`, z.array(WireShareStatus), {
          searchParams: [['module', module], ...ids.map((id): [string, string] => ['ids', id])],
        }) as Promise<ShareStatus[]>,
    },
    updates: {
      publish: (projectId, input) => call('POST', `/projects/${segment(projectId)}/updates`, WireUpdate, json(input)),
    },
    roles: {
      list: () => call('GET', '/roles', z.array(WireRole)),
      save: ({ id, ...input }) => call('PUT', `/roles/${segment(id)}`, WireRole, json(input)),
    },
    audit: {
      list: (query = {}) => call('GET', '/audit', page(WireAuditEvent), { searchParams: searchParams(query) }),
    },
    invites: {
      inspect: (inviteToken) => call('GET', `/invites/${segment(inviteToken)}`, WireInviteInfo),
      accept: async (inviteToken, input) => rememberSession(await call('POST', `/invites/${segment(inviteToken)}/accept`, WireSignedIn, json(input))),
    },
    sessions: {
      signIn: async (input) => rememberSession(await call('POST', '/session', WireSignedIn, json(input))),
      async signOut() {
        try {
          await call('DELETE', '/session', null);
        } finally {
          token = undefined;
        }
      },
    },
    me: () => call('GET', '/me', WireMe) as Promise<Me>,
    view: {
      projects: () => call('GET', '/portal/projects', z.array(WireProject)),
      feed: (projectId) => call('GET', `/portal/projects/${segment(projectId)}`, WireFeed),
      open: (projectId, module, resourceId) => call('GET', `/portal/projects/${segment(projectId)}/${segment(module)}/${segment(resourceId)}`, WireOpened),
    },
  };
  return client;
}

/** Query objects without the undefined entries, every value as a string. */
function searchParams(query: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) out[key] = String(value);
  return out;
}
