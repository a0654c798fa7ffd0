import * as z from 'zod';
import { API } from '../contract/api.js';
import { AcceptInviteInput, SignInInput } from '../model/inputs.js';
import { clearedSessionCookies, cookieName, readCookies, withCookies } from './cookies.js';
import { json, jsonOfText, noContent, type RouteContext, type RouteHandler } from './context.js';
import { frozenJsonText, jsonText } from './json-text.js';
import type { Route } from './router.js';
import { sessionCredential } from './auth.js';
import { readArgs } from './request-args.js';
import { routesFor } from './serve.js';
import { hashToken } from '../tokens/secret-token.js';
import { SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS, signInAccountKey, signInAddressAccountKey, signInAddressKey } from './sign-in-limits.js';
import { parseInput } from '../errors/from-zod.js';
import { accountRoutes, checkLinkBody, signedIn } from './routes-accounts.js';
import { approvalRoutes } from './routes-approvals.js';
import { notificationRoutes } from './routes-notifications.js';
import { tenantRoutes } from './routes-tenant.js';

/** Invite accepts one address may make per window, across all tokens. */
const ACCEPT_PER_ADDRESS = { limit: 100, windowSeconds: 15 * 60 };

/**
 * An invite token in a body: any string (an unknown or malformed one is answered like a stale
 * link), bounded. Checked here because the core takes any value as a token, and the accept
 * limiter keys on it before the core is reached.
 */
const InviteToken = z.string().max(2000, 'is too long to be an invite token');


/** Invitee and client routes with rules of their own: rate limits, cookies, token bounds. */
const custom = {
  // What `json` would write for the whole answer; the rules, shared by every answer made on the
  // same facts, are written once.
  'view.me': (async (c) => {
    const { actor } = await c.client();
    // Takes nothing, so any query key is refused, as on every route.
    await readArgs(c, API['view.me']);
    const { client, projects, rules } = await c.portal.view.me(actor);
    return jsonOfText(`{"client":${jsonText(client)},"projects":${jsonText(projects)},"rules":${frozenJsonText(rules)}}`);
  }) satisfies RouteHandler,
  // Looking consumes nothing.
  'invites.inspect': (async (c) => {
    const [token] = await readArgs(c, API['invites.inspect']);
    return json(await c.portal.invites.inspect(parseInput(InviteToken, token, ['token'])));
  }) satisfies RouteHandler,
  'invites.accept': (async (c) => {
    const [raw, input] = await readArgs(c, API['invites.accept']);
    const token = parseInput(InviteToken, raw, ['token']);
    checkLinkBody(AcceptInviteInput, input);
    // Per address, so cycling bogus tokens from one address is refused long before it matters;
    // and per token hash, so one link cannot be hammered from many. A shared limiter store
    // never holds a usable token.
    await c.limit(`accept-ip:${c.ip()}`, ACCEPT_PER_ADDRESS);
    await c.limit(`accept:${await hashToken(token.slice(0, 600))}`);
    return signedIn(c, await c.portal.invites.accept(token, input as never));
  }) satisfies RouteHandler,
  'sessions.signIn': (async (c) => {
    const [raw] = await readArgs(c, API['sessions.signIn']);
    // Parsed here as well as in the core: the limiter keys on the normalised account before
    // the (deliberately slow) core is reached.
    const input = parseInput(SignInInput, raw);
    // Per address, loosely (an office shares one): cycling emails from one address cannot
    // guess passwords at scale. Per address and account, tightly. Per account across all
    // addresses: the lock-out, which a botnet's many addresses cannot get around.
    const addressAccount = signInAddressAccountKey(c.ip(), input.tenantId, input.email);
    await c.limit(signInAddressKey(c.ip()), SIGN_IN_PER_ADDRESS);
    await c.limit(addressAccount);
    const account = signInAccountKey(input.tenantId, input.email);
    await c.limit(account, SIGN_IN_PER_ACCOUNT);
    const result = await c.portal.sessions.signIn(input);
    // The per-account lock-out counts consecutive failures (NIST SP 800-63B): the right password
    // ends the run. So does it from this address: otherwise a client signing in on a few devices
    // behind one address, or again after signing out, is refused with the right password.
    await c.resetLimit(account);
    await c.resetLimit(addressAccount);
    return signedIn(c, result);
  }) satisfies RouteHandler,
  // Signing out always succeeds and always clears the cookie, known session or not. The session
  // the cookie carries ends with it, also when a Bearer token (another session) came beside it:
  // a cookie cleared in the browser must not leave its session alive on the server.
  'sessions.signOut': (async (c) => {
    await readArgs(c, API['sessions.signOut']);
    const tokens = new Set<string>();
    const credential = sessionCredential(c.request, c.options);
    if (credential) tokens.add(credential.token);
    // Every session cookie sent: one left by a moved cookie domain, or planted, ends too.
    for (const cookie of readCookies(c.request, cookieName(c.options.cookie))) tokens.add(cookie);
    for (const token of tokens) await c.portal.sessions.signOut(token);
    return withCookies(noContent(), clearedSessionCookies(c.options.cookie, c.options.basePath));
  }) satisfies RouteHandler,
};

/** Invitee and client routes: invites, sessions, and the client's own portal view. */
export const clientRoutes: Route<RouteHandler>[] = routesFor(['client', 'anyone'], { ...custom, ...accountRoutes, ...approvalRoutes, ...notificationRoutes, ...tenantRoutes });
