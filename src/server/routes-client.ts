import * as z from 'zod';
import { AcceptInviteInput, SignInInput } from '../model/inputs.js';
import { clearedSessionCookie, sessionCookie } from './cookies.js';
import { json, noContent, type RouteContext, type RouteHandler } from './context.js';
import type { Route } from './router.js';
import { sessionCredential } from './auth.js';
import { hashToken } from '../tokens/secret-token.js';

/** Sign-in attempts one address may make per window, across all emails. */
const SIGN_IN_PER_ADDRESS = { limit: 100, windowSeconds: 15 * 60 };

const Empty = z.object({}).strict();

/** A signed-in answer: the session goes in the body (for Bearer use) and in the HttpOnly cookie. */
function signedIn(c: RouteContext, result: { client: unknown; session: { token: string; expiresAt: Date } }): Response {
  const cookie = sessionCookie(c.options.cookie, c.options.basePath, result.session.token, result.session.expiresAt, c.portal.now());
  return json(result, 201, { 'set-cookie': cookie });
}

/** Rate-limit keys hold a normalised email but never a whole secret token. */
function keyPart(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase().slice(0, 300) : '';
}

/** Invitee and client routes: invites, sessions, and the client's own portal view. */
export const clientRoutes: Route<RouteHandler>[] = [
  {
    method: 'GET',
    pattern: '/invites/:token',
    // Looking consumes nothing: mail scanners open links before people do.
    handler: async (c) => json(await c.portal.invites.inspect(c.params.token!)),
  },
  {
    method: 'POST',
    pattern: '/invites/:token/accept',
    handler: async (c) => {
      const input = await c.body(AcceptInviteInput);
      // Keyed by the token's hash: a shared limiter store never holds a usable token.
      await c.limit(`accept:${await hashToken(c.params.token!.slice(0, 600))}`);
      return signedIn(c, await c.portal.invites.accept(c.params.token!, input));
    },
  },
  {
    method: 'POST',
    pattern: '/session',
    handler: async (c) => {
      const input = await c.body(SignInInput);
      // Per address too, more loosely (an office shares one): cycling emails from one address
      // cannot guess passwords at scale, nor crowd other keys out of a bounded limiter.
      await c.limit(`signin-ip:${c.ip()}`, SIGN_IN_PER_ADDRESS);
      await c.limit(`signin:${c.ip()}:${keyPart(input.tenantId)}:${keyPart(input.email)}`);
      return signedIn(c, await c.portal.sessions.signIn(input));
    },
  },
  {
    method: 'DELETE',
    pattern: '/session',
    // Signing out always succeeds and always clears the cookie, known session or not.
    handler: async (c) => {
      await c.body(Empty, true);
      const credential = sessionCredential(c.request, c.options);
      if (credential) await c.portal.sessions.signOut(credential.token);
      return noContent({ 'set-cookie': clearedSessionCookie(c.options.cookie, c.options.basePath) });
    },
  },
  {
    method: 'GET',
    pattern: '/me',
    handler: async (c) => json(await c.portal.view.me((await c.client()).actor)),
  },
  {
    method: 'GET',
    pattern: '/portal/projects',
    handler: async (c) => json(await c.portal.view.projects((await c.client()).actor)),
  },
  {
    method: 'GET',
    pattern: '/portal/projects/:projectId',
    handler: async (c) => json(await c.portal.view.feed((await c.client()).actor, c.params.projectId!)),
  },
  {
    method: 'GET',
    pattern: '/portal/projects/:projectId/:module/:resourceId',
    handler: async (c) => json(await c.portal.view.open((await c.client()).actor, c.params.projectId!, c.params.module!, c.params.resourceId!)),
  },
];
