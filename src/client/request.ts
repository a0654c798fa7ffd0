import type { Endpoint } from '../contract/endpoint.js';
import { invalid } from '../errors/ValidationError.js';

/** One call as HTTP: the path under the base URL, the query pairs, and the JSON body (if any). */
export interface HttpCall {
  path: string;
  searchParams: [string, string][];
  json?: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An id that goes in the path, as it is: a non-empty string. Anything else would reach the server
 * as text ("undefined", "[object Object]") and come back as someone else's "not found", or as an
 * empty list; an empty one would leave the route and answer "no such route". `.` and `..` are
 * steps in a URL, even percent-encoded (`%2e`): the URL would resolve to another route.
 */
function pathSegment(value: unknown, name: string): string {
  if (typeof value === 'string' && !/^\.{0,2}$/.test(value)) return value;
  throw invalid([
    { path: [name], message: typeof value === 'string' ? (value ? `must not be "${value}"` : 'must not be empty') : `expected a string, received ${value === null ? 'null' : typeof value}` },
  ]);
}

/**
 * Places a method's arguments where its contract entry says: path segments (percent-encoded),
 * query pairs (undefined entries left out, lists as repeated keys, an empty list as one empty
 * value) and body members.
 */
export function toHttpCall(endpoint: Endpoint, args: readonly unknown[]): HttpCall {
  const params: Record<string, string> = {};
  const searchParams: [string, string][] = [];
  let json: Record<string, unknown> | undefined;
  endpoint.args.forEach((arg, i) => {
    const value = args[i];
    if (arg.in === 'path') {
      params[arg.name] = pathSegment(value, arg.name);
    } else if (arg.in === 'query') {
      const entries: [string, unknown][] = arg.name ? [[arg.name, value]] : Object.entries(isObject(value) ? value : {});
      for (const [key, v] of entries) {
        if (v === undefined || v === null) continue;
        // An empty list goes as an empty value: left out, it would be no filter at all (every
        // receipt instead of none), where the server refuses an empty list and says so.
        if (Array.isArray(v) && v.length === 0) searchParams.push([key, '']);
        for (const item of Array.isArray(v) ? v : [v]) {
          // NaN and Infinity would travel as words the server reads as text, not as a number.
          if (typeof item === 'number' && !Number.isFinite(item)) throw invalid([{ path: [key], message: `expected a finite number, received ${item}` }]);
          searchParams.push([key, String(item)]);
        }
      }
    } else {
      json ??= {};
      if (arg.name) {
        if (value !== undefined) json[arg.name] = value;
      } else if (isObject(value)) {
        for (const [key, v] of Object.entries(value)) {
          if (arg.lift?.includes(key)) params[key] = pathSegment(v, key);
          else if (!Object.hasOwn(json, key)) json[key] = v; // a named member wins
        }
      }
    }
  });
  // A member lifted into the path (a role's `id`) that the body left out is as missing as an argument.
  const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? pathSegment(undefined, name)));
  return { path, searchParams, json };
}
