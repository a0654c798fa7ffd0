import { BadRequestError } from '../errors/BadRequestError.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A route pattern such as `/clients/:id/projects/:projectId`, split into literal and named parts. */
export interface Route<H> {
  method: Method;
  pattern: string;
  handler: H;
  /** The contract entry it serves (`clients.add`), for tests and logs. */
  name?: string;
}

interface Compiled<H> extends Route<H> {
  parts: { literal?: string; param?: string }[];
}

export type RouteMatch<H> =
  | { kind: 'found'; route: Route<H>; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: Method[] }
  | { kind: 'not_found' };

function compile<H>(route: Route<H>): Compiled<H> {
  const parts = route.pattern
    .split('/')
    .slice(1)
    .map((part) => (part.startsWith(':') ? { param: part.slice(1) } : { literal: part }));
  return { ...route, parts };
}

/**
 * A small table router over path segments. Literal parts beat parameters, so
 * `/projects/:id/shares/status` is not read as a share id. Parameters are percent-decoded
 * once; an encoded `/` stays inside the value, where id validation rejects it.
 */
export function createRouter<H>(routes: Route<H>[]) {
  const table = routes.map(compile);

  function decode(segment: string): string {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new BadRequestError('The URL path is not valid percent-encoding.');
    }
  }

  function matchPath(route: Compiled<H>, segments: string[]): Record<string, string> | null {
    if (route.parts.length !== segments.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const part = route.parts[i]!;
      const segment = segments[i]!;
      if (part.literal !== undefined) {
        if (part.literal !== segment) return null;
      } else {
        if (segment === '') return null;
        params[part.param!] = decode(segment);
      }
    }
    return params;
  }

  /** Literal-heavy routes first, so they win over parameter routes of the same shape. */
  const specificity = (route: Compiled<H>) => route.parts.filter((p) => p.literal !== undefined).length;

  return function match(method: string, path: string): RouteMatch<H> {
    const segments = path.split('/').slice(1);
    const candidates = table
      .map((route) => ({ route, params: matchPath(route, segments) }))
      .filter((c): c is { route: Compiled<H>; params: Record<string, string> } => c.params !== null);
    if (candidates.length === 0) return { kind: 'not_found' };
    const best = Math.max(...candidates.map((c) => specificity(c.route)));
    const shaped = candidates.filter((c) => specificity(c.route) === best);
    const hit = shaped.find((c) => c.route.method === method);
    if (hit) return { kind: 'found', route: hit.route, params: hit.params };
    const other = candidates.find((c) => c.route.method === method);
    if (other) return { kind: 'found', route: other.route, params: other.params };
    return { kind: 'method_not_allowed', allow: [...new Set(shaped.map((c) => c.route.method))] };
  };
}
