import { forbidden } from '../errors/ForbiddenError.js';

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `Sec-Fetch-Site` values a browser sends for a request another site (or a sibling subdomain) made. */
const FROM_ANOTHER_SITE: ReadonlySet<string> = new Set(['cross-site', 'same-site']);

/** The origin a header names (`Origin`, or a `Referer` URL), or null. */
function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * Whether the request carries a credential a browser attaches on its own, so another site can
 * make it send one: any cookie (sitegate's session, or the host's, which `authenticateStaff`
 * may read), or an `Authorization` header of a scheme the browser remembers and replays —
 * Basic, Digest, Negotiate, NTLM. Only `Bearer` is never sent unless a script sets it.
 */
function carriesAmbientCredentials(request: Request): boolean {
  if (request.headers.has('cookie')) return true;
  const authorization = request.headers.get('authorization');
  if (authorization === null) return false;
  const scheme = authorization.trim().split(/\s+/, 1)[0]!;
  return scheme.toLowerCase() !== 'bearer';
}

/**
 * Ambient credentials ride along on requests other sites trigger, so a mutation that carries
 * any must show where it came from: `Origin` (or, failing that, `Referer`) must be the API's
 * own origin or a trusted one. A request authenticated by a Bearer token alone passes — no page
 * of another site can add that header — and so does one with no credentials at all. A Bearer
 * token beside a cookie does not exempt the request: what authenticates it may be the cookie.
 *
 * A read is held to the same rule when the browser says another site sent it
 * (`Sec-Fetch-Site: cross-site`, or `same-site` for a sibling subdomain): a link there opens an
 * API URL with the `Lax` session cookie, and some reads record something — opening a resource
 * leaves the builder a "viewed" receipt, a feed load the client's visit. The elements read from
 * the page's own origin or a trusted one, which says so in `Origin`.
 */
export function assertSameOrigin(request: Request, trustedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(request.method) && !FROM_ANOTHER_SITE.has(request.headers.get('sec-fetch-site') ?? '')) return;
  if (!carriesAmbientCredentials(request)) return;
  const own = new URL(request.url).origin;
  if (sentFrom(request.headers, (origin) => origin.origin === own, trustedOrigins)) return;
  throw forbidden(
    'send',
    'Request',
    `Cross-site request refused: a request that carries a cookie or a browser-sent Authorization must come from this API's origin (${own}) or one in trustedOrigins; ${senderOf(request.headers)}.`,
  );
}

/** Where a refused request said it came from, in words for the host developer reading the 403. */
function senderOf(headers: { get(name: string): string | null }): string {
  const declared = headers.get('origin');
  if (declared !== null && declared.trim() === 'null') return 'its Origin is null (a sandboxed frame or a data: page)';
  const origin = originOf(declared);
  if (origin !== null) return `its Origin is ${origin}`;
  const referred = originOf(headers.get('referer'));
  if (referred !== null) return `its Referer is on ${referred}`;
  return 'it sent no Origin or Referer header (a server-side caller sets Origin itself)';
}

/**
 * Whether the page that sent a request is our own (`own`) or a trusted origin, by its `Origin`
 * header, else its `Referer`. Neither, or one that cannot be read, is not ours; nor is the
 * opaque origin `null` (a sandboxed frame, a `data:` page), whose `Referer` may name our page
 * while the script that sends is not ours.
 */
export function sentFrom(headers: { get(name: string): string | null }, own: (origin: URL) => boolean, trustedOrigins: readonly string[]): boolean {
  const declared = headers.get('origin');
  if (declared !== null && declared.trim() === 'null') return false;
  const origin = originOf(declared) ?? originOf(headers.get('referer'));
  return origin !== null && (trustedOrigins.includes(origin) || own(new URL(origin)));
}
