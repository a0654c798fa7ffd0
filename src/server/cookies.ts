import { DEFAULT_COOKIE_NAME, type CookieOptions } from './options.js';

/** What a session is read from: a fetch `Request`, or anything whose headers answer `get`. */
export interface HeaderSource {
  headers: { get(name: string): string | null };
}

/**
 * Every value of cookie `name` in the request, each once, in the order sent. A browser sends one
 * per path and domain it holds: usually one, but two after a host moved its cookie's domain, or
 * when a sibling subdomain planted one of its own (the longer path is sent first).
 */
export function readCookies(request: HeaderSource, name: string): string[] {
  const header = request.headers.get('cookie');
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      const decoded = decodeURIComponent(value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);
      if (decoded && !values.includes(decoded)) values.push(decoded);
    } catch {
      // Not a value sitegate wrote: no session.
    }
  }
  return values;
}

const EXPIRED = ['Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT'];

/**
 * The session cookie: HttpOnly so page scripts never see it, SameSite=Lax so other sites'
 * forms and fetches do not carry it, Secure unless switched off for http://localhost, and
 * scoped to the API's base path unless `cookie.path` widens it. Set with `withCookies`.
 */
export function sessionCookies(options: CookieOptions | undefined, basePath: string, token: string, expiresAt: Date, now: Date): string[] {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return [serialise(options, pathOf(options, basePath), encodeURIComponent(token), [`Max-Age=${maxAge}`, `Expires=${expiresAt.toUTCString()}`]), ...replacedCookie(options, basePath)];
}

/** Tells the browser to drop the session cookie. */
export function clearedSessionCookies(options: CookieOptions | undefined, basePath: string): string[] {
  return [serialise(options, pathOf(options, basePath), '', EXPIRED), ...replacedCookie(options, basePath)];
}

/** `response` with each cookie in a `Set-Cookie` of its own. */
export function withCookies(response: Response, cookies: readonly string[]): Response {
  for (const cookie of cookies) response.headers.append('set-cookie', cookie);
  return response;
}

const pathOf = (options: CookieOptions | undefined, basePath: string) => options?.path ?? (basePath || '/');

/**
 * With a `cookie.path` of its own, the cookie a sign-in made before it (under the base path) is
 * dropped each time the session cookie is set or cleared: the browser sends the cookie of the
 * longer path first, so an older session there would shadow the new one at the API, and outlive
 * a sign-out.
 */
function replacedCookie(options: CookieOptions | undefined, basePath: string): string[] {
  const base = basePath || '/';
  return options?.path !== undefined && options.path !== base ? [serialise(options, base, '', EXPIRED)] : [];
}

export const cookieName = (options: CookieOptions | undefined) => options?.name ?? DEFAULT_COOKIE_NAME;

/**
 * Refuses, when the handler is made, a `cookie.path` the API itself would not receive the cookie
 * on: a path must be `/`-rooted, printable ASCII without `;` or spaces, and `basePath` at or under it.
 */
export function checkCookiePath(options: CookieOptions | undefined, basePath: string): void {
  const path = options?.path;
  if (path === undefined) return;
  // Printable ASCII but `;`: anything else would fail, or split the header, at the first sign-in.
  if (typeof path !== 'string' || !/^\/[\x21-\x3a\x3c-\x7e]*$/.test(path)) {
    throw new TypeError(`createPortalHandler: \`cookie.path\` must be a path such as "/", not ${JSON.stringify(path)}`);
  }
  const base = basePath === '/' ? '' : basePath;
  const covers = path === '/' || base === path.replace(/\/+$/, '') || base.startsWith(path.endsWith('/') ? path : `${path}/`);
  if (!covers) throw new TypeError(`createPortalHandler: \`cookie.path\` "${path}" does not contain basePath "${basePath}": the API would never receive its session cookie`);
}

function serialise(options: CookieOptions | undefined, path: string, value: string, expiry: string[]): string {
  const parts = [`${cookieName(options)}=${value}`, `Path=${path}`, ...expiry, 'HttpOnly', 'SameSite=Lax'];
  if (options?.secure !== false) parts.push('Secure');
  if (options?.domain) parts.push(`Domain=${options.domain}`);
  return parts.join('; ');
}
