import { BadRequestError } from '../errors/BadRequestError.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** A method an `Allow` header names: HEAD is answered wherever GET is. */
export type AllowedMethod = Method | 'HEAD';

/** A route pattern such as `/clients/:id/projects/:projectId`, split into literal and named parts. */
export interface Route<H> {
  method: Method;
  pattern: string;
  handler: H;
  /** The contract entry it serves (`clients.add`), for tests and logs. */
  name?: string;
  /** `false`: a GET that records being asked (a view, a visit), which a HEAD must not. */
  head?: false;
}

interface Compiled<H> extends Route<H> {
  parts: { literal?: string; param?: string }[];
  /** How many of its parts are literal: the more, the more specific. */
  literals: number;
}

export type RouteMatch<H> =
  | { kind: 'found'; route: Route<H>; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: AllowedMethod[] }
  /** `empty`: a route of this method the path fits but for an empty parameter (`/clients/` for `/clients/:id`). */
  | { kind: 'not_found'; empty?: { pattern: string; param: string } };

function compile<H>(route: Route<H>): Compiled<H> {
  const parts = route.pattern
    .split('/')
    .slice(1)
    .map((part) => (part.startsWith(':') ? { param: part.slice(1) } : { literal: part }));
  return { ...route, parts, literals: parts.filter((p) => p.literal !== undefined).length };
}

/**
 * A small table router over path segments. Literal parts beat parameters, so
 * `/projects/:id/shares/status` is not read as a share id. Parameters are percent-decoded
 * once; an encoded `/` stays inside the value, where id validation rejects it. A HEAD takes the
 * GET route of its path (the handler leaves the body out), as HTTP asks of every GET.
 */
export function createRouter<H>(routes: Route<H>[]) {
  // By number of segments: a path is compared with the routes of its length only, and nothing
  // is made for a route it does not match (this runs on every request).
  const byLength = new Map<number, Compiled<H>[]>();
  for (const route of routes.map(compile)) {
    const same = byLength.get(route.parts.length);
    if (same) same.push(route);
    else byLength.set(route.parts.length, [route]);
  }

  function decode(segment: string): string {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new BadRequestError('The URL path is not valid percent-encoding.');
    }
  }

  function fits(route: Compiled<H>, segments: string[]): boolean {
    for (let i = 0; i < segments.length; i++) {
      const literal = route.parts[i]!.literal;
      if (literal === undefined ? segments[i] === '' : literal !== segments[i]) return false;
    }
    return true;
  }

  function paramsOf(route: Compiled<H>, segments: string[]): Record<string, string> {
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const param = route.parts[i]!.param;
      if (param !== undefined) params[param] = decode(segments[i]!);
    }
    return params;
  }

  /**
   * The route of `method` the path would take if its empty segments held values, and the first
   * parameter left empty: an id a caller did not fill in, which "no such route" alone would blame
   * on the base URL. Looked for only once nothing matched.
   */
  function emptyParameter(method: string, segments: string[]): { empty?: { pattern: string; param: string } } {
    for (const route of byLength.get(segments.length) ?? []) {
      if (route.method !== method || !route.parts.every((part, i) => part.literal === undefined || part.literal === segments[i])) continue;
      const param = route.parts.find((part, i) => part.param !== undefined && segments[i] === '')?.param;
      if (param !== undefined) return { empty: { pattern: route.pattern, param } };
    }
    return {};
  }

  /** Whether the route serves `asked`: a HEAD takes a GET route that allows it. */
  const serves = (route: Route<H>, asked: string) => (asked === 'HEAD' ? route.method === 'GET' && route.head !== false : route.method === asked);
  const allowed = (route: Route<H>): AllowedMethod[] => (route.method === 'GET' && route.head !== false ? ['GET', 'HEAD'] : [route.method]);

  return function match(asked: string, path: string): RouteMatch<H> {
    const method = asked === 'HEAD' ? 'GET' : asked;
    const segments = path.split('/').slice(1);
    const candidates = (byLength.get(segments.length) ?? []).filter((route) => fits(route, segments));
    if (candidates.length === 0) return { kind: 'not_found', ...emptyParameter(method, segments) };
    // Literal-heavy routes first, so they win over parameter routes of the same shape.
    let best = 0;
    for (const route of candidates) best = Math.max(best, route.literals);
    const found = candidates.find((route) => route.literals === best && serves(route, asked)) ?? candidates.find((route) => serves(route, asked));
    if (found) return { kind: 'found', route: found, params: paramsOf(found, segments) };
    // A path the routes here could take only with a malformed parameter is a bad request, not a 405.
    for (const route of candidates) paramsOf(route, segments);
    const shaped = candidates.filter((route) => route.literals === best);
    const allow = new Set(shaped.flatMap(allowed));
    return { kind: 'method_not_allowed', allow: [...allow] };
  };
}
