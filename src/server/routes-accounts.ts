import * as z from 'zod';
import { API } from '../contract/api.js';
import { parseInput } from '../errors/from-zod.js';
import { AccountEmailInput, ConfirmEmailInput, ResetPasswordInput } from '../model/inputs.js';
import { assertPasswordAcceptable } from '../tokens/password-rules.js';
import { hashToken } from '../tokens/secret-token.js';
import { clearedSessionCookies, sessionCookies, withCookies } from './cookies.js';
import { json, noContent, type RouteContext, type RouteHandler } from './context.js';
import { readArgs } from './request-args.js';
import { LINK_REQUEST_PER_ACCOUNT, LINK_REQUEST_PER_ADDRESS, LINK_USE_PER_ADDRESS, linkRequestKeys, signInAccountKey } from './sign-in-limits.js';

/** A link token in a body: any string (an unknown one is answered like a stale link), bounded. */
const LinkToken = z.string().max(2000, 'is too long to be a link token');

/** A signed-in answer: the session goes in the body (for Bearer use) and in the HttpOnly cookie. */
export function signedIn(c: RouteContext, result: { client: unknown; session: { token: string; expiresAt: Date } }): Response {
  return withCookies(json(result, 201), sessionCookies(c.options.cookie, c.options.basePath, result.session.token, result.session.expiresAt, c.portal.now()));
}

/** 202 with no body: the same answer whether or not the email belongs to an account. */
function accepted(): Response {
  return new Response(null, { status: 202, headers: { 'cache-control': 'no-store' } });
}

/** Link requests are limited per address, per address + account and per account, before the core is reached. */
async function limitRequest(c: RouteContext, kind: 'reset' | 'signin-link', raw: unknown): Promise<AccountEmailInput> {
  const input = parseInput(AccountEmailInput, raw);
  const keys = linkRequestKeys(kind, c.ip(), input.tenantId, input.email);
  await c.limit(keys.address, LINK_REQUEST_PER_ADDRESS);
  await c.limit(keys.addressAccount);
  await c.limit(keys.account, LINK_REQUEST_PER_ACCOUNT);
  return input;
}

/**
 * Checks a link's body (its new password above all) before the link's tries are counted: a
 * password too short or too common says nothing about the token, so it must not use them up.
 * Only the rule against the account's own email waits for the token, in the core.
 */
export function checkLinkBody(schema: z.ZodType<{ password?: string | undefined }>, input: unknown): void {
  const { password } = parseInput(schema, input);
  if (password !== undefined) assertPasswordAcceptable(password);
}

/** A link token from the body, with its uses limited per address and per token hash (a shared limiter never holds a usable token). */
async function limitedToken(c: RouteContext, raw: unknown, kind: string, body?: { schema: z.ZodType<{ password?: string | undefined }>; input: unknown }): Promise<string> {
  const token = parseInput(LinkToken, raw, ['token']);
  if (body) checkLinkBody(body.schema, body.input);
  await c.limit(`${kind}-ip:${c.ip()}`, LINK_USE_PER_ADDRESS);
  await c.limit(`${kind}:${hashToken(token.slice(0, 600))}`);
  return token;
}

/** Password reset, sign-in links, signing out everywhere and email confirmation over HTTP. */
export const accountRoutes = {
  'passwords.requestReset': (async (c) => {
    const [raw] = await readArgs(c, API['passwords.requestReset']);
    await c.portal.passwords.requestReset(await limitRequest(c, 'reset', raw));
    return accepted();
  }) satisfies RouteHandler,
  'passwords.inspect': (async (c) => {
    const [raw] = await readArgs(c, API['passwords.inspect']);
    return json(await c.portal.passwords.inspect(parseInput(LinkToken, raw, ['token'])));
  }) satisfies RouteHandler,
  'passwords.reset': (async (c) => {
    const [raw, input] = await readArgs(c, API['passwords.reset']);
    const token = await limitedToken(c, raw, 'reset-use', { schema: ResetPasswordInput, input });
    const result = await c.portal.passwords.reset(token, input as never);
    // A reset proves the mailbox: it lifts a sign-in lock-out of the account, so a locked-out client can get back in.
    await c.resetLimit(signInAccountKey(result.client.tenantId, result.client.email));
    return signedIn(c, result);
  }) satisfies RouteHandler,
  'sessions.requestLink': (async (c) => {
    const [raw] = await readArgs(c, API['sessions.requestLink']);
    await c.portal.sessions.requestLink(await limitRequest(c, 'signin-link', raw));
    return accepted();
  }) satisfies RouteHandler,
  'sessions.signInWithLink': (async (c) => {
    const [raw] = await readArgs(c, API['sessions.signInWithLink']);
    const token = await limitedToken(c, raw, 'link-use');
    return signedIn(c, await c.portal.sessions.signInWithLink(token));
  }) satisfies RouteHandler,
  'sessions.signOutEverywhere': (async (c) => {
    await readArgs(c, API['sessions.signOutEverywhere']);
    const { actor } = await c.client();
    await c.portal.sessions.signOutEverywhere(actor);
    return withCookies(noContent(), clearedSessionCookies(c.options.cookie, c.options.basePath));
  }) satisfies RouteHandler,
  'emails.inspect': (async (c) => {
    const [raw] = await readArgs(c, API['emails.inspect']);
    return json(await c.portal.emails.inspect(parseInput(LinkToken, raw, ['token'])));
  }) satisfies RouteHandler,
  'emails.confirm': (async (c) => {
    const [raw, input] = await readArgs(c, API['emails.confirm']);
    const token = await limitedToken(c, raw, 'confirm-use', { schema: ConfirmEmailInput, input });
    const result = await c.portal.emails.confirm(token, input as never);
    // Like a reset, confirming proves the mailbox: a sign-in lock-out of the new address ends.
    await c.resetLimit(signInAccountKey(result.client.tenantId, result.client.email));
    return signedIn(c, result);
  }) satisfies RouteHandler,
};
