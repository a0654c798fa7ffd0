import { describe, expect, it } from 'vitest';
import type { ClientActor } from 'sitegate';
import { staffA } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const MINUTE = 60_000;

/** A portal with digests on and one active client of p-maple on instant digests. */
async function instantClient() {
  const made = makePortal({
    notifications: {
      portalUrl: (tenantId, projectId) => `https://builder.example/portal/${tenantId}/${projectId}`,
      unsubscribeUrl: (token) => `https://builder.example/api/portal/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
    },
  });
  await made.portal.clients.add(staffA, { email: 'eve@example.com', name: 'Eve', projectIds: ['p-maple'] });
  await made.portal.outbox.flush();
  const { session } = await made.portal.invites.accept(made.lastInviteToken('eve@example.com'), { password: 'long enough password' });
  const actor = (await made.portal.sessions.resolve(session.token)) as ClientActor;
  await made.portal.notifications.set(actor, { frequency: 'instant' });
  const digests = () => made.mail.messages.filter((m) => m.headers?.['List-Unsubscribe']);
  return { ...made, digests };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('the items of a digest', () => {
  it('lists a resource unshared and shared again within the window once, and counts it once', async () => {
    const { portal, clock, digests } = await instantClient();
    const [contract] = await portal.shares.share(staffA, 'p-maple', [
      { module: 'documents', id: 'd-contract', kind: 'item' },
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
    ]);
    await portal.shares.unshare(staffA, 'p-maple', contract!.id);
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(6 * MINUTE);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    const [mail] = digests();
    expect(mail!.subject).toBe('New in your Acme Builders client portal (2)');
    expect(occurrences(mail!.text, 'Building contract.pdf')).toBe(1);
    expect(occurrences(mail!.html, 'Building contract.pdf')).toBe(1);
    expect(mail!.text).toContain('- A-101 Floor plan');
  });

  it('still lists two different updates of the same project apart', async () => {
    const { portal, clock, digests } = await instantClient();
    await portal.updates.publish(staffA, 'p-maple', { title: 'Framing started', body: 'Crew on site.' });
    await portal.updates.publish(staffA, 'p-maple', { title: 'Roof on', body: 'Shingles done.' });
    clock.advanceMs(6 * MINUTE);
    await portal.outbox.flush();
    const [mail] = digests();
    expect(mail!.subject).toBe('New in your Acme Builders client portal (2)');
    expect(mail!.text).toContain('Updates:\n- Framing started\n- Roof on');
  });
});
