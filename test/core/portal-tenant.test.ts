import { describe, expect, it } from 'vitest';
import type { ClientActor } from 'sitegate';
import { TenantSettings } from '../../src/model/tenant.js';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

describe('tenant brand, currency and locale', () => {
  it('keeps valid values and drops what a page could not use safely, without failing the tenant', () => {
    const base = { name: 'Acme', modules: ['documents'] };
    expect(TenantSettings.parse({ ...base, brand: { logoUrl: 'https://cdn.acme.example/logo.png', accentColor: '#0f766e' }, currency: 'EUR', locale: 'fr-CA' })).toMatchObject({
      brand: { logoUrl: 'https://cdn.acme.example/logo.png', accentColor: '#0f766e' },
      currency: 'EUR',
      locale: 'fr-CA',
    });
    const hostile = TenantSettings.parse({
      ...base,
      brand: { logoUrl: 'javascript:alert(1)', accentColor: 'red;background:url(//evil.example)' },
      currency: 'euros',
      locale: '<script>',
    });
    expect(hostile.brand).toEqual({ logoUrl: undefined, accentColor: undefined });
    // The older `branding` the same way: `#rgb` is a colour, and a bad value is dropped, not the tenant.
    expect(TenantSettings.parse({ ...base, branding: { color: '#fff' } }).branding).toEqual({ color: '#fff' });
    expect(TenantSettings.parse({ ...base, branding: { color: 'red', logoUrl: 'javascript:alert(1)' } }).branding).toEqual({ color: undefined, logoUrl: undefined });
    expect(TenantSettings.parse({ ...base, branding: 'blue' }).branding).toBeUndefined();
    expect(hostile.currency).toBeUndefined();
    expect(hostile.locale).toBeUndefined();
  });

  it('hands the client page the name, currency, locale and brand in the feed — nothing else of the tenant', async () => {
    const setup = makePortal();
    Object.assign(setup.settings[TENANT_A]!, { currency: 'CAD', locale: 'fr-CA', brand: { accentColor: '#123456', logoUrl: 'https://acme.example/logo.svg' } });
    await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
    await setup.portal.outbox.flush();
    const { session } = await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
    const actor = (await setup.portal.sessions.resolve(session.token)) as ClientActor;
    const feed = await setup.portal.view.feed(actor, 'p-maple');
    expect(feed.tenant).toEqual({ name: 'Acme Builders', currency: 'CAD', locale: 'fr-CA', brand: { accentColor: '#123456', logoUrl: 'https://acme.example/logo.svg' } });
    // The older email `branding` stands in when no `brand` is set; a non-http logo never passes.
    Object.assign(setup.settings[TENANT_A]!, { brand: undefined, currency: undefined, locale: undefined, branding: { color: '#0f766e', logoUrl: 'ftp://acme.example/logo.png' } });
    expect((await setup.portal.view.feed(actor, 'p-maple')).tenant).toEqual({ name: 'Acme Builders', brand: { accentColor: '#0f766e' } });
  });

  it('mails a tenant whose older branding has a short or unusable colour', async () => {
    const setup = makePortal();
    for (const [email, color] of [['fay@example.com', '#fff'], ['gus@example.com', 'red']] as const) {
      setup.settings[TENANT_A]!.branding = { color };
      await setup.portal.clients.add(staffA, { email, projectIds: ['p-maple'] });
      await setup.portal.outbox.flush();
      expect(setup.lastInviteToken(email), color).toBeTruthy();
    }
    const [short, dropped] = ['fay@example.com', 'gus@example.com'].map((to) => setup.mail.messages.find((m) => m.to === to)!);
    expect(short!.html).toContain('#fff');
    expect(dropped!.html).not.toMatch(/:\s*red\b/);
  });
});
