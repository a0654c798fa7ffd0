import type { Endpoint } from '../contract/endpoint.js';

/** One call as HTTP: the path under the base URL, the query pairs, and the JSON body (if any). */
export interface HttpCall {
  path: string;
  searchParams: [string, string][];
  json?: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Places a method's arguments where its contract entry says: path segments (percent-encoded),
 * query pairs (undefined entries left out, lists as repeated keys) and body members.
 */
export function toHttpCall(endpoint: Endpoint, args: readonly unknown[]): HttpCall {
  const params: Record<string, string> = {};
  const searchParams: [string, string][] = [];
  let json: Record<string, unknown> | undefined;
  endpoint.args.forEach((arg, i) => {
    const value = args[i];
    if (arg.in === 'path') {
      params[arg.name] = String(value);
    } else if (arg.in === 'query') {
      const entries: [string, unknown][] = arg.name ? [[arg.name, value]] : Object.entries(isObject(value) ? value : {});
      for (const [key, v] of entries) {
        if (v === undefined || v === null) continue;
        for (const item of Array.isArray(v) ? v : [v]) searchParams.push([key, String(item)]);
      }
    } else {
      json ??= {};
      if (arg.name) {
        if (value !== undefined) json[arg.name] = value;
      } else if (isObject(value)) {
        for (const [key, v] of Object.entries(value)) {
          if (arg.lift?.includes(key)) params[key] = String(v);
          else if (!Object.hasOwn(json, key)) json[key] = v; // a named member wins
        }
      }
    }
  });
  const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  return { path, searchParams, json };
}
