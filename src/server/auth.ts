import { validationErrorFromZod } from '../errors/from-zod.js';
import { forbidden } from '../errors/ForbiddenError.js';
import { SitegateError } from '../errors/SitegateError.js';
import { tokenError } from '../errors/TokenError.js';
import { ClientActor, StaffActor } from '../model/actor.js';
import type { Portal } from '../portal/create-portal.js';
import { handOffClient } from '../access/client-scope.js';
import { resolveSession, type ResolvedSession } from '../services/sessions.js';
import { cookieName, readCookies, type HeaderSource } from './cookies.js';
import type { PortalHandlerOptions } from './options.js';

/** Where a client session token came from: a header cannot be forged cross-site, a cookie can. */
export interface SessionCredential {
  token: string;
  via: 'bearer' | 'cookie';
  /** Further session cookies the request carries (after `token`, the first sent), if any. */
  others?: string[];
}

/** The session token the request carries: `Authorization: Bearer` first, then the cookie. */
export function sessionCredential(request: HeaderSource, options: Pick<PortalHandlerOptions, 'cookie'>): SessionCredential | null {
  const header = request.headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return { token: match[1]!, via: 'bearer' };
  }
  const [cookie, ...others] = readCookies(request, cookieName(options.cookie));
  if (!cookie) return null;
  return others.length ? { token: cookie, via: 'cookie', others } : { token: cookie, via: 'cookie' };
}

/**
 * The live session behind `credential`. Session cookies sent several times over are all read:
 * only live sessions count, and sessions of two different clients are refused and ended. A
 * cookie planted by a sibling subdomain (sent first, with a longer path) then cannot sign the
 * person in as someone else, and their next sign-in works; a stale cookie left by a moved domain
 * simply names no live session.
 */
export async function resolveCredential(portal: Portal, credential: SessionCredential): Promise<ResolvedSession | null> {
  if (!credential.others) return resolveSession(portal.sessions, credential.token);
  const live: { token: string; session: ResolvedSession }[] = [];
  for (const token of [credential.token, ...credential.others]) {
    const session = await resolveSession(portal.sessions, token);
    if (session) live.push({ token, session });
  }
  const clients = new Set(live.map(({ session: { actor } }) => `${actor.tenantId}\n${actor.clientId}`));
  if (clients.size <= 1) return live[0]?.session ?? null;
  for (const { token } of live) await portal.sessions.signOut(token);
  return null;
}

/** The client behind the request's session, or an `unauthenticated` / `session_invalid` error. */
export async function requireClientSession(portal: Portal, request: Request, options: PortalHandlerOptions): Promise<{ actor: ClientActor; credential: SessionCredential }> {
  const credential = sessionCredential(request, options);
  if (!credential) throw new SitegateError('Sign in to see your portal.', { code: 'unauthenticated' });
  const resolved = await resolveCredential(portal, credential);
  if (!resolved) throw tokenError('session_invalid');
  const { actor, client } = resolved;
  // The route's first scope load uses the client just read instead of reading it again.
  if (client) handOffClient(actor, client);
  return { actor, credential };
}

/**
 * The staff actor from the host's hook. A request with a live client session is a client, and
 * clients never reach staff routes (403); with neither, it is not signed in (401).
 */
export async function requireStaffActor(portal: Portal, request: Request, options: PortalHandlerOptions): Promise<StaffActor> {
  const found = await options.authenticateStaff(request);
  if (found) {
    const parsed = StaffActor.safeParse(found);
    // A malformed actor is the host's bug, not the caller's: answer 500 and report it.
    if (!parsed.success) {
      throw new Error(`authenticateStaff returned an invalid staff actor ({ type: 'staff', tenantId, userId }): ${validationErrorFromZod(parsed.error).message}`);
    }
    return parsed.data;
  }
  const credential = sessionCredential(request, options);
  if (credential && (await resolveCredential(portal, credential))) {
    throw forbidden('access', 'StaffApi', 'This is for builder staff only.');
  }
  throw new SitegateError('Sign in as builder staff to use this.', { code: 'unauthenticated' });
}
