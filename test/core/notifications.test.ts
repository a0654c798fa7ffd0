import { describe, expect, it } from 'vitest';
import type { ClientActor } from 'sitegate';
import { staffA, staffB, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const UNSUBSCRIBE = 'https://builder.example/api/portal/notifications/unsubscribe?token=';

/** A portal with digests on and active clients of p-maple (Monday 2026-03-02 10:00 UTC). */
async function setup(emails = ['eve@example.com']) {
  const made = makePortal({
    notifications: {
      portalUrl: (tenantId, projectId) => `https://builder.example/portal/${tenantId}/${projectId}`,
      unsubscribeUrl: (token) => `${UNSUBSCRIBE}${encodeURIComponent(token)}`,
    },
  });
  const actors: ClientActor[] = [];
  for (const email of emails) {
    await made.portal.clients.add(staffA, { email, name: 'Eve Client', projectIds: ['p-maple'] });
    await made.portal.outbox.flush();
    const { session } = await made.portal.invites.accept(made.lastInviteToken(email), { password: 'long enough password' });
    actors.push((await made.portal.sessions.resolve(session.token)) as ClientActor);
  }
  made.mail.messages.length = 0;
  const digests = () => made.mail.messages.filter((m) => m.headers?.['List-Unsubscribe']);
  const unsubscribeToken = (message: { headers?: Record<string, string> }) => decodeURIComponent(/token=([^>]+)>/.exec(message.headers!['List-Unsubscribe']!)![1]!);
  return { ...made, actors, actor: actors[0]!, digests, unsubscribeToken };
}

describe('notification digests', () => {
  it('instant: collects for five minutes, then one email lists everything, updates first', async () => {
    const { portal, actor, clock, digests } = await setup();
    await portal.notifications.set(actor, { frequency: 'instant' });
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'documents', id: 'd-contract', kind: 'item' },
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
    ]);
    await portal.updates.publish(staffA, 'p-maple', { title: 'Framing started', body: 'The crew is on site.' });
    clock.advanceMs(4 * MINUTE);
    await portal.outbox.flush();
    expect(digests()).toHaveLength(0);
    clock.advanceMs(MINUTE);
    const result = await portal.outbox.flush();
    expect(result.sent).toBe(1);
    const [mail] = digests();
    expect(mail!.to).toBe('eve@example.com');
    expect(mail!.subject).toBe('New in your Acme Builders client portal (3)');
    expect(mail!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(mail!.headers!['List-Unsubscribe']).toMatch(/^<https:\/\/builder\.example\/api\/portal\/notifications\/unsubscribe\?token=.+>$/);
    const text = mail!.text;
    expect(text.indexOf('Updates:')).toBeLessThan(text.indexOf('Documents:'));
    expect(text.indexOf('Documents:')).toBeLessThan(text.indexOf('Drawings:'));
    expect(text).toContain('- Framing started');
    expect(text).toContain('- Building contract.pdf');
    expect(text).toContain('- A-101 Floor plan');
    expect(text).toContain('https://builder.example/portal/acme/p-maple');
    // The portal link carries no token; only the unsubscribe link does.
    expect(text).toContain('Open the project in the portal: https://builder.example/portal/acme/p-maple\n');
    expect(mail!.html).toContain('<li>Building contract.pdf</li>');
    // Sent once: the next flush finds nothing.
    clock.advanceMs(HOUR);
    await portal.outbox.flush();
    expect(digests()).toHaveLength(1);
  });

  it('daily by default: sent after the next daily boundary (07:00 UTC), not before', async () => {
    const { portal, actor, clock, digests } = await setup();
    expect(await portal.notifications.get(actor)).toEqual({ frequency: 'daily', isDefault: true, tenantDefault: 'daily' });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(20 * HOUR); // Tuesday 06:00
    await portal.outbox.flush();
    expect(digests()).toHaveLength(0);
    clock.advanceMs(HOUR); // Tuesday 07:00
    await portal.outbox.flush();
    expect(digests()).toHaveLength(1);
  });

  it('per tenant (`flush({ tenantId })`) applies the tenant default exactly', async () => {
    const { portal, clock, digests } = await setup();
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(HOUR);
    await portal.outbox.flush({ tenantId: TENANT_A });
    expect(digests()).toHaveLength(0);
    clock.advanceMs(20 * HOUR); // Tuesday 07:00
    await portal.outbox.flush({ tenantId: 'globex' });
    expect(digests()).toHaveLength(0);
    await portal.outbox.flush({ tenantId: TENANT_A });
    expect(digests()).toHaveLength(1);
  });

  it('takes the tenant default from tenants()', async () => {
    const { portal, actor, settings } = await setup();
    settings[TENANT_A]!.notifications = { default: 'weekly' };
    expect(await portal.notifications.get(actor)).toEqual({ frequency: 'weekly', isDefault: true, tenantDefault: 'weekly' });
    (settings[TENANT_A] as unknown as { notifications: unknown }).notifications = { default: 'hourly' };
    expect(await portal.notifications.get(actor)).toEqual({ frequency: 'daily', isDefault: true, tenantDefault: 'daily' });
  });

  it('tells the tenant’s default whatever the client chose, and follows a change of it', async () => {
    const { portal, actor, settings } = await setup();
    expect(await portal.notifications.set(actor, { frequency: 'instant' })).toEqual({ frequency: 'instant', isDefault: false, tenantDefault: 'daily' });
    expect(await portal.notifications.get(actor)).toEqual({ frequency: 'instant', isDefault: false, tenantDefault: 'daily' });
    expect(await portal.notifications.getFor(staffA, actor.clientId)).toEqual({ frequency: 'instant', isDefault: false, tenantDefault: 'daily' });
    settings[TENANT_A]!.notifications = { default: 'weekly' };
    expect(await portal.notifications.get(actor)).toEqual({ frequency: 'instant', isDefault: false, tenantDefault: 'weekly' });
    expect(await portal.notifications.setFor(staffA, actor.clientId, { frequency: 'off' })).toEqual({ frequency: 'off', isDefault: false, tenantDefault: 'weekly' });
  });

  it('weekly: sent on the Monday after, not on the next day', async () => {
    const { portal, actor, clock, digests } = await setup();
    await portal.notifications.set(actor, { frequency: 'weekly' });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(22 * HOUR); // Tuesday 08:00
    await portal.outbox.flush();
    expect(digests()).toHaveLength(0);
    clock.advanceMs(5 * 24 * HOUR + 22 * HOUR); // next Monday 06:00
    await portal.outbox.flush();
    expect(digests()).toHaveLength(0);
    clock.advanceMs(HOUR); // Monday 07:00
    await portal.outbox.flush();
    expect(digests()).toHaveLength(1);
  });

  it('off: nothing is sent, and what was pending is dropped (not sent later)', async () => {
    const { portal, actor, clock, digests, storage } = await setup();
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    await portal.notifications.set(actor, { frequency: 'off' });
    clock.advanceMs(3 * 24 * HOUR);
    await portal.outbox.flush();
    expect(await storage.listNotifications(TENANT_A, { clientId: actor.clientId, pending: true })).toEqual([]);
    await portal.notifications.set(actor, { frequency: 'instant' });
    clock.advanceMs(HOUR);
    await portal.outbox.flush();
    expect(digests()).toHaveLength(0);
  });

  it('re-checks at send time: an item unshared before the window ends is left out', async () => {
    const { portal, actor, clock, digests } = await setup();
    await portal.notifications.set(actor, { frequency: 'instant' });
    const [contract] = await portal.shares.share(staffA, 'p-maple', [
      { module: 'documents', id: 'd-contract', kind: 'item' },
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
    ]);
    await portal.shares.unshare(staffA, 'p-maple', contract!.id);
    clock.advanceMs(6 * MINUTE);
    await portal.outbox.flush();
    const [mail] = digests();
    expect(mail!.text).toContain('A-101 Floor plan');
    expect(mail!.text).not.toContain('Building contract.pdf');
  });

  it('leaves out what was unshared by mistake and shared again after the client had opened it', async () => {
    const { portal, actor, clock, digests } = await setup();
    await portal.notifications.set(actor, { frequency: 'instant' });
    const [contract] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(6 * MINUTE);
    await portal.outbox.flush();
    expect(digests()).toHaveLength(1);
    await portal.view.open(actor, 'p-maple', 'documents', 'd-contract');
    await portal.shares.unshare(staffA, 'p-maple', contract!.id);
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'documents', id: 'd-contract', kind: 'item' },
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
    ]);
    clock.advanceMs(6 * MINUTE);
    await portal.outbox.flush();
    const [, second] = digests();
    expect(second!.text).toContain('A-101 Floor plan');
    expect(second!.text).not.toContain('Building contract.pdf');
  });

  it('sends no email when nothing is left, and marks the digest cancelled', async () => {
    const { portal, actor, clock, digests } = await setup();
    await portal.notifications.set(actor, { frequency: 'instant' });
    const [share] = await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    await portal.shares.unshare(staffA, 'p-maple', share!.id);
    clock.advanceMs(6 * MINUTE);
    const result = await portal.outbox.flush();
    expect(result.cancelled).toBe(1);
    expect(digests()).toHaveLength(0);
    const jobs = await portal.outbox.list(TENANT_A, { clientId: actor.clientId });
    expect(jobs.filter((j) => j.kind === 'digest').map((j) => j.state)).toEqual(['cancelled']);
  });

  it('leaves out clients archived or revoked before the digest went out', async () => {
    const { portal, actors, clock, digests } = await setup(['eve@example.com', 'fay@example.com']);
    for (const actor of actors) await portal.notifications.set(actor, { frequency: 'instant' });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    await portal.clients.revokeProject(staffA, actors[1]!.clientId, 'p-maple');
    clock.advanceMs(6 * MINUTE);
    await portal.outbox.flush();
    expect(digests().map((m) => m.to)).toEqual(['eve@example.com']);
  });

  it('queues only newly created shares, for clients whose role reads the module', async () => {
    const { portal, actor, storage } = await setup();
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'photos', id: 'ph-week1', kind: 'folder' }]);
    const queued = await storage.listNotifications(TENANT_A, { clientId: actor.clientId });
    expect(queued.map((n) => [n.kind, n.module, n.resourceId])).toEqual([
      ['share', 'documents', 'd-contract'],
      ['share', 'photos', 'ph-week1'],
    ]);
  });

  it('one-click unsubscribe: works without signing in, once; a forged token is refused', async () => {
    const { portal, actor, clock, digests, unsubscribeToken } = await setup();
    await portal.notifications.set(actor, { frequency: 'instant' });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(6 * MINUTE);
    await portal.outbox.flush();
    const token = unsubscribeToken(digests()[0]!);
    expect(await portal.notifications.unsubscribe(token)).toEqual({ frequency: 'off' });
    expect(await portal.notifications.get(actor)).toEqual({ frequency: 'off', isDefault: false, tenantDefault: 'daily' });
    await expect(portal.notifications.unsubscribe(token)).rejects.toMatchObject({ code: 'link_used' });
    const forged = `${token.slice(0, -3)}AAA`;
    await expect(portal.notifications.unsubscribe(forged)).rejects.toMatchObject({ code: 'link_invalid' });
    await expect(portal.notifications.unsubscribe('nonsense')).rejects.toMatchObject({ code: 'link_invalid' });
    const audit = await portal.audit.list(staffA, { clientId: actor.clientId });
    expect(audit.items.map((e) => e.action)).toContain('notifications.unsubscribed');
  });

  it('a client reads and sets only its own preference; staff any client of their tenant', async () => {
    const { portal, actors } = await setup(['eve@example.com', 'fay@example.com']);
    const [eve, fay] = actors as [ClientActor, ClientActor];
    expect(await portal.notifications.set(eve, { frequency: 'weekly' })).toEqual({ frequency: 'weekly', isDefault: false, tenantDefault: 'daily' });
    await expect(portal.notifications.get(eve, fay.clientId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.notifications.set(eve, { clientId: fay.clientId, frequency: 'off' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await portal.notifications.get(fay)).toEqual({ frequency: 'daily', isDefault: true, tenantDefault: 'daily' });
    expect(await portal.notifications.setFor(staffA, fay.clientId, { frequency: 'instant' })).toEqual({ frequency: 'instant', isDefault: false, tenantDefault: 'daily' });
    expect(await portal.notifications.getFor(staffA, fay.clientId)).toEqual({ frequency: 'instant', isDefault: false, tenantDefault: 'daily' });
    await expect(portal.notifications.get(staffA)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(portal.notifications.getFor(staffB, fay.clientId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.notifications.set(eve, { frequency: 'hourly' as never })).rejects.toMatchObject({ code: 'validation_failed' });
    const audit = await portal.audit.list(staffA, { clientId: fay.clientId });
    expect(audit.items.filter((e) => e.action === 'notifications.set').map((e) => e.actor.type)).toEqual(['staff']);
  });

  it('keeps tenants apart: another builder’s share tells no one here, and its staff cannot read our clients', async () => {
    const { portal, actor, clock, digests, storage } = await setup();
    await portal.notifications.set(actor, { frequency: 'instant' });
    await portal.shares.share(staffB, 'p-maple', [{ module: 'documents', id: 'g-doc', kind: 'item' }]).catch(() => []);
    await portal.updates.publish(staffB, 'p-maple', { body: 'Globex news' });
    expect(await storage.listNotifications(TENANT_A, {})).toEqual([]);
    clock.advanceMs(HOUR);
    await portal.outbox.flush();
    expect(digests()).toHaveLength(0);
    await expect(portal.notifications.setFor(staffB, actor.clientId, { frequency: 'off' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('queues nothing without unsubscribeUrl: a portal that sends no digests stores no notifications', async () => {
    const { portal, storage } = makePortal();
    await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    await portal.updates.publish(staffA, 'p-maple', { body: 'News' });
    expect(await storage.listNotifications(TENANT_A, {})).toEqual([]);
  });
});
