import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type PortalEvent } from 'sitegate';
import { staffA, staffB } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';

const MINUTE = 60_000;

describe('approvals.withdraw', () => {
  it('takes back a sequence waiting on an approver who lost access: no more decisions, decisions kept, audited', async () => {
    const { portal, dana, eve, finn } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id, finn.id], mode: 'sequence' });
    await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' });
    // Eve's turn, and Eve leaves the project: the sequence would wait on her for ever.
    await portal.clients.setProjects(staffA, eve.id, []);
    expect((await portal.approvals.list(staffA, 'p-maple'))[0]).toMatchObject({ status: 'pending', waitingOn: [eve.id] });

    const withdrawn = await portal.approvals.withdraw(staffA, 'p-maple', a.id, { reason: '  Eve left the project  ' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawReason: 'Eve left the project', waitingOn: [], round: 1 });
    expect(withdrawn.withdrawnAt).toBeInstanceOf(Date);
    expect(withdrawn).not.toHaveProperty('settledAt');
    expect(withdrawn.decisions.map((d) => [d.clientId, d.decision])).toEqual([[dana.id, 'approved']]);
    expect(await portal.approvals.list(staffA, 'p-maple')).toEqual([withdrawn]);
    expect((await portal.audit.list(staffA, { projectId: 'p-maple' })).items[0]).toMatchObject({
      action: 'approval.withdrawn',
      actor: { type: 'staff', id: staffA.userId },
      data: { approvalId: a.id, round: 1, previousStatus: 'pending', reason: 'Eve left the project', snapshotHash: a.snapshotHash },
    });
    // The others see it closed, no longer waiting on anyone.
    expect(await portal.approvals.listMine(finn, 'p-maple')).toEqual([expect.objectContaining({ id: a.id, status: 'withdrawn', waitingOn: [] })]);
    await expect(portal.approvals.decide(finn, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'approval_closed', message: 'This approval was withdrawn and no longer takes decisions.' });
  });

  it('needs no reason; a withdrawn approval can be reopened, which forgets the withdrawal', async () => {
    const { portal, dana } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    const withdrawn = await portal.approvals.withdraw(staffA, 'p-maple', a.id);
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn).not.toHaveProperty('withdrawReason');
    const reopened = await portal.approvals.reopen(staffA, 'p-maple', a.id, { reason: 'Asked by mistake; asking again' });
    expect(reopened).toMatchObject({ status: 'reopened', round: 2, waitingOn: [dana.id] });
    expect(reopened).not.toHaveProperty('withdrawnAt');
    expect(reopened).not.toHaveProperty('withdrawReason');
    expect((await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved', optionId: 'opt-1' })).status).toBe('approved');
  });

  it('refuses what is not open (409), what it cannot see (404), clients (403) and a bad reason (422), changing nothing', async () => {
    const { portal, dana, clock, state } = await approvalsSetup();
    const settled = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    await portal.approvals.decide(dana, 'p-maple', settled.id, { decision: 'declined' });
    const expiring = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id], dueAt: new Date(clock.now().getTime() + 1000) });
    const open = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    clock.advanceMs(1000);
    const before = await state();

    const declined = await portal.approvals.withdraw(staffA, 'p-maple', settled.id).catch((e) => e);
    expect(declined).toBeInstanceOf(ConflictError);
    expect(declined.message).toBe('This approval is declined; only an open approval can be withdrawn');
    await expect(portal.approvals.withdraw(staffA, 'p-maple', expiring.id)).rejects.toThrow('This approval is expired; only an open approval can be withdrawn');
    await expect(portal.approvals.withdraw(staffA, 'p-oak', open.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.withdraw(staffB, 'p-maple', open.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.withdraw(staffA, 'p-maple', 'ap-nothing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.withdraw(dana as never, 'p-maple', open.id)).rejects.toBeInstanceOf(ForbiddenError);
    for (const [input, path] of [
      [{ reason: '   ' }, ['reason']],
      [{ reason: 'x'.repeat(2001) }, ['reason']],
      [{ reason: 7 }, ['reason']],
      [{ why: 'extra' }, []],
    ] as const) {
      const error = await portal.approvals.withdraw(staffA, 'p-maple', open.id, input as never).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues[0].path).toEqual(path);
    }
    expect(await state()).toEqual(before);

    await portal.approvals.withdraw(staffA, 'p-maple', open.id);
    await expect(portal.approvals.withdraw(staffA, 'p-maple', open.id)).rejects.toThrow('This approval is withdrawn; only an open approval can be withdrawn');
  });

  it('a decision and a withdrawal at once: one of them happens, and the other is refused', async () => {
    for (let i = 0; i < 10; i++) {
      const { portal, dana } = await approvalsSetup();
      const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
      const [decided, withdrawn] = await Promise.allSettled([
        portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' }),
        portal.approvals.withdraw(staffA, 'p-maple', a.id),
      ]);
      const [stored] = await portal.approvals.list(staffA, 'p-maple');
      if (decided.status === 'fulfilled') {
        expect(withdrawn).toMatchObject({ status: 'rejected', reason: expect.any(ConflictError) });
        expect(stored).toMatchObject({ status: 'approved', decisions: [expect.objectContaining({ clientId: dana.id })] });
      } else {
        expect(decided.reason).toMatchObject({ code: 'approval_closed' });
        expect(stored).toMatchObject({ status: 'withdrawn', decisions: [] });
      }
    }
  });

  it('tells the host, and leaves the approval out of its approvers’ next digest', async () => {
    const heard: PortalEvent[] = [];
    const { portal, dana, clock, mail } = await approvalsSetup({
      onEvent: async (event) => void heard.push(event),
      notifications: {
        portalUrl: (tenantId, projectId) => `https://builder.example/portal/${tenantId}/${projectId}`,
        unsubscribeUrl: (token) => `https://builder.example/api/portal/notifications/unsubscribe?token=${token}`,
      },
    });
    await portal.notifications.set(dana, { frequency: 'instant' });
    await portal.outbox.flush();
    heard.length = 0;
    mail.messages.length = 0;
    const kept = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    const taken = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    await portal.approvals.withdraw(staffA, 'p-maple', taken.id, { reason: 'Wrong amount' });
    clock.advanceMs(5 * MINUTE);
    await portal.outbox.flush();

    expect(heard.map((e) => e.type)).toEqual(['approval.requested', 'approval.requested', 'approval.withdrawn']);
    expect(heard[2]!.data).toEqual({ approvalId: taken.id, projectId: 'p-maple', module: 'changeOrders', id: 'co-1', round: 1, previousStatus: 'pending', reason: 'Wrong amount' });
    const digest = mail.messages.find((m) => m.to === 'dana@example.com');
    expect(digest?.text).toContain(kept.snapshot.name);
    expect(digest?.text).not.toContain(taken.snapshot.name);
  });
});

describe('the staff list names approvers of an open approval who can no longer decide', () => {
  it('says who and why, for those yet to decide only, and never to clients', async () => {
    const { portal, dana, eve, finn } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id, finn.id], mode: 'sequence' });
    const listed = async () => (await portal.approvals.list(staffA, 'p-maple')).find((x) => x.id === a.id)!;
    expect(await listed()).not.toHaveProperty('cannotDecide');

    await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' });
    // Dana decided: taking her off the project changes nothing for this round.
    await portal.clients.setProjects(staffA, dana.id, []);
    await portal.clients.setProjects(staffA, eve.id, []);
    await portal.clients.archive(staffA, finn.id);
    expect((await listed()).cannotDecide).toEqual([
      { clientId: eve.id, code: 'no_project_access' },
      { clientId: finn.id, code: 'cannot_sign_in' },
    ]);
    expect((await portal.approvals.list(staffA, 'p-maple', { status: 'pending' }))[0]!.cannotDecide).toHaveLength(2);

    // Access back: nothing to say. The client's own list never says it.
    await portal.clients.setProjects(staffA, eve.id, ['p-maple']);
    await portal.clients.restore(staffA, finn.id);
    // Restored without portal access (the builder turns it back on): still unable until then.
    expect((await listed()).cannotDecide).toEqual([{ clientId: finn.id, code: 'cannot_sign_in' }]);
    await portal.clients.update(staffA, finn.id, { portalAccess: true });
    expect(await listed()).not.toHaveProperty('cannotDecide');
    expect(await portal.approvals.listMine(eve, 'p-maple')).toEqual([expect.not.objectContaining({ cannotDecide: expect.anything() })]);

    // Withdrawn: no longer open, nothing to say.
    await portal.clients.setProjects(staffA, eve.id, []);
    await portal.approvals.withdraw(staffA, 'p-maple', a.id);
    expect(await listed()).not.toHaveProperty('cannotDecide');
  });

  it('says an open approval is stale when its resource changed since it was asked; asked again, it is not', async () => {
    const { portal, dana, content } = await approvalsSetup();
    const open = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    const settled = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    await portal.approvals.decide(dana, 'p-maple', settled.id, { decision: 'approved', optionId: 'opt-1' });
    const listed = async () => new Map((await portal.approvals.list(staffA, 'p-maple')).map((x) => [x.id, x]));
    // Touching only what is not asked about (the date) is no change.
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 420 } });
    expect((await listed()).get(open.id)).not.toHaveProperty('stale');

    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 480 } });
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'selections', id: 'sel-tile', kind: 'item', name: 'Kitchen tile, revised', updatedAt: new Date() });
    expect((await listed()).get(open.id)).toMatchObject({ stale: true });
    expect((await listed()).get(open.id)).not.toHaveProperty('cannotDecide');
    expect((await listed()).get(settled.id)).not.toHaveProperty('stale');
    await expect(portal.approvals.decide(dana, 'p-maple', open.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'approval_stale' });
    // The client's list says so too (see approvals-mine-stale.test.ts).
    expect(await portal.approvals.listMine(dana, 'p-maple')).toEqual(expect.arrayContaining([expect.objectContaining({ id: open.id, stale: true })]));

    const again = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    expect((await listed()).get(again.id)).not.toHaveProperty('stale');
    // The one it replaces is withdrawn with it (see "asking again about a resource that changed").
    expect((await listed()).get(open.id)).toMatchObject({ status: 'withdrawn' });
  });

  it('names a role without approve, a resource no longer shared, and one gone from the host', async () => {
    const { portal, dana, eve, shares, content } = await approvalsSetup();
    const co = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    const sel = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    const unable = async () => new Map((await portal.approvals.list(staffA, 'p-maple')).map((x) => [x.id, x.cannotDecide]));

    await portal.clients.update(staffA, eve.id, { roleId: 'client' });
    expect((await unable()).get(co.id)).toEqual([{ clientId: eve.id, code: 'may_not_approve' }]);
    expect((await unable()).get(sel.id)).toBeUndefined();

    await portal.shares.unshare(staffA, 'p-maple', shares.find((s) => s.resourceId === 'sel-tile')!.id);
    expect((await unable()).get(sel.id)).toEqual([{ clientId: dana.id, code: 'not_shared' }]);

    content.remove({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1' });
    expect((await unable()).get(co.id)).toEqual([
      { clientId: dana.id, code: 'not_shared' },
      { clientId: eve.id, code: 'not_shared' },
    ]);
  });

  it('names an approver whose resource was visible only through an update that was then removed', async () => {
    const { portal, dana, content } = await approvalsSetup();
    // An update shows what hangs on it to clients that read updates.
    const owner = (await portal.roles.list(staffA)).find((r) => r.id === 'owner')!;
    await portal.roles.save(staffA, { id: owner.id, name: owner.name, permissions: [...owner.permissions, { module: 'updates', actions: ['read'] }] });
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-2', kind: 'item', name: 'CO-2 Second outlet', updatedAt: new Date(), meta: { amount: 90 } });
    const update = await portal.updates.publish(staffA, 'p-maple', { body: 'CO-2 for you to approve', resources: [{ module: 'changeOrders', id: 'co-2' }] });
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-2', approvers: [dana.id] });
    const listed = async () => (await portal.approvals.list(staffA, 'p-maple')).find((x) => x.id === a.id)!;
    expect(await listed()).not.toHaveProperty('cannotDecide');
    await portal.updates.remove(staffA, 'p-maple', update.id);
    expect((await listed()).cannotDecide).toEqual([{ clientId: dana.id, code: 'not_shared' }]);
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('asking again about a resource that changed', () => {
  it('withdraws the open approvals that asked about it as it was; those about it as it is stay open', async () => {
    const heard: PortalEvent[] = [];
    const { portal, dana, eve, finn, clock, content } = await approvalsSetup({ onEvent: async (event) => void heard.push(event) });
    const first = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'sequence' });
    await portal.approvals.decide(dana, 'p-maple', first.id, { decision: 'approved' });
    const decided = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [finn.id] });
    await portal.approvals.decide(finn, 'p-maple', decided.id, { decision: 'declined' });
    const expiring = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [finn.id], dueAt: new Date(clock.now().getTime() + 1000) });
    const tile = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    clock.advanceMs(1000);
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 480 } });
    await portal.outbox.flush();
    heard.length = 0;

    const again = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [eve.id] });
    const status = async () => new Map((await portal.approvals.list(staffA, 'p-maple')).map((x) => [x.id, x.status]));
    expect(await status()).toEqual(
      new Map([
        [first.id, 'withdrawn'],
        [decided.id, 'declined'],
        [expiring.id, 'expired'],
        [tile.id, 'pending'],
        [again.id, 'pending'],
      ]),
    );
    const [withdrawn] = (await portal.approvals.list(staffA, 'p-maple', { status: 'withdrawn' }));
    expect(withdrawn).not.toHaveProperty('withdrawReason');
    expect(withdrawn!.decisions.map((d) => d.clientId)).toEqual([dana.id]);
    // Eve is asked once: by the new request.
    expect((await portal.approvals.listMine(eve, 'p-maple')).filter((a) => a.status === 'pending').map((a) => a.id)).toEqual([again.id]);
    expect((await portal.audit.list(staffA, { projectId: 'p-maple' })).items.slice(0, 2).map((e) => [e.action, e.data])).toEqual([
      ['approval.withdrawn', { approvalId: first.id, round: 1, previousStatus: 'pending', supersededBy: again.id, snapshotHash: first.snapshotHash }],
      ['approval.requested', expect.objectContaining({ approvalId: again.id })],
    ]);
    await portal.outbox.flush();
    expect(heard.map((e) => [e.type, e.data.approvalId, e.data.supersededBy])).toEqual([
      ['approval.requested', again.id, undefined],
      ['approval.withdrawn', first.id, again.id],
    ]);

    // Unchanged since: a request about it as it is leaves the open one alone.
    const parallel = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [finn.id] });
    expect((await status()).get(again.id)).toBe('pending');
    expect((await status()).get(parallel.id)).toBe('pending');
  });
});
