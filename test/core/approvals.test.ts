import { describe, expect, it } from 'vitest';
import { ApprovalError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from 'sitegate';
import { canonicalJson, snapshotHash } from '../../src/services/approval-snapshot.js';
import { sha256Hex } from '../../src/tokens/sha256.js';
import { staffA, staffB } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';

const inAWeek = (now: Date) => new Date(now.getTime() + 7 * 86_400_000);

describe('approvals.request', () => {
  it('freezes the resource as a canonical snapshot with its SHA-256, and audits the request', async () => {
    const { portal, dana, eve, clock } = await approvalsSetup();
    const dueAt = inAWeek(clock.now());
    const approval = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all', dueAt, message: 'Extra outlet by the island' });
    expect(approval).toMatchObject({ status: 'pending', round: 1, mode: 'all', approvers: [dana.id, eve.id], dueAt, decisions: [], waitingOn: [dana.id, eve.id] });
    expect(approval.snapshot).toEqual({ module: 'changeOrders', id: 'co-1', name: 'CO-1 Extra outlet', amount: 420, meta: { amount: 420 } });
    expect(approval.snapshotHash).toBe(sha256Hex('{"amount":420,"id":"co-1","meta":{"amount":420},"module":"changeOrders","name":"CO-1 Extra outlet"}'));
    expect((await portal.audit.list(staffA, { projectId: 'p-maple' })).items[0]).toMatchObject({ action: 'approval.requested', data: { approvalId: approval.id } });
    expect(await portal.approvals.list(staffA, 'p-maple')).toEqual([approval]);
  });

  it('writes canonical JSON: sorted keys, nothing undefined, whatever order the host used', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [1, undefined, 'x'] } })).toBe('{"a":{"c":[1,null,"x"]},"b":1}');
    expect(snapshotHash({ name: 'n', module: 'selections', id: 'x' })).toBe(snapshotHash({ id: 'x', module: 'selections', name: 'n' }));
  });

  it('takes the currency from the tenant and the options from a selection', async () => {
    const { portal, dana, settings } = await approvalsSetup();
    (settings.acme as { currency?: string }).currency = 'EUR';
    const approval = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    expect(approval.mode).toBe('any');
    expect(approval.snapshot).toMatchObject({ currency: 'EUR', status: 'pending', options: [{ id: 'opt-1' }, { id: 'opt-2' }] });
  });

  it('refuses with a 422 naming each approver who cannot approve, and why; stores nothing', async () => {
    const { portal, dana, gus, activeClient, state } = await approvalsSetup();
    const outsider = await activeClient('hal@example.com', 'owner', ['p-oak']);
    const before = await state();
    const error = await portal.approvals
      .request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, gus.id, outsider.id, 'cl-nobody'] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.status).toBe(422);
    expect(error.issues.map((i: { path: unknown[]; code: string }) => [i.path, i.code])).toEqual([
      [['approvers', 1], 'may_not_approve'],
      [['approvers', 2], 'no_project_access'],
      [['approvers', 3], 'cannot_sign_in'],
    ]);
    expect(error.message).toContain(gus.id);
    expect(error.issues[2].message).toBe('no client "cl-nobody" in this builder\'s list');
    expect(await state()).toEqual(before);
  });

  it('tells a client who cannot sign in from an id the builder has no client under', async () => {
    const { portal, eve } = await approvalsSetup();
    await portal.clients.update(staffA, eve.id, { portalAccess: false });
    const error = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [eve.id, 'cl-nobody'] }).catch((e) => e);
    expect(error.issues).toEqual([
      { path: ['approvers', 0], message: `client "${eve.id}" is not an active client with portal access`, code: 'cannot_sign_in' },
      { path: ['approvers', 1], message: 'no client "cl-nobody" in this builder\'s list', code: 'cannot_sign_in' },
    ]);
  });

  it('refuses a resource not shared with the project, and a module the tenant switched off', async () => {
    const { portal, dana, content, settings, state } = await approvalsSetup();
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-2', kind: 'item', name: 'CO-2', updatedAt: new Date() });
    const before = await state();
    const unshared = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-2', approvers: [dana.id] }).catch((e) => e);
    expect(unshared.issues).toEqual([expect.objectContaining({ path: ['approvers', 0], code: 'not_shared' })]);
    settings.acme!.modules = settings.acme!.modules.filter((m) => m !== 'changeOrders');
    const disabled = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] }).catch((e) => e);
    expect(disabled.issues).toEqual([expect.objectContaining({ path: ['approvers', 0], code: 'may_not_approve' })]);
    expect(await state()).toEqual(before);
  });

  it.each([
    ['no approvers', { approvers: [] }, ['approvers']],
    ['21 approvers', { approvers: Array.from({ length: 21 }, (_, i) => `cl-${i}`) }, ['approvers']],
    ['an approver twice', { approvers: ['a', 'a'] }, ['approvers']],
    ['an unknown mode', { mode: 'most' }, ['mode']],
    ['a due date in the past', { dueAt: '2020-01-01T00:00:00Z' }, ['dueAt']],
    ['a due date that is not a date', { dueAt: 'tomorrow' }, ['dueAt']],
    ['a message over 2000 characters', { message: 'x'.repeat(2001) }, ['message']],
    ['an unknown field', { extra: 1 }, []],
    ['a resource that does not exist', { id: 'co-ghost' }, ['id']],
    ['a folder', { module: 'documents', id: 'd-contracts' }, ['id']],
  ])('refuses %s (422 with its path), storing nothing', async (_, change, path) => {
    const { portal, dana, state } = await approvalsSetup();
    const before = await state();
    const error = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id], ...change } as never).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toEqual(path);
    expect(await state()).toEqual(before);
  });

  it.each([
    ['a due date as a number', { dueAt: 1_800_000_000_000 }, 'dueAt', 'must be a date-time with its offset, like 2026-03-20T17:00:00Z'],
    ['a due date that is an invalid Date', { dueAt: new Date('soon') }, 'dueAt', 'must be a date-time with its offset, like 2026-03-20T17:00:00Z'],
    ['a due date without its time', { dueAt: '2026-04-01' }, 'dueAt', 'must be a date-time with its offset, like 2026-03-20T17:00:00Z'],
    ['a due date in words', { dueAt: 'tomorrow' }, 'dueAt', 'must be a date-time with its offset, like 2026-03-20T17:00:00Z'],
    ['a due date without its offset', { dueAt: '2026-04-01T17:00:00' }, 'dueAt', 'must be a date-time with its offset, like 2026-03-20T17:00:00Z'],
    ['approvers as one string', { approvers: 'cl_0123456789abcdefghijklmnop' }, 'approvers', expect.stringMatching(/expected array/)],
    ['an approver id the builder has no client under', { approvers: ['cl_nope'] }, ['approvers', 0], 'no client "cl_nope" in this builder\'s list'],
  ])('says what is wrong with %s, and only that', async (_, change, field, message) => {
    const { portal, dana } = await approvalsSetup();
    const error = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id], ...change } as never).catch((e) => e);
    expect(error.issues).toEqual([expect.objectContaining({ path: Array.isArray(field) ? field : [field], message })]);
  });

  it('is for staff of the project’s tenant only', async () => {
    const { portal, dana } = await approvalsSetup();
    const input = { module: 'changeOrders' as const, id: 'co-1', approvers: [dana.id] };
    await expect(portal.approvals.request(staffB, 'p-oak', input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.request(dana as never, 'p-maple', input)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('approvals.decide', () => {
  it('any: the first decision settles it, with its evidence; the next approver gets approval_closed', async () => {
    const { portal, dana, eve, clock } = await approvalsSetup();
    const { id } = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id] });
    clock.advanceMs(60_000);
    const decided = await portal.approvals.decide(dana, 'p-maple', id, { decision: 'approved', note: 'Go ahead' }, { ip: '203.0.113.7', userAgent: 'Test/1.0' });
    expect(decided).toMatchObject({ status: 'approved', settledAt: clock.now(), waitingOn: [] });
    expect(decided.decisions).toEqual([
      expect.objectContaining({ clientId: dana.id, decision: 'approved', note: 'Go ahead', ip: '203.0.113.7', userAgent: 'Test/1.0', round: 1, decidedAt: clock.now(), snapshotHash: decided.snapshotHash, snapshot: decided.snapshot }),
    ]);
    const error = await portal.approvals.decide(eve, 'p-maple', id, { decision: 'declined' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApprovalError);
    expect(error).toMatchObject({ code: 'approval_closed', status: 409 });
    const [listed] = await portal.approvals.list(staffA, 'p-maple');
    expect(listed!.decisions).toHaveLength(1);
    // Newest first: the decision, then the view it noted (a decision is a view of what it decided on).
    expect((await portal.audit.list(staffA, { clientId: dana.id })).items.slice(0, 2)).toMatchObject([
      { action: 'resource.viewed', data: { module: 'changeOrders', id: 'co-1' } },
      { action: 'approval.decided', data: { settled: true, status: 'approved' } },
    ]);
  });

  it('all: approved once every approver approved, declined at the first decline', async () => {
    const { portal, dana, eve, finn } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    expect((await portal.approvals.decide(eve, 'p-maple', a.id, { decision: 'approved' })).status).toBe('pending');
    expect((await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).status).toBe('approved');
    const b = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id, finn.id], mode: 'all' });
    expect(await portal.approvals.decide(dana, 'p-maple', b.id, { decision: 'declined' })).toMatchObject({ status: 'declined', waitingOn: [] });
    await expect(portal.approvals.decide(eve, 'p-maple', b.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'approval_closed' });
  });

  it('sequence: in the given order; out of turn is not_your_turn and changes nothing', async () => {
    const { portal, dana, eve, state } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'sequence' });
    expect(a.waitingOn).toEqual([dana.id]);
    const before = await state();
    await expect(portal.approvals.decide(eve, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'not_your_turn', status: 409 });
    expect(await state()).toEqual(before);
    expect(await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).toMatchObject({ status: 'pending', waitingOn: [eve.id] });
    expect(await portal.approvals.decide(eve, 'p-maple', a.id, { decision: 'declined' })).toMatchObject({ status: 'declined' });
  });

  it('refuses deciding twice in a round (409 conflict), keeping the first decision', async () => {
    const { portal, dana, eve } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' });
    const error = await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'declined' }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.status).toBe(409);
    const [listed] = await portal.approvals.list(staffA, 'p-maple');
    expect(listed!.decisions.map((d) => d.decision)).toEqual(['approved']);
  });

  it('past dueAt: approval_expired, listed as expired, nothing stored', async () => {
    const { portal, dana, clock, state } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id], dueAt: new Date(clock.now().getTime() + 3_600_000) });
    clock.advanceMs(3_600_000);
    const before = await state();
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'approval_expired', status: 409 });
    expect(await state()).toEqual(before);
    expect(before.approvals[0]).toMatchObject({ status: 'expired', waitingOn: [] });
    expect(await portal.approvals.list(staffA, 'p-maple', { status: 'expired' })).toHaveLength(1);
    expect(await portal.approvals.list(staffA, 'p-maple', { status: 'pending' })).toHaveLength(0);
  });

  it('refuses a decision on a resource changed since the request (approval_stale); one removed is unknown to the client', async () => {
    const { portal, dana, content, state } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    // Touching only updatedAt or the url is not a change of what was asked.
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', url: 'https://x.example/co-1', updatedAt: new Date(), meta: { amount: 420 } });
    const b = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    expect(b.snapshotHash).toBe(a.snapshotHash);
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 480 } });
    const before = await state();
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'approval_stale', status: 409 });
    content.remove({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1' });
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'not_found', status: 404 });
    expect(await state()).toEqual(before);
  });

  it('re-checks visibility through the access module: revoked project, unshared resource, role without approve', async () => {
    const { portal, dana, eve, finn, shares, state } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id, finn.id], mode: 'all' });
    await portal.clients.revokeProject(staffA, dana.id, 'p-maple');
    await portal.clients.update(staffA, eve.id, { roleId: 'client' });
    let before = await state();
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.decide(eve, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    expect(await state()).toEqual(before);
    await portal.shares.unshare(staffA, 'p-maple', shares[0]!.id);
    before = await state();
    const unshared = await portal.approvals.decide(finn, 'p-maple', a.id, { decision: 'approved' }).catch((e) => e);
    expect(await state()).toEqual(before);
    // Unshared answers as removed would, and as an approval that never was: nothing tells them apart.
    const never = await portal.approvals.decide(finn, 'p-maple', 'ap_nothing', { decision: 'approved' }).catch((e) => e);
    expect(unshared).toBeInstanceOf(NotFoundError);
    expect({ code: unshared.code, status: unshared.status, what: unshared.data?.what }).toEqual({ code: never.code, status: never.status, what: never.data?.what });
  });

  it('says nothing of an approval the client may no longer see, not even that others settled it', async () => {
    const { portal, dana, eve, shares } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id] });
    await portal.approvals.decide(eve, 'p-maple', a.id, { decision: 'approved' });
    // Settled, and still visible to dana: she is told it is closed.
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'approval_closed' });
    await portal.shares.unshare(staffA, 'p-maple', shares[0]!.id);
    // No longer hers to see: unknown, as if it never was.
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('takes an option of the frozen selection: required to approve, unknown ones refused', async () => {
    const { portal, dana, state } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [dana.id] });
    const before = await state();
    const unknown = await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved', optionId: 'opt-9' }).catch((e) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect(unknown.issues[0]).toMatchObject({ path: ['optionId'], message: 'must be one of: opt-1, opt-2' });
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['optionId'] })] });
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'maybe' } as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved', optionId: 'opt-1', note: 'x'.repeat(2001) })).rejects.toBeInstanceOf(ValidationError);
    expect(await state()).toEqual(before);
    const decided = await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved', optionId: 'opt-2' });
    expect(decided.decisions[0]).toMatchObject({ optionId: 'opt-2' });
  });

  it('answers not_found for another project’s or tenant’s approval, or one not asking this client; staff never decide', async () => {
    const { portal, dana, gus, activeClient } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    const both = await activeClient('ivy@example.com', 'owner', ['p-maple', 'p-oak']);
    await expect(portal.approvals.decide(both, 'p-oak', a.id, { decision: 'approved' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.decide(both, 'p-maple', a.id, { decision: 'approved' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.decide(gus, 'p-maple', a.id, { decision: 'approved' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.decide({ ...dana, tenantId: 'globex' }, 'p-maple', a.id, { decision: 'approved' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.decide(staffA as never, 'p-maple', a.id, { decision: 'approved' })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await portal.approvals.list(staffA, 'p-maple'))[0]!.decisions).toEqual([]);
  });

  it('two approvers at once on an `any` approval: exactly one settles it, the other gets a 409', async () => {
    const { portal, dana, eve } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id] });
    const results = await Promise.allSettled([
      portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' }),
      portal.approvals.decide(eve, 'p-maple', a.id, { decision: 'declined' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected!.reason).toMatchObject({ code: 'approval_closed', status: 409 });
    expect((await portal.approvals.list(staffA, 'p-maple'))[0]!.decisions).toHaveLength(1);
  });

  it('20 concurrent decisions by one client: one decision', async () => {
    const { portal, dana, eve } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    expect((await portal.approvals.list(staffA, 'p-maple'))[0]!.decisions).toHaveLength(1);
  });
});

describe('approvals.reopen', () => {
  it('asks again in a new round, keeping every earlier decision and freezing the resource as it is now', async () => {
    const { portal, dana, content, clock } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'declined', note: 'Too expensive' });
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-1', kind: 'item', name: 'CO-1 Extra outlet', updatedAt: new Date(), meta: { amount: 380 } });
    const dueAt = inAWeek(clock.now());
    const reopened = await portal.approvals.reopen(staffA, 'p-maple', a.id, { reason: 'Price lowered', dueAt });
    expect(reopened).toMatchObject({ status: 'reopened', round: 2, reopenReason: 'Price lowered', dueAt, waitingOn: [dana.id], snapshot: { amount: 380 } });
    expect(reopened).not.toHaveProperty('settledAt');
    expect(reopened.snapshotHash).not.toBe(a.snapshotHash);
    expect(reopened.decisions).toHaveLength(1);
    const decided = await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' });
    expect(decided.status).toBe('approved');
    expect(decided.decisions.map((d) => [d.round, d.decision, d.snapshotHash])).toEqual([
      [1, 'declined', a.snapshotHash],
      [2, 'approved', reopened.snapshotHash],
    ]);
    const approvalActions = (await portal.audit.list(staffA, { projectId: 'p-maple' })).items.map((e) => e.action).filter((action) => action.startsWith('approval.'));
    expect(approvalActions.slice(0, 3)).toEqual(['approval.decided', 'approval.reopened', 'approval.decided']);
  });

  it('reopens an expired approval; refuses an open one (409), a missing reason (422) and another project’s', async () => {
    const { portal, dana, clock, state } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id], dueAt: new Date(clock.now().getTime() + 1000) });
    const before = await state();
    await expect(portal.approvals.reopen(staffA, 'p-maple', a.id, { reason: 'again' })).rejects.toBeInstanceOf(ConflictError);
    clock.advanceMs(1000);
    await expect(portal.approvals.reopen(staffA, 'p-maple', a.id, { reason: '  ' })).rejects.toBeInstanceOf(ValidationError);
    await expect(portal.approvals.reopen(staffA, 'p-oak', a.id, { reason: 'again' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.reopen(staffB, 'p-maple', a.id, { reason: 'again' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await state()).audit).toEqual(before.audit);
    const reopened = await portal.approvals.reopen(staffA, 'p-maple', a.id, { reason: 'More time' });
    expect(reopened).toMatchObject({ status: 'reopened', round: 2, waitingOn: [dana.id] });
    expect(reopened).not.toHaveProperty('dueAt');
  });
});

describe('approvals.list and export', () => {
  it('staff see every approval of the project, filtered by module, id and status', async () => {
    const { portal, dana, eve } = await approvalsSetup();
    const co = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    const sel = await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [eve.id] });
    await portal.approvals.decide(dana, 'p-maple', co.id, { decision: 'approved' });
    const ids = async (q: object = {}) => (await portal.approvals.list(staffA, 'p-maple', q)).map((a) => a.id);
    expect(await ids()).toEqual([co.id, sel.id]);
    expect(await ids({ module: 'selections' })).toEqual([sel.id]);
    expect(await ids({ id: 'co-1' })).toEqual([co.id]);
    expect(await ids({ status: 'approved' })).toEqual([co.id]);
    expect(await portal.approvals.list(staffB, 'p-maple')).toEqual([]);
    await expect(portal.approvals.list(staffA, 'p-maple', { status: 'done' } as never)).rejects.toBeInstanceOf(ValidationError);
  });

  it('a client sees only approvals asking it, without other approvers’ addresses or notes', async () => {
    const { portal, dana, eve, gus } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id], mode: 'all' });
    await portal.approvals.request(staffA, 'p-maple', { module: 'selections', id: 'sel-tile', approvers: [eve.id] });
    await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved', note: 'private' }, { ip: '203.0.113.7', userAgent: 'UA' });
    const mine = await portal.approvals.list(dana, 'p-maple');
    expect(mine.map((x) => x.id)).toEqual([a.id]);
    expect(mine[0]!.decisions[0]).toMatchObject({ ip: '203.0.113.7', note: 'private' });
    const eves = await portal.approvals.listMine(eve, 'p-maple', { module: 'changeOrders' });
    expect(eves.map((x) => x.id)).toEqual([a.id]);
    expect(eves[0]!.waitingOn).toEqual([eve.id]);
    expect(eves[0]!.decisions[0]).not.toHaveProperty('ip');
    expect(eves[0]!.decisions[0]).not.toHaveProperty('userAgent');
    expect(eves[0]!.decisions[0]).not.toHaveProperty('note');
    expect(await portal.approvals.listMine(gus, 'p-maple')).toEqual([]);
    await expect(portal.approvals.listMine(dana, 'p-oak')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a client stops seeing an approval when it may no longer read the resource (unshared, role without the module)', async () => {
    const { portal, dana, eve, shares } = await approvalsSetup();
    await portal.roles.save(staffA, { id: 'docs', name: 'Documents', permissions: [{ module: 'documents', actions: ['read'] }] });
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id, eve.id] });
    // Still readable with the built-in role (reads every module), though it can no longer approve.
    await portal.clients.update(staffA, eve.id, { roleId: 'client' });
    expect((await portal.approvals.listMine(eve, 'p-maple')).map((x) => x.id)).toEqual([a.id]);
    await portal.clients.update(staffA, eve.id, { roleId: 'docs' });
    expect(await portal.approvals.listMine(eve, 'p-maple')).toEqual([]);
    await portal.shares.unshare(staffA, 'p-maple', shares[0]!.id);
    expect(await portal.approvals.listMine(dana, 'p-maple')).toEqual([]);
    expect(await portal.approvals.list(staffA, 'p-maple')).toHaveLength(1);
  });

  it('exports one approval as a JSON document whose canonical snapshot hashes to the recorded hash', async () => {
    const { portal, dana, clock } = await approvalsSetup();
    const a = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id: 'co-1', approvers: [dana.id] });
    await portal.approvals.decide(dana, 'p-maple', a.id, { decision: 'approved' }, { ip: '198.51.100.4' });
    const doc = await portal.approvals.export(staffA, 'p-maple', a.id);
    expect(doc).toMatchObject({ format: 'sitegate.approval/v1', exportedAt: clock.now(), hashAlgorithm: 'SHA-256', approval: { id: a.id, status: 'approved' } });
    expect(sha256Hex(doc.canonicalSnapshot)).toBe(doc.approval.snapshotHash);
    expect(doc.approval.decisions[0]).toMatchObject({ ip: '198.51.100.4', snapshotHash: a.snapshotHash });
    expect(JSON.parse(JSON.stringify(doc)).approval.decisions).toHaveLength(1);
    await expect(portal.approvals.export(staffA, 'p-oak', a.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.export(staffB, 'p-maple', a.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
