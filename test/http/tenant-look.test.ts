import { describe, expect, it } from 'vitest';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { makeHttp } from './support.js';

const byIp = () => makeHttp({ clientIp: (request) => request.headers.get('x-test-ip') ?? 'unknown' });

describe('a builder’s look for public pages', () => {
  it('GET /tenants/:id/look answers the name and brand, never the modules or anything else', async () => {
    const http = makeHttp();
    http.settings[TENANT_A]!.brand = { accentColor: '#0b3d2e', logoUrl: 'https://cdn.example/acme.png' };
    http.settings[TENANT_A]!.currency = 'EUR';
    const look = await http.send('GET', `/tenants/${TENANT_A}/look`);
    expect(look).toMatchObject({ status: 200, json: { name: 'Acme Builders', brand: { accentColor: '#0b3d2e', logoUrl: 'https://cdn.example/acme.png' } } });
    expect(Object.keys(look.json).sort()).toEqual(['brand', 'name']);
  });

  it('uses the older branding when brand is not set, and drops values a page could not use', async () => {
    const http = makeHttp();
    http.settings[TENANT_A]!.branding = { color: '#112233', logoUrl: 'https://cdn.example/old.png' };
    expect((await http.send('GET', `/tenants/${TENANT_A}/look`)).json).toEqual({ name: 'Acme Builders', brand: { accentColor: '#112233', logoUrl: 'https://cdn.example/old.png' } });
    http.settings[TENANT_A]!.brand = { accentColor: 'red;x:y', logoUrl: 'javascript:alert(1)' } as never;
    delete http.settings[TENANT_A]!.branding;
    expect((await http.send('GET', `/tenants/${TENANT_A}/look`)).json).toEqual({ name: 'Acme Builders' });
  });

  it('answers an unknown tenant like a known one without name or brand: 200 {}', async () => {
    const http = makeHttp();
    const unknown = await http.send('GET', '/tenants/nobody/look');
    expect(unknown).toMatchObject({ status: 200, json: {} });
    expect(unknown.json).toEqual({});
  });

  it('does not pass a failing tenants() hook off as an unknown tenant', async () => {
    const http = makeHttp();
    Object.defineProperty(http.settings, TENANT_A, {
      get() {
        throw new Error('settings database is down');
      },
    });
    const failed = await http.send('GET', `/tenants/${TENANT_A}/look`);
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(failed.json).toMatchObject({ code: 'storage_failed' });
    expect(JSON.stringify(failed.json)).not.toContain('settings database is down');
  });

  it('refuses a malformed id with 422 and limits look-ups per address', async () => {
    const http = byIp();
    const bad = await http.send('GET', `/tenants/${'x'.repeat(201)}/look`);
    expect(bad.status).toBe(422);
    expect(bad.json.errors[0].path).toEqual(['tenantId']);
    for (let i = 0; i < 60; i++) expect((await http.send('GET', `/tenants/t${i}/look`, { headers: { 'x-test-ip': '10.0.0.1' } })).status).toBe(200);
    const limited = await http.send('GET', `/tenants/${TENANT_A}/look`, { headers: { 'x-test-ip': '10.0.0.1' } });
    expect(limited.status).toBe(429);
    expect((await http.send('GET', `/tenants/${TENANT_A}/look`, { headers: { 'x-test-ip': '10.0.0.2' } })).status).toBe(200);
  });

  // The test portal's hook is `settings[id] ?? null` over a plain object, as many hosts write it:
  // these names would find Object.prototype's members there and read as invalid settings (503).
  it('refuses the names every JavaScript object has as tenant ids with 422, also when signing in', async () => {
    const http = makeHttp();
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const look = await http.send('GET', `/tenants/${name}/look`);
      expect(look.status, name).toBe(422);
      expect(look.json.errors[0].path, name).toEqual(['tenantId']);
      const signIn = await http.send('POST', '/session', { body: { tenantId: name, email: 'dana@example.com', password: 'correct horse battery' } });
      expect(signIn.status, name).toBe(422);
      expect(signIn.json.errors[0].path, name).toEqual(['tenantId']);
    }
    expect((await http.send('GET', '/tenants/__proto__x/look')).json).toEqual({});
  });

  it('gives a live invite’s brand with its builder’s name, and nothing for a dead one', async () => {
    const http = makeHttp();
    http.settings[TENANT_A]!.brand = { accentColor: '#0b3d2e' };
    const { token } = await http.invite();
    const live = await http.send('POST', '/invites/inspect', { body: { token } });
    expect(live.json).toMatchObject({ status: 'pending', tenantName: 'Acme Builders', brand: { accentColor: '#0b3d2e' } });
    const dead = await http.send('POST', '/invites/inspect', { body: { token: 'acme.nope' } });
    expect(dead.json).toEqual({ status: 'cancelled' });
  });
});
