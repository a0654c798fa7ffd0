import * as z from 'zod';
import { BadRequestError } from '../errors/BadRequestError.js';
import { invalid } from '../errors/ValidationError.js';
import { parseInput } from '../errors/from-zod.js';
import { hashToken } from '../tokens/secret-token.js';
import { discardBody, readText } from './body.js';
import { json, type RouteContext, type RouteHandler } from './context.js';
import type { RateLimitRule } from './rate-limit.js';

/**
 * Unsubscribes one address may make per window. Loose on purpose: one-click unsubscribes come
 * from the mailbox provider's servers (a few addresses for millions of mailboxes); the per-token
 * limit is what stops hammering one link.
 */
export const UNSUBSCRIBE_PER_ADDRESS: RateLimitRule = { limit: 1000, windowSeconds: 15 * 60 };

/** Longest form body the one-click POST may carry (it is `List-Unsubscribe=One-Click`). */
const FORM_MAX_BYTES = 4096;

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const UnsubscribeToken = z.string().min(1, 'must not be empty').max(2000, 'is too long to be an unsubscribe token');
const JsonBody = z.strictObject({ token: z.unknown().optional() });

/**
 * The body as text, refused as soon as it passes `FORM_MAX_BYTES` (what a one-click POST carries
 * is a few bytes): read as it streams in, so a chunked body of any size is never held whole.
 */
function smallBody(c: RouteContext): Promise<string> {
  return readText(c.request, FORM_MAX_BYTES);
}

/**
 * The form a mailbox provider posts (RFC 8058): `List-Unsubscribe=One-Click`, and the token if
 * the host put it there. RFC 8058 asks for `multipart/form-data`; providers also send
 * `application/x-www-form-urlencoded`. Both are read, within the same small size.
 */
async function formToken(c: RouteContext, type: string): Promise<unknown> {
  const text = await smallBody(c);
  let form: URLSearchParams | FormData;
  try {
    form = MULTIPART_TYPE.test(type) ? await new Response(text, { headers: { 'content-type': type } }).formData() : new URLSearchParams(text);
  } catch {
    throw new BadRequestError('The request body is not a valid form.');
  }
  const extra = [...new Set(form.keys())].filter((key) => key !== 'List-Unsubscribe' && key !== 'token');
  if (extra.length) throw invalid([{ path: [], message: `Unrecognized keys: ${extra.map((k) => JSON.stringify(k)).join(', ')}`, code: 'unrecognized_keys' }]);
  return form.get('token') ?? undefined;
}

/**
 * The token of an unsubscribe: in the query (`?token=`, where the `List-Unsubscribe` URL puts
 * it) or the body — a form (the one-click POST) or JSON `{token}` (the typed client). Given in
 * both, the two must agree. With the token in the query, a body of any other type is read (up
 * to its small size) and left aside: it can name no token, and a provider's one-click POST must
 * not fail on the way it wrote `List-Unsubscribe=One-Click`.
 */
async function unsubscribeToken(c: RouteContext): Promise<string> {
  const keys = [...c.url.searchParams.keys()];
  const extra = keys.filter((key) => key !== 'token');
  if (extra.length) throw invalid([{ path: [], message: `Unrecognized keys: ${extra.map((k) => JSON.stringify(k)).join(', ')}`, code: 'unrecognized_keys' }]);
  if (c.url.searchParams.getAll('token').length > 1) throw invalid([{ path: ['token'], message: 'must be given once' }]);
  const fromQuery = c.url.searchParams.get('token') ?? undefined;
  const type = c.request.headers.get('content-type') ?? '';
  let fromBody: unknown;
  if (FORM_TYPE.test(type) || MULTIPART_TYPE.test(type)) fromBody = await formToken(c, type);
  else if (fromQuery !== undefined && type && !JSON_TYPE.test(type)) await discardBody(c.request, FORM_MAX_BYTES);
  else fromBody = (await c.body(JsonBody, true)).token;
  if (fromQuery !== undefined && fromBody !== undefined && fromQuery !== fromBody) throw invalid([{ path: ['token'], message: 'the query and the body name different tokens' }]);
  return parseInput(UnsubscribeToken, fromBody ?? fromQuery, ['token']);
}

/** Notification routes with HTTP rules of their own. */
export const notificationRoutes = {
  'notifications.unsubscribe': (async (c) => {
    const token = await unsubscribeToken(c);
    // Like other token routes: per address (loosely, see above) and per token hash; a shared
    // limiter store never holds a usable token.
    await c.limit(`unsubscribe-ip:${c.ip()}`, UNSUBSCRIBE_PER_ADDRESS);
    await c.limit(`unsubscribe:${hashToken(token.slice(0, 600))}`);
    return json(await c.portal.notifications.unsubscribe(token));
  }) satisfies RouteHandler,
};
