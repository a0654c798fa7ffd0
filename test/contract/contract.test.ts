import { describe, expect, expectTypeOf, it } from 'vitest';
import { createPortalClient, type PortalClient } from 'sitegate/client';
import { API, endpoints, type EndpointName } from '../../src/contract/api.js';
import { WireFeed } from '../../src/contract/wire.js';
import { MODULES } from '../../src/model/module-list.js';
import { createRouter } from '../../src/server/router.js';
import { clientRoutes } from '../../src/server/routes-client.js';
import { staffRoutes } from '../../src/server/routes-staff.js';
import { serviceMethod } from '../../src/server/serve.js';
import { makePortal } from '../support/make-portal.js';
import { asAlice, makeHttp } from '../http/support.js';

/** `clients.list`-style names of an object of method groups. */
type Names<T> = { [G in keyof T & string]: T[G] extends (...args: never[]) => unknown ? never : `${G}.${keyof T[G] & string}` }[keyof T & string];

/** Entries the handler serves itself, with no service method behind them. */
const HTTP_ONLY: EndpointName[] = ['clients.unlock'];

describe('the API contract', () => {
  const routes = [...staffRoutes, ...clientRoutes];
  const names = endpoints().map((e) => e.name);

  it('has a route for every entry, at its method and path, and no route outside it', () => {
    const match = createRouter(routes);
    for (const endpoint of endpoints()) {
      const found = match(endpoint.method, endpoint.path.replace(/:[A-Za-z]+/g, 'x1'));
      expect(found.kind, endpoint.name).toBe('found');
      expect(found.kind === 'found' && found.route.name, endpoint.name).toBe(endpoint.name);
    }
    expect(routes.map((r) => r.name).sort()).toEqual([...names].sort());
  });

  it('has a client method for every entry, and no client method outside it', () => {
    const client = createPortalClient({ baseUrl: 'http://portal.test/api', fetch: async () => new Response(null, { status: 204 }) }) as unknown as Record<string, unknown>;
    const methods: string[] = [];
    for (const [group, value] of Object.entries(client)) {
      if (typeof value === 'object' && value !== null) for (const [name, fn] of Object.entries(value)) if (typeof fn === 'function') methods.push(`${group}.${name}`);
    }
    expect(methods.sort()).toEqual([...names].sort());
    expectTypeOf<Names<PortalClient>>().toEqualTypeOf<EndpointName>();
  });

  it('names a method of the headless portal for every entry the handler does not serve itself', () => {
    const { portal } = makePortal();
    for (const name of names) expect(serviceMethod(portal, name) !== undefined, name).toBe(!HTTP_ONLY.includes(name));
  });

  it('checks every module of the feed, so a module added to the model is not dropped', () => {
    expect(Object.keys(WireFeed.shape.modules.shape).sort()).toEqual([...MODULES].sort());
  });

  it('gives every path argument a segment of its path, and each segment one argument', () => {
    for (const endpoint of endpoints()) {
      const segments = [...endpoint.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      const placed = endpoint.args.flatMap((a) => (a.in === 'path' ? [a.name] : a.in === 'body' && a.lift ? [...a.lift] : []));
      expect(placed.sort(), endpoint.name).toEqual(segments.sort());
    }
  });
});

describe('the client and the handler, both built from the contract', () => {
  function connected() {
    const http = makeHttp();
    const handler = (input: RequestInfo | URL, init?: RequestInit) => http.handler(new Request(input, init));
    const client = createPortalClient({ baseUrl: 'http://portal.test/api/portal', headers: asAlice, retries: 0, fetch: handler as typeof fetch });
    return { http, client };
  }

  it('lists a project’s updates over HTTP, as the core does (updates.list)', async () => {
    const { client } = connected();
    await client.updates.publish('p-maple', { title: 'Framing', body: 'Framing is done' });
    await client.updates.publish('p-maple', { body: 'Roof is on' });
    const first = await client.updates.list('p-maple', { limit: 1 });
    expect(first.items.map((u) => u.body)).toEqual(['Roof is on']);
    expect(first.items[0]!.publishedAt).toBeInstanceOf(Date);
    const rest = await client.updates.list('p-maple', { limit: 1, cursor: first.nextCursor! });
    expect(rest.items.map((u) => u.body)).toEqual(['Framing is done']);
  });

  it('refuses a query number that is not one, and a query key the entry does not read (422)', async () => {
    const { http } = connected();
    const bad = await http.send('GET', '/projects/p-maple/updates?limit=ten', { headers: asAlice });
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toEqual(['limit']);
    const extra = await http.send('GET', '/projects/p-maple/updates?limit=5&sort=asc', { headers: asAlice });
    expect(extra.status).toBe(422);
    const given = await http.send('GET', '/clients?limit=2', { headers: asAlice });
    expect(given.status).toBe(200);
  });

  it('sends a lifted member in the path and refuses it in the body (roles.save)', async () => {
    const { client, http } = connected();
    const role = await client.roles.save({ id: 'docs-only', name: 'Documents only', permissions: [{ module: 'documents', actions: ['read'] }] });
    expect(role.id).toBe('docs-only');
    const clash = await http.send('PUT', '/roles/docs-only', { body: { id: 'other', name: 'X', permissions: [] }, headers: asAlice });
    expect(clash.status).toBe(422);
  });

  it('answers view.me and its earlier name me() alike', async () => {
    expect(API['view.me'].path).toBe('/me');
    const { client } = connected();
    await expect(client.view.me()).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(client.me()).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
