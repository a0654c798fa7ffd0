import { describe, expect, it } from 'vitest';
import { staffA } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';

const DAY = 24 * 60 * 60_000;
const WAITING = '- Waiting for your decision: CO-1 Extra outlet';

/** Approvals with digests on: every approver on daily digests, the outbox flushed a day on. */
async function withDigests() {
  const setup = await approvalsSetup({
    notifications: {
      portalUrl: (tenantId, projectId) => `https://builder.example/portal/${tenantId}/${projectId}`,
      unsubscribeUrl: (token) => `https://builder.example/unsubscribe?token=${encodeURIComponent(token)}`,
    },
  });
  for (const client of [setup.dana, setup.eve, setup.finn]) await setup.portal.notifications.set(client, { frequency: 'daily' });
  const { portal, clock, mail } = setup;
  /** The digests sent by the next day's flush, as `email: lines`. */
  async function nextDigests(): Promise<Record<string, string[]>> {
    const before = mail.messages.length;
    clock.advanceMs(DAY);
    await portal.outbox.flush();
    const sent = mail.messages.slice(before).filter((m) => m.headers?.['List-Unsubscribe']);
    return Object.fromEntries(sent.map((m) => [m.to, m.text.split('\n').filter((line) => line.startsWith('- '))]));
  }
  await nextDigests(); // what the setup shared
  return { ...setup, nextDigests };
}

describe('approval requests in digests', () => {
  it('asks only the approvers it still waits on: one who already decided hears nothing more of it', async () => {
    const { portal, dana, eve, nextDigests } = await withDigests();
    const asked = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    await portal.approvals.decide(dana, 'p-maple', asked.id, { decision: 'approved' });
    expect(await nextDigests()).toEqual({ 'eve@example.com': [WAITING] });
  });

  it('leaves it out for an approver whose role no longer lets it approve', async () => {
    const { portal, dana, eve, nextDigests } = await withDigests();
    await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'any' });
    await portal.clients.update(staffA, dana.id, { roleId: 'client' });
    expect(await nextDigests()).toEqual({ 'eve@example.com': [WAITING] });
  });

  it('asks a sequence one approver at a time, each when it is their turn', async () => {
    const { portal, dana, eve, finn, nextDigests } = await withDigests();
    const asked = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id, finn.id], mode: 'sequence' });
    expect(await nextDigests()).toEqual({ 'dana@example.com': [WAITING] });
    await portal.approvals.decide(dana, 'p-maple', asked.id, { decision: 'approved' });
    expect(await nextDigests()).toEqual({ 'eve@example.com': [WAITING] });
    await portal.approvals.decide(eve, 'p-maple', asked.id, { decision: 'approved' });
    expect(await nextDigests()).toEqual({ 'finn@example.com': [WAITING] });
    await portal.approvals.decide(finn, 'p-maple', asked.id, { decision: 'approved' });
    expect(await nextDigests()).toEqual({});
  });

  it('asks every approver again when the builder reopens it', async () => {
    const { portal, dana, eve, nextDigests } = await withDigests();
    const asked = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    await portal.approvals.decide(eve, 'p-maple', asked.id, { decision: 'declined' });
    expect(await nextDigests()).toEqual({});
    await portal.approvals.reopen(staffA, 'p-maple', asked.id, { reason: 'Price corrected' });
    expect(await nextDigests()).toEqual({ 'dana@example.com': [WAITING], 'eve@example.com': [WAITING] });
  });
});
