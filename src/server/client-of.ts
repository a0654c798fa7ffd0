import type { ClientActor } from '../model/actor.js';
import type { Portal } from '../portal/create-portal.js';
import { sessionCredential } from './auth.js';
import type { HeaderSource } from './cookies.js';
import type { PortalHandlerOptions } from './options.js';

/**
 * A request `clientOf` reads: a fetch `Request`, or node:http's `IncomingMessage` (Express's
 * `req`), whose headers are a plain object.
 */
export type RequestWithHeaders = HeaderSource | { headers: Record<string, string | string[] | undefined> };

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
 * `handler.clientOf(request)`: the signed-in client behind a request to one of the host's own
 * routes, read as the API reads it (`Authorization: Bearer`, then the session cookie), or `null`
 * for no session, an expired or signed-out one, or a client without portal access. For serving
 * files: `clientOf`, then `portal.can(client, 'read', ref)`. Storage failures are thrown, for
 * the host to answer 503.
 */
export function clientOfRequest(portal: Portal, options: Pick<PortalHandlerOptions, 'cookie'>) {
  return async (request: RequestWithHeaders): Promise<ClientActor | null> => {
    const credential = sessionCredential(headerSource(request), options);
    return credential ? portal.sessions.resolve(credential.token) : null;
  };
}
