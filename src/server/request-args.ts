import * as z from 'zod';
import type { Endpoint } from '../contract/endpoint.js';
import { type ValidationIssue, invalid } from '../errors/ValidationError.js';
import type { RouteContext } from './context.js';

const Anything = z.unknown();
const Empty = z.object({}).strict();

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const unrecognised = (keys: string[], at: (string | number)[] = []): ValidationIssue => ({
  path: at,
  message: `Unrecognized key${keys.length > 1 ? 's' : ''}: ${keys.map((k) => JSON.stringify(k)).join(', ')}`,
  code: 'unrecognized_keys',
});

/** A decimal number as the query string writes it; anything else stays text for the core to refuse. */
const asNumber = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);

/** What an entry reads from the query string, worked out once per entry rather than per request. */
interface QueryPlan {
  lists: Set<string>;
  names: Set<string>;
  takesObject: boolean;
  numbers: Set<string>;
}
const queryPlans = new WeakMap<Endpoint, QueryPlan>();

function queryPlan(endpoint: Endpoint): QueryPlan {
  let plan = queryPlans.get(endpoint);
  if (!plan) {
    const args = endpoint.args.filter((a) => a.in === 'query');
    plan = {
      lists: new Set([...args.filter((a) => a.in === 'query' && a.list && a.name).map((a) => a.name!), ...(endpoint.lists ?? [])]),
      names: new Set(args.filter((a) => a.name).map((a) => a.name!)),
      takesObject: args.some((a) => !a.name),
      numbers: new Set(endpoint.numbers ?? []),
    };
    queryPlans.set(endpoint, plan);
  }
  return plan;
}

/**
 * The query string as the entry reads it: named members as one value (or a list), the rest as
 * an object. A key the entry does not read is an error, as is a repeated key outside lists.
 */
function readQuery(c: RouteContext, endpoint: Endpoint): { named: Map<string, unknown>; rest: Record<string, unknown> | undefined } {
  const { lists, names, takesObject, numbers } = queryPlan(endpoint);
  const named = new Map<string, unknown>();
  // Without a prototype, `__proto__` is a key like any other: refused as unknown, not dropped.
  const rest: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const extra: string[] = [];
  const seen = new Set<string>();
  for (const [key, value] of c.url.searchParams) {
    if (lists.has(key)) {
      const into = names.has(key) ? named : undefined;
      const items = [...(((into ? into.get(key) : rest[key]) as string[] | undefined) ?? []), ...value.split(',').filter((v) => v !== '')];
      if (into) into.set(key, items);
      else rest[key] = items;
      continue;
    }
    if (seen.has(key)) throw invalid([{ path: [key], message: 'must be given once' }]);
    seen.add(key);
    const read = numbers.has(key) ? asNumber(value) : value;
    if (names.has(key)) named.set(key, read);
    else if (takesObject) rest[key] = read;
    else extra.push(key);
  }
  if (extra.length) throw invalid([unrecognised(extra)]);
  return { named, rest: takesObject ? rest : undefined };
}

/**
 * The JSON body as the entry reads it. Without body arguments, a write takes an empty body or
 * `{}`; with named members only, any other member is an error; with a whole-body argument, the
 * rest goes to the core, which checks it.
 */
async function readBody(c: RouteContext, endpoint: Endpoint): Promise<{ value: unknown; named: Map<string, unknown> }> {
  const args = endpoint.args.filter((a) => a.in === 'body');
  const named = new Map<string, unknown>();
  if (args.length === 0) {
    if (endpoint.method !== 'GET') await c.body(Empty, true);
    return { value: undefined, named };
  }
  const value: unknown = await c.body(Anything, args.every((a) => a.in === 'body' && a.optional));
  const names = args.filter((a) => a.name).map((a) => a.name!);
  const whole = args.find((a) => a.in === 'body' && !a.name);
  if (names.length === 0 && !(whole?.in === 'body' && whole.lift)) return { value, named };
  if (!isObject(value)) throw invalid([{ path: [], message: `Invalid input: expected object, received ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`, code: 'invalid_type' }]);
  const rest: Record<string, unknown> = { ...value };
  for (const name of names) {
    named.set(name, value[name]);
    delete rest[name];
  }
  if (!whole && Object.keys(rest).length) {
    // A body that left out its wrapper (`{ module, id }` for `{ resources: [{ module, id }] }`) is
    // told what it lacks as well as what it has too much of.
    const missing = args.filter((a) => a.name && !a.optional && value[a.name] === undefined).map((a): ValidationIssue => ({ path: [a.name!], message: 'is required', code: 'invalid_type' }));
    throw invalid([...missing, unrecognised(Object.keys(rest))]);
  }
  return { value: rest, named };
}

/**
 * The service method's arguments (after the actor), read from the request where the contract
 * entry places them. Nothing here checks what they are: the core validates each one.
 */
export async function readArgs(c: RouteContext, endpoint: Endpoint): Promise<unknown[]> {
  const query = readQuery(c, endpoint);
  const body = await readBody(c, endpoint);
  return endpoint.args.map((arg) => {
    if (arg.in === 'path') return c.params[arg.name];
    if (arg.in === 'query') return arg.name ? query.named.get(arg.name) : query.rest;
    if (arg.name) return body.named.get(arg.name);
    if (!arg.lift) return body.value;
    const value = body.value as Record<string, unknown>;
    const clash = arg.lift.filter((key) => Object.hasOwn(value, key));
    if (clash.length) throw invalid([unrecognised(clash)]);
    return { ...Object.fromEntries(arg.lift.map((key) => [key, c.params[key]])), ...value };
  });
}
