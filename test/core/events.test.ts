import { describe, expect, it } from 'vitest';
import type { ClientActor, PortalEvent } from 'sitegate';
import { emitEvent } from '../../src/kernel/event-log.js';
import { staffA, TENANT_A, TENANT_B } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';
import { makePortal } from '../support/make-portal.js';

const MINUTE = 60_000;

/** A host whose `onEvent` records what it heard and fails while `failing` says so. */
function host() {
  const heard: PortalEvent[] = [];
  const attempts: string[] = [];
  let failing: (event: PortalEvent) => boolean = () => false;
  return {
    heard,
    attempts,
    failWhile(rule: (event: PortalEvent) => boolean) {
      failing = rule;
    },
    onEvent: async (event: PortalEvent) => {
      attempts.push(event.id);
      if (failing(event)) throw new Error(`host down for ${event.id}`);
      heard.push(event);
    },
  };
}

/** The data of a client's first view of document `n`. */
const viewed = (n: number) => ({ clientId: 'cl-eve', projectId: 'p-maple', module: 'documents' as const, id: `d-${n}` });

/** `count` events of `tenantId` queued the way the services queue them, oldest first. */
async function queue(setup: ReturnType<typeof makePortal>, tenantId: string, count: number, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + count; i++) {
    const event = await setup.storage.transaction((tx) => emitEvent(tx, setup.clock.now(), tenantId, 'client.viewed', viewed(i)));
    ids.push(event.id);
  }
  return ids;
}

describe('events to the host', () => {
  it('queues invite.accepted with the accept and delivers it on flush, once', async () => {
    const h = host();
    const setup = makePortal({ onEvent: h.onEvent });
    const { portal } = setup;
    const added = await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
    const flushed = await portal.outbox.flush();
    expect(flushed).toMatchObject({ sent: 1, events: { delivered: 0, failed: 0, retrying: 0 } });
    await portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
    const [stored] = await setup.storage.listEvents(TENANT_A);
    expect(stored).toMatchObject({ type: 'invite.accepted', state: 'pending' });

    expect((await portal.outbox.flush()).events).toEqual({ delivered: 1, failed: 0, retrying: 0 });
    expect(h.heard).toEqual([{ id: stored!.id, type: 'invite.accepted', tenantId: TENANT_A, at: setup.clock.now(), data: { clientId: added.id, inviteId: expect.any(String) } }]);
    expect((await portal.outbox.flush()).events).toEqual({ delivered: 0, failed: 0, retrying: 0 });
    expect(h.heard).toHaveLength(1);
    expect((await setup.storage.listEvents(TENANT_A)).map((e) => e.state)).toEqual(['delivered']);
  });

  it('leaves the flush result as it was for a portal without onEvent, and keeps its events for one that has it', async () => {
    const setup = makePortal();
    await queue(setup, TENANT_A, 1);
    expect(await setup.portal.outbox.flush()).toEqual({ sent: 0, failed: 0, retrying: 0, cancelled: 0 });
    expect((await setup.storage.listEvents(TENANT_A)).map((e) => e.state)).toEqual(['pending']);
  });

  it('delivers each tenant in order; a failing event holds back only its own tenant\'s later events', async () => {
    const h = host();
    const setup = makePortal({ onEvent: h.onEvent, outbox: { baseDelayMs: MINUTE, maxDelayMs: MINUTE } });
    const a = await queue(setup, TENANT_A, 3);
    const b = await queue(setup, TENANT_B, 2);
    h.failWhile((e) => e.id === a[0]);
    expect((await setup.portal.outbox.flush()).events).toEqual({ delivered: 2, failed: 0, retrying: 1 });
    expect(h.heard.map((e) => e.id)).toEqual(b);

    // Still failing at the retry: the tenant's later events keep waiting.
    setup.clock.advanceMs(MINUTE);
    expect((await setup.portal.outbox.flush()).events).toEqual({ delivered: 0, failed: 0, retrying: 1 });
    h.failWhile(() => false);
    setup.clock.advanceMs(30_000); // not due yet (backoff doubles, capped at a minute; at least half)
    setup.clock.advanceMs(MINUTE);
    expect((await setup.portal.outbox.flush()).events).toEqual({ delivered: 3, failed: 0, retrying: 0 });
    expect(h.heard.map((e) => e.id)).toEqual([...b, ...a]);
    // The same id every attempt: the host can drop duplicates.
    expect(h.attempts.filter((id) => id === a[0])).toHaveLength(3);
    expect((await setup.storage.listEvents(TENANT_A))[0]).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('gives up on an event after maxAttempts (failed, with why), then goes on with the next', async () => {
    const h = host();
    const errors: unknown[] = [];
    const setup = makePortal({ onEvent: h.onEvent, outbox: { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 1000 }, onError: (e) => void errors.push(e) });
    const [first, second] = await queue(setup, TENANT_A, 2);
    h.failWhile((e) => e.id === first);
    expect((await setup.portal.outbox.flush()).events).toEqual({ delivered: 0, failed: 0, retrying: 1 });
    setup.clock.advanceMs(1000);
    // Given up, and the next event goes in the same flush.
    expect((await setup.portal.outbox.flush()).events).toEqual({ delivered: 1, failed: 1, retrying: 0 });
    expect(h.heard.map((e) => e.id)).toEqual([second]);
    const [stored] = await setup.storage.listEvents(TENANT_A, { state: 'failed' });
    expect(stored).toMatchObject({ id: first, attempts: 2, lastError: `gave up after 2 attempts: host down for ${first}` });
    // Every failure reaches onError; the last says the event is given up, with the host's error as its cause.
    expect(errors).toHaveLength(2);
    expect((errors[0] as Error).message).toBe(`host down for ${first}`);
    const gaveUp = errors[1] as Error;
    expect(gaveUp.name).toBe('EventGivenUpError');
    expect(gaveUp.message).toBe(`onEvent: event ${first} (client.viewed) of tenant ${TENANT_A} is failed and will not be delivered again: gave up after 2 attempts`);
    expect((gaveUp.cause as Error).message).toBe(`host down for ${first}`);
  });

  it('reports to onError an event given up with maxAttempts 1, and one whose workers kept dying', async () => {
    const errors: unknown[] = [];
    const once = makePortal({ onEvent: () => Promise.reject(new Error('host down')), outbox: { maxAttempts: 1 }, onError: (e) => void errors.push(e) });
    await queue(once, TENANT_A, 1);
    expect((await once.portal.outbox.flush()).events).toEqual({ delivered: 0, failed: 1, retrying: 0 });
    expect(errors.map((e) => (e as Error).name)).toEqual(['EventGivenUpError']);

    errors.length = 0;
    const dying = makePortal({ onEvent: () => {}, outbox: { maxAttempts: 1, leaseMs: MINUTE }, onError: (e) => void errors.push(e) });
    const [id] = await queue(dying, TENANT_A, 1);
    // Claimed by a worker that dies: its one attempt never finishes.
    const now = dying.clock.now();
    await dying.storage.claimEvents(now, 10, new Date(now.getTime() + MINUTE));
    dying.clock.advanceMs(MINUTE);
    expect((await dying.portal.outbox.flush()).events).toEqual({ delivered: 0, failed: 1, retrying: 0 });
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toMatch(new RegExp(`^onEvent: event ${id} \\(client\\.viewed\\) .* gave up after 1 attempts; the last ones never finished`));
    expect(((errors[0] as Error).cause as Error).message).toBe('the worker stopped mid-delivery');
  });

  it('redelivers, with the same id, an event whose worker died mid-delivery once the lease lapses', async () => {
    const h = host();
    const setup = makePortal({ onEvent: h.onEvent, outbox: { leaseMs: MINUTE } });
    const [id, next] = await queue(setup, TENANT_A, 2);
    // A worker claims the head and dies before it settles.
    const now = setup.clock.now();
    const [claimed] = await setup.storage.claimEvents(now, 10, new Date(now.getTime() + MINUTE));
    expect(claimed?.id).toBe(id);
    expect((await setup.portal.outbox.flush()).events).toEqual({ delivered: 0, failed: 0, retrying: 0 });
    setup.clock.advanceMs(MINUTE);
    expect((await setup.portal.outbox.flush()).events).toEqual({ delivered: 2, failed: 0, retrying: 0 });
    expect(h.heard.map((e) => e.id)).toEqual([id, next]);
    expect((await setup.storage.listEvents(TENANT_A))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    // The dead worker's late outcome changes nothing.
    expect(await setup.storage.settleEvent(TENANT_A, id!, 1, { state: 'failed', runAt: now, updatedAt: now })).toBe(false);
  });

  it('treats a host that outlives the lease as a failure, so the event is retried rather than lost', async () => {
    const errors: unknown[] = [];
    const setup = makePortal({ onEvent: () => new Promise<void>(() => {}), outbox: { leaseMs: 50 }, onError: (e) => void errors.push(e) });
    await queue(setup, TENANT_A, 1);
    expect((await setup.portal.outbox.flush()).events).toEqual({ delivered: 0, failed: 0, retrying: 1 });
    expect((await setup.storage.listEvents(TENANT_A))[0]).toMatchObject({ state: 'pending', lastError: expect.stringMatching(/lease/) });
  });

  it('hands the host a copy: changing it changes nothing stored', async () => {
    const setup = makePortal({
      onEvent: (event) => {
        (event.data as Record<string, unknown>).id = 'changed';
        throw new Error('and fails');
      },
    });
    await queue(setup, TENANT_A, 1);
    await setup.portal.outbox.flush();
    expect((await setup.storage.listEvents(TENANT_A))[0]?.data).toEqual(viewed(0));
  });

  it('is delivered by the running worker (start) too, with the mail', async () => {
    const h = host();
    const setup = makePortal({ onEvent: h.onEvent });
    await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
    const worker = setup.portal.outbox.start({ intervalMs: 5 });
    try {
      await expect.poll(() => setup.mail.messages.length).toBe(1);
      await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
      await expect.poll(() => h.heard.map((e) => e.type)).toEqual(['invite.accepted']);
    } finally {
      await worker.stop();
    }
  });

  it('queues client.viewed only with the first view of a resource by a client', async () => {
    const h = host();
    const setup = makePortal({ onEvent: h.onEvent });
    await setup.portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
    await setup.portal.outbox.flush();
    const { session } = await setup.portal.invites.accept(setup.lastInviteToken('eve@example.com'), { password: 'long enough password' });
    const actor = (await setup.portal.sessions.resolve(session.token)) as ClientActor;
    await setup.portal.shares.share(staffA, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    for (let i = 0; i < 3; i++) {
      await setup.portal.view.open(actor, 'p-maple', 'drawings', 'dr-a101');
      setup.clock.advanceMs(2 * MINUTE);
    }
    await setup.portal.outbox.flush();
    expect(h.heard.map((e) => e.type)).toEqual(['invite.accepted', 'client.viewed']);
  });

  it('tells the host of each approval transition, in order, with the change that caused it', async () => {
    const h = host();
    const { portal, dana, eve, storage } = await approvalsSetup({ onEvent: h.onEvent });
    await portal.outbox.flush();
    h.heard.length = 0;
    const approval = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'sequence' });
    // Out of turn: refused, and nothing is queued.
    await expect(portal.approvals.decide(eve, 'p-maple', approval.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'not_your_turn' });
    await portal.approvals.decide(dana, 'p-maple', approval.id, { decision: 'approved' });
    await portal.approvals.decide(eve, 'p-maple', approval.id, { decision: 'declined', note: 'Too dear' });
    await portal.approvals.reopen(staffA, 'p-maple', approval.id, { reason: 'Price corrected' });
    await portal.outbox.flush();
    const about = { approvalId: approval.id, projectId: 'p-maple', module: 'changeOrders', id: 'co-1' };
    // Each decision's evidence hash reaches the host, to be kept outside this database.
    const [first, second] = (await portal.approvals.export(staffA, 'p-maple', approval.id)).approval.decisions;
    const evidenceOf = (d: typeof first) => ({ decisionId: d!.id, snapshotHash: approval.snapshotHash, evidenceHash: d!.evidenceHash });
    expect(h.heard.map((e) => [e.type, e.data])).toEqual([
      ['approval.requested', { ...about, round: 1, approvers: [dana.id, eve.id], mode: 'sequence', snapshotHash: approval.snapshotHash }],
      ['approval.decided', { ...about, round: 1, ...evidenceOf(first), clientId: dana.id, decision: 'approved', status: 'pending' }],
      // Deciding is a first view of the change order, told after the decision's own events.
      ['client.viewed', { clientId: dana.id, projectId: 'p-maple', module: 'changeOrders', id: 'co-1' }],
      ['approval.decided', { ...about, round: 1, ...evidenceOf(second), clientId: eve.id, decision: 'declined', status: 'declined' }],
      ['approval.completed', { ...about, round: 1, status: 'declined' }],
      ['client.viewed', { clientId: eve.id, projectId: 'p-maple', module: 'changeOrders', id: 'co-1' }],
      ['approval.requested', expect.objectContaining({ ...about, round: 2, reopened: true, previousStatus: 'declined' })],
    ]);
    expect(new Set(h.heard.map((e) => e.id)).size).toBe(7);
    expect((await storage.listEvents(TENANT_A)).every((e) => e.state === 'delivered')).toBe(true);
  });
});
