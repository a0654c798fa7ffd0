import type { ClientActor } from '../model/actor.js';
import type { Portal } from '../portal/create-portal.js';
import { resolveCredential, sessionCredential } from './auth.js';
import type { HeaderSource } from './cookies.js';
import { SAFE_METHODS, sentFrom } from './csrf.js';
import type { PortalHandlerOptions } from './options.js';

/**
 * A request `clientOf` reads: a fetch `Request`, or node:http's `IncomingMessage` (Express's
 * `req`), whose headers are a plain object.
 */
export type RequestWithHeaders = (HeaderSource | { headers: Record<string, string | string[] | undefined> }) & {
  method?: string | undefined;
  url?: string | undefined;
  /** node's socket: a TLS one (`encrypted`) makes the page's own origin `https`. */
  socket?: object | undefined;
};

function headerSource(request: RequestWithHeaders): HeaderSource {
  const headers = request?.headers as HeaderSource['headers'] | Record<string, string | string[] | undefined> | undefined;
  if (headers && typeof headers.get === 'function') return request as HeaderSource;
  const plain = (headers ?? {}) as Record<string, string | string[] | undefined>;
  return {
    headers: {
      get(name) {
        const value = plain[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
  };
}

/**
 * Whether a write the cookie authenticates comes from the page's own origin or a trusted one, as
 * the API asks of its own writes (`sentFrom`): another site can make a browser send the cookie,
 * never an `Origin` of ours. The whole origin counts, scheme included: a page of ours over plain
 * HTTP (which anyone on the network can write) is not the HTTPS one. Without a full URL (node's
 * request) "own" is made as `toNodeListener` makes the API's: the `Host` header, with `https`
 * when the socket is TLS.
 */
function fromOwnOrigin(request: RequestWithHeaders, headers: HeaderSource['headers'], trusted: readonly string[]): boolean {
  const url = request.url ?? '';
  const encrypted = (request.socket as { encrypted?: unknown } | undefined)?.encrypted === true;
  const base = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `${encrypted ? 'https' : 'http'}://${headers.get('host') ?? ''}`;
  let own: string;
  try {
    // As an origin: `Host: Portal.Example:80` is `http://portal.example`.
    own = new URL(base).origin;
  } catch {
    return false;
  }
  return sentFrom(headers, (origin) => origin.origin === own, trusted);
}

/**
 * `handler.clientOf(request)`: the signed-in client behind a request to one of the host's own
 * routes, read as the API reads it (`Authorization: Bearer`, then the session cookie), or `null`
 * for no session, an expired or signed-out one, or a client without portal access. For serving
 * files: `clientOf`, then `portal.can(client, 'read', ref)`. A write (not GET, HEAD or OPTIONS)
 * the cookie authenticates must come from the page's own origin or a trusted one, as the API's
 * own writes must; from another site it is `null`. `trusted`: the `trustedOrigins` as origins.
 * Storage failures are thrown, for the host to answer 503.
 */
export function clientOfRequest(portal: Portal, options: Pick<PortalHandlerOptions, 'cookie'>, trusted: readonly string[]) {
  return async (request: RequestWithHeaders): Promise<ClientActor | null> => {
    const source = headerSource(request);
    const credential = sessionCredential(source, options);
    if (!credential) return null;
    const write = !SAFE_METHODS.has((request.method ?? 'GET').toUpperCase());
    if (write && credential.via === 'cookie' && !fromOwnOrigin(request, source.headers, trusted)) return null;
    return (await resolveCredential(portal, credential))?.actor ?? null;
  };
}
