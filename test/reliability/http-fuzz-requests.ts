import * as fc from 'fast-check';
import { clientRoutes } from '../../src/server/routes-client.js';
import { staffRoutes } from '../../src/server/routes-staff.js';

/**
 * Request generators for the HTTP fuzz suite: mostly malformed requests over every route the
 * handler has. Values that name real records (`{client}`, `{token}`…) are filled in from the
 * seed at request time, so requests get past lookups and fail (or not) on their input.
 */

export const ORIGIN = 'http://portal.test';
export const BASE = `${ORIGIN}/api/portal`;

/** What the fuzz seeds: real records requests can name. */
export interface Seed {
  clientId: string;
  otherClientId: string;
  inviteToken: string;
  sessionToken: string;
  shareId: string;
}

// ---------------------------------------------------------------------------------------------
// Strings no store can keep as given, and tokens whose parts decode to them.

const b64url = (bytes: number[] | Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const utf8 = (text: string) => [...new TextEncoder().encode(text)];
const SECRET = 'A'.repeat(43);

/** NUL and unpaired surrogates, alone and inside other text. */
export const UNSTORABLE = ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udc00y', '\ud83d', '\u0000\ud800', 'dana@example.com\u0000'];

/**
 * Tokens shaped like `<base64url(tenant)>.<secret>` whose tenant part decodes to NUL, a lone
 * surrogate (CESU-8 `ED A0 80`), an overlong NUL (`C0 80`), bytes that are not UTF-8, or a
 * tenant id with NUL inside; and near-misses of real tokens (`{session}`, `{token}`).
 */
export const HOSTILE_TOKENS = [
  `AA.${SECRET}`,
  `AAAA.${SECRET}`,
  `${b64url(utf8('acme\u0000'))}.${SECRET}`,
  `${b64url([0xed, 0xa0, 0x80])}.${SECRET}`,
  `${b64url([0xc0, 0x80])}.${SECRET}`,
  `_-_-.${SECRET}`,
  `${b64url(utf8('acme'))}.${SECRET}`,
  `${b64url(utf8('acme'))}.AAAA`,
  `${b64url(utf8('../acme'))}.${SECRET}`,
  `${b64url(utf8('globex'))}.{sessionSecret}`,
  '{session}\u0000',
  '{token}\ud800',
  '\u0000.{sessionSecret}',
  '{session}.x',
  '.',
  '',
  'a'.repeat(700),
];

/** Inserts one unstorable character somewhere in `text`. */
const poisoned = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), fc.nat(20))
  .map(([text, bad, at]) => text.slice(0, at) + bad + text.slice(at));

const hostileText = fc.constantFrom(
  '..', '../..', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%00', '%C0%80', '%ED%A0%80', '%E0%A4%A', '%', '%%', '%u2215',
  'ü', 'Ω≈ç√', '😀'.repeat(3), '\u202e', 'a'.repeat(5000), ' ', '__proto__', 'constructor', 'null', 'undefined',
  '<script>alert(1)</script>', "' OR 1=1 --", 'p-maple/../p-oak', 'p-maple%2F..%2Fp-oak', '.', '~', '*',
  ...UNSTORABLE, ...HOSTILE_TOKENS,
);
const real = fc.constantFrom('{client}', '{other}', '{token}', '{session}', '{share}', 'p-maple', 'p-harbor', 'p-oak', 'client', 'documents', 'd-contracts', 'd-contract', 'ph-1', 'acme', 'globex');
const word = fc.oneof(real, hostileText, poisoned, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

/**
 * Percent-encoding as a client would send it; a lone surrogate (which has no UTF-8 form and makes
 * `encodeURIComponent` throw) goes out as its CESU-8 bytes, which decoders must refuse.
 */
export function pct(text: string): string {
  let out = '';
  for (const ch of text) {
    const unit = ch.charCodeAt(0);
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

/** A path segment or query value: usually percent-encoded as a client library would, sometimes raw. */
const encoded = fc.tuple(word, fc.nat(4)).map(([w, mode]) => (mode === 0 ? w : pct(w)));

// ---------------------------------------------------------------------------------------------
// Targets: every route the handler has, read from its route tables so a new route is fuzzed too.

type Who = 'staff' | 'client' | 'anyone';

/** Who a route is for: staff routes are the host's staff; invites and sign-in are for anyone. */
function whoFor(method: string, pattern: string, staff: boolean): Who {
  if (staff) return 'staff';
  if (pattern === '/me' || pattern.startsWith('/portal') || (pattern === '/session' && method === 'DELETE') || pattern === '/sessions') return 'client';
  return 'anyone';
}

export const ROUTES: [method: string, pattern: string, who: Who][] = [
  ...staffRoutes.map((r) => [r.method, r.pattern, whoFor(r.method, r.pattern, true)] as [string, string, Who]),
  ...clientRoutes.map((r) => [r.method, r.pattern, whoFor(r.method, r.pattern, false)] as [string, string, Who]),
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'get'];

/** A route, its method (usually the right one) and the credentials it wants (usually). */
const target = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...ROUTES), fc.array(encoded, { minLength: 3, maxLength: 3 }), fc.nat(9), fc.constantFrom(...METHODS)).map(([[method, route, who], params, luck, other]) => {
    let i = 0;
    return {
      method: luck === 0 ? other : method,
      path: route.replace(/:[A-Za-z]+/g, () => params[i++ % params.length]!),
      who: luck === 1 ? (['staff', 'client', 'anyone'] as const)[(params[0]!.length + params[1]!.length) % 3]! : who,
    };
  }) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(
    fc.array(encoded, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
    fc.constantFrom('', '/', '//clients', '/clients/', '/CLIENTS', '/clients//projects', '/./clients', '/%2e%2e/clients'),
  ), fc.constantFrom(...METHODS)).map(([path, method]) => ({ method, path, who: 'staff' as const })) },
);

const QUERY_KEYS = ['projectId', 'status', 'q', 'limit', 'cursor', 'module', 'ids', 'clientId', 'tenantId', '__proto__'];
/** Cursors: encoded key values out of range, of the wrong type, with NUL, or not a cursor at all. */
const cursorValue = fc.oneof(
  fc.tuple(fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e20, -1e20, 8.64e15 + 1, 2 ** 53)), fc.oneof(word, fc.integer())).map((key) => b64url(utf8(JSON.stringify(key)))),
  fc.jsonValue().map((v) => b64url(utf8(JSON.stringify(v) ?? 'null'))),
  word,
);
const query = fc
  .array(fc.oneof(
    fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), fc.oneof(encoded, fc.integer().map(String))),
    fc.tuple(fc.constant('cursor'), cursorValue),
    fc.tuple(fc.constant('q'), fc.oneof(poisoned, fc.constantFrom(...UNSTORABLE)).map(pct)),
  ), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${pct(k)}=${v}`).join('&')}` : ''));

// ---------------------------------------------------------------------------------------------
// Bodies.

/** Field names the routes know, to build bodies that are almost right. */
const FIELDS = ['email', 'name', 'projectIds', 'roleId', 'invite', 'portalAccess', 'resources', 'module', 'id', 'kind', 'title', 'body', 'password', 'tenantId', 'permissions', 'actions', 'token', '__proto__', 'constructor'];
const leaf = fc.oneof(word, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('x'.repeat(20_000), '\u{1F600}'.repeat(5_000)));
const shaped: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie('value'), { maxKeys: 5 }),
  ),
})).value;
/** A nearly valid body for each mutation, with one field wrong (or all right, now and then). */
const nearlyValid = fc.constantFrom<Record<string, unknown>>(
  { email: 'new@example.com', projectIds: ['p-maple'] },
  { email: 'new@example.com', name: 'New client', projectIds: ['p-maple'] },
  { name: 'New name', portalAccess: true },
  { projectIds: ['p-maple'] },
  { resources: [{ module: 'documents', id: 'd-contract', kind: 'item' }] },
  { body: 'An update', resources: [{ module: 'photos', id: 'ph-1' }] },
  { title: 'Framing', body: 'An update' },
  { token: '{token}' },
  { token: '{token}', password: 'correct horse battery' },
  { token: '{token}', password: 'correct horse battery', name: 'Eve' },
  { tenantId: 'acme', email: 'dana@example.com', password: 'wrong password here' },
  { name: 'Custom', permissions: [{ module: 'documents', actions: ['read'] }] },
  { module: 'changeOrders', id: 'co-1', approvers: ['{client}'], mode: 'all' },
  { decision: 'approved', note: 'Fine', optionId: 'opt-1' },
  { reason: 'Price changed' },
).chain((valid) => fc.tuple(fc.constant(valid), fc.constantFrom(...Object.keys(valid), 'extra'), fc.oneof(leaf, fc.constantFrom(...UNSTORABLE), poisoned))).map(([valid, key, value]) => ({ ...valid, [key]: value }));

const depth = fc.integer({ min: 1, max: 20_000 });
const body: fc.Arbitrary<{ bytes?: Uint8Array | string; json: boolean }> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ json: false }) },
  { weight: 5, arbitrary: fc.oneof(fc.jsonValue(), shaped, nearlyValid, nearlyValid).map((v) => ({ bytes: JSON.stringify(v) ?? 'null', json: true })) },
  { weight: 1, arbitrary: depth.map((n) => ({ bytes: '['.repeat(n) + ']'.repeat(n), json: true })) },
  { weight: 1, arbitrary: depth.map((n) => ({ bytes: '{"a":'.repeat(n) + '1' + '}'.repeat(n), json: true })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => ({ bytes: s, json: true })) },
  { weight: 1, arbitrary: fc.constantFrom('{', '{"email":', 'nul', '[1,]', '{"a":1}{"b":2}', '\ufeff{}', '"\\ud800"', '1e99999', '{"__proto__":{"admin":true}}', '{"name":"\\u0000"}', '{"token":"AA.' + SECRET + '"}').map((s) => ({ bytes: s, json: true })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => ({ bytes: Uint8Array.from([0x7b, 0x22, 0xc3, 0x28, 0xff, ...b]), json: true })) },
  { weight: 1, arbitrary: fc.constant({ bytes: `{"name":"${'y'.repeat(200 * 1024)}"}`, json: true }) },
);

// ---------------------------------------------------------------------------------------------
// Headers. Fetch's `Headers` refuses NUL and characters above U+00FF (so does node:http's
// parser): requests carrying them never reach a handler and are skipped. What does reach it is
// Latin-1 text, and cookies, whose percent-encoding can carry any byte.

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', 'application/jsonx',
  'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=latin1', '*/*',
];
const latin1 = fc.constantFrom('\u00ff', '\u00e9t\u00e9', '\u0080\u009f', 'Ã¿', 'Bearer\u00a0x');
const headerWord = fc.oneof(word, latin1, fc.constantFrom(...HOSTILE_TOKENS));
const bearer = fc.oneof(
  fc.constantFrom('{session}', '{token}', 'Bearer', 'Bearer ', 'bearer {session}', 'Basic dXNlcjpwYXNz', 'Bearer a.b', 'Bearer ....', 'Bearer {session} extra'),
  headerWord.map((w) => `Bearer ${w}`),
).map((v) => (v === '{session}' || v === '{token}' ? `Bearer ${v}` : v));
const cookie = fc.oneof(
  fc.constant('sitegate_session={session}'),
  headerWord.map((w) => `sitegate_session=${w}`),
  fc.oneof(word, fc.constantFrom(...HOSTILE_TOKENS)).map((w) => `sitegate_session=${pct(w)}`),
  fc.constantFrom('sitegate_session=', 'sitegate_session', '=;=;', 'sitegate_session="{session}', 'a=1; sitegate_session=%ZZ', 'sitegate_session={token}', 'demo_staff=1', 'sitegate_session=%00', 'sitegate_session=%ED%A0%80'),
);
const headers = fc.record(
  {
    'content-type': fc.constantFrom(...CONTENT_TYPES),
    'x-test-staff': fc.oneof(fc.constantFrom('globex:u-bob', 'acme', 'acme:', ':', 'evil:u-x'), headerWord),
    authorization: bearer,
    cookie,
    origin: fc.constantFrom(ORIGIN, 'https://evil.example', 'null', 'not a url', 'http://portal.test:80', 'http://portal.test.evil.example', 'http://\u00ff.example'),
    referer: fc.constantFrom(`${ORIGIN}/builder`, 'https://evil.example/x', '::', `${ORIGIN}/\u00e9`),
    'content-length': fc.constantFrom('0', '-1', '99999999999', 'abc'),
    'x-request-id': headerWord,
  },
  { requiredKeys: [] },
);

/** Credentials for the route's caller, usually right: staff by the host's header, clients by Bearer or cookie. */
const credentials = fc.nat(5);
export const request = fc.record({ target, credentials, query, headers, body });
export type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------

/** `text` with the seed's real ids and tokens filled in. */
export function fill(text: string, seed: Seed): string {
  return text
    .replaceAll('{client}', seed.clientId)
    .replaceAll('{other}', seed.otherClientId)
    .replaceAll('{token}', seed.inviteToken)
    .replaceAll('{sessionSecret}', seed.sessionToken.slice(seed.sessionToken.indexOf('.') + 1))
    .replaceAll('{session}', seed.sessionToken)
    .replaceAll('{share}', seed.shareId);
}

/** The fetch `Request` for `g`, or undefined when fetch itself refuses it (it never reaches a handler). */
export function build(g: Generated, seed: Seed): Request | undefined {
  const h = new Headers();
  const { method, path, who } = g.target;
  for (const [name, value] of Object.entries(g.headers)) {
    // The fetch layer computes Content-Length itself; a forged one only matters over a socket.
    if (name === 'content-length') continue;
    try {
      h.set(name, value as string);
    } catch {
      return undefined; // not a value a client could put in a header
    }
  }
  if (g.credentials > 0 && who === 'staff') h.set('x-test-staff', 'acme:u-alice');
  if (g.credentials > 0 && who === 'client') h.set(g.credentials % 2 ? 'authorization' : 'cookie', g.credentials % 2 ? 'Bearer {session}' : 'sitegate_session={session}');
  for (const [name, value] of [...h]) h.set(name, fill(value, seed));
  if (!g.body.json) h.delete('content-type');
  const withBody = g.body.bytes !== undefined && !['GET', 'HEAD', 'get'].includes(method);
  const payload = typeof g.body.bytes === 'string' ? fill(g.body.bytes, seed) : g.body.bytes;
  try {
    return new Request(`${BASE}${fill(path, seed)}${g.query}`, { method, headers: h, body: withBody ? (payload as BodyInit) : undefined });
  } catch {
    return undefined; // a URL or method the fetch standard itself refuses never reaches a handler
  }
}

// ---------------------------------------------------------------------------------------------
// Valid requests with one string poisoned: the rest is right, so the poison reaches as far into
// the handler (and the store) as it can get.

/** A request every part of which is valid: its caller, its path and query, and its JSON body. */
interface Template {
  method: string;
  path: string[];
  query?: Record<string, string>;
  body?: unknown;
  who: 'staff' | 'client' | 'anyone';
}

const TEMPLATES: Template[] = [
  { method: 'GET', path: ['clients'], query: { q: 'dana', projectId: 'p-maple', status: 'active' }, who: 'staff' },
  { method: 'GET', path: ['clients'], query: { cursor: b64url(utf8(JSON.stringify([Date.UTC(2026, 2, 2), 'cl_x']))) }, who: 'staff' },
  { method: 'POST', path: ['clients'], body: { email: 'new@example.com', name: 'New Client', projectIds: ['p-maple'], roleId: 'client' }, who: 'staff' },
  { method: 'GET', path: ['clients', '{client}'], who: 'staff' },
  { method: 'PATCH', path: ['clients', '{client}'], body: { name: 'Dana Renamed', roleId: 'client' }, who: 'staff' },
  { method: 'PUT', path: ['clients', '{client}', 'projects'], body: { projectIds: ['p-maple', 'p-harbor'] }, who: 'staff' },
  { method: 'DELETE', path: ['clients', '{client}', 'projects', 'p-oak'], who: 'staff' },
  { method: 'GET', path: ['projects', 'p-maple', 'shares', 'status'], query: { module: 'documents', ids: 'd-contract' }, who: 'staff' },
  { method: 'POST', path: ['projects', 'p-maple', 'shares'], body: { resources: [{ module: 'documents', id: 'd-contract', kind: 'item' }] }, who: 'staff' },
  { method: 'POST', path: ['projects', 'p-maple', 'updates'], body: { title: 'Framing', body: 'Framing is done', resources: [{ module: 'photos', id: 'ph-1' }] }, who: 'staff' },
  { method: 'PUT', path: ['roles', 'custom'], body: { name: 'Custom role', permissions: [{ module: 'documents', actions: ['read'] }] }, who: 'staff' },
  { method: 'GET', path: ['audit'], query: { clientId: '{client}', projectId: 'p-maple' }, who: 'staff' },
  { method: 'POST', path: ['invites', 'inspect'], body: { token: '{token}' }, who: 'anyone' },
  { method: 'POST', path: ['invites', 'accept'], body: { token: '{token}', password: 'correct horse battery', name: 'Eve Example' }, who: 'anyone' },
  { method: 'POST', path: ['session'], body: { tenantId: 'acme', email: 'dana@example.com', password: 'correct horse battery' }, who: 'anyone' },
  { method: 'GET', path: ['portal', 'projects', 'p-maple', 'documents', 'd-contract'], who: 'client' },
  { method: 'POST', path: ['projects', 'p-maple', 'approvals'], body: { module: 'changeOrders', id: 'co-1', approvers: ['{client}'], mode: 'sequence', message: 'Please approve' }, who: 'staff' },
  { method: 'GET', path: ['projects', 'p-maple', 'approvals'], query: { module: 'changeOrders', id: 'co-1', status: 'pending' }, who: 'staff' },
  { method: 'GET', path: ['projects', 'p-maple', 'approvals', 'approvers'], query: { module: 'changeOrders', id: 'co-1' }, who: 'staff' },
  { method: 'POST', path: ['portal', 'projects', 'p-maple', 'approvals', 'ap-1', 'decision'], body: { decision: 'approved', note: 'Fine by me', optionId: 'opt-1' }, who: 'client' },
];

/** Every string in a JSON value, as a path of keys and indexes. */
function stringPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

function poisonAt(value: unknown, path: (string | number)[], poison: (text: string) => string): unknown {
  if (path.length === 0) return poison(value as string);
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = poisonAt(copy[head!], rest, poison);
  return copy;
}

/** One valid template with one string — in the path, the query or the body — poisoned. */
export const poisonedRequest = fc
  .tuple(fc.constantFrom(...TEMPLATES), fc.nat(), fc.constantFrom(...UNSTORABLE, '\u0000', '\ud800', '\udc00'), fc.nat(40), fc.boolean())
  .map(([t, pick, bad, at, client]) => {
    const targets = [
      ...t.path.map((_, i) => ['path', i] as (string | number)[]),
      ...Object.keys(t.query ?? {}).map((k) => ['query', k]),
      ...stringPaths(t.body).map((p) => ['body', ...p]),
    ];
    const chosen = targets[pick % targets.length]!;
    const poison = (text: string) => text.slice(0, at % (text.length + 1)) + bad + text.slice(at % (text.length + 1));
    const poisoned = poisonAt({ path: t.path, query: t.query ?? {}, body: t.body }, chosen, poison) as { path: string[]; query: Record<string, string>; body: unknown };
    return { method: t.method, who: t.who, viaCookie: client, ...poisoned, hasBody: t.body !== undefined };
  });
export type Poisoned = typeof poisonedRequest extends fc.Arbitrary<infer T> ? T : never;

/** The fetch `Request` for a poisoned template, with the caller's right credentials. */
export function buildPoisoned(p: Poisoned, seed: Seed): Request {
  const headers = new Headers({ origin: ORIGIN });
  if (p.who === 'staff') headers.set('x-test-staff', 'acme:u-alice');
  if (p.who === 'client') {
    if (p.viaCookie) headers.set('cookie', `sitegate_session=${pct(seed.sessionToken)}`);
    else headers.set('authorization', `Bearer ${seed.sessionToken}`);
  }
  if (p.hasBody) headers.set('content-type', 'application/json');
  const path = p.path.map((segment) => pct(fill(segment, seed))).join('/');
  const query = Object.entries(p.query).map(([k, v]) => `${pct(k)}=${pct(fill(v, seed))}`).join('&');
  const body = p.hasBody ? fill(JSON.stringify(p.body), seed) : undefined;
  return new Request(`${BASE}/${path}${query ? `?${query}` : ''}`, { method: p.method, headers, body });
}
