import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from 'sitegate';
import { memoryStorage } from 'sitegate/adapters/memory';
import { staffA, staffB } from '../../src/testing/fixtures.js';
import { approvalsSetup } from '../support/approvals.js';

const coOne = { module: 'changeOrders' as const, id: 'co-1' };

describe('approvals.approvers', () => {
  it('answers each active client of the project, with why it cannot decide (none when it can)', async () => {
    const { portal, dana, eve, finn, gus, activeClient } = await approvalsSetup();
    await activeClient('hal@example.com', 'owner', ['p-oak']);
    // Invited, never accepted: not an active client, so not listed.
    await portal.clients.add(staffA, { email: 'ida@example.com', projectIds: ['p-maple'], roleId: 'owner' });
    const answer = await portal.approvals.approvers(staffA, 'p-maple', coOne);
    expect(answer).toEqual(
      [
        { clientId: dana.id },
        { clientId: eve.id },
        { clientId: finn.id },
        { clientId: gus.id, code: 'may_not_approve' },
      ].sort((a, b) => a.clientId.localeCompare(b.clientId)),
    );
  });

  it('says not_shared for a resource not shared with the project, may_not_approve for a module switched off', async () => {
    const { portal, dana, gus, content, settings } = await approvalsSetup();
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-2', kind: 'item', name: 'CO-2', updatedAt: new Date() });
    const codes = async (id: string) => new Map((await portal.approvals.approvers(staffA, 'p-maple', { module: 'changeOrders', id })).map((e) => [e.clientId, e.code]));
    const unshared = await codes('co-2');
    expect(unshared.get(dana.id)).toBe('not_shared');
    expect(unshared.get(gus.id)).toBe('may_not_approve');
    settings.acme!.modules = settings.acme!.modules.filter((m) => m !== 'changeOrders');
    expect([...(await codes('co-1')).values()]).toEqual(['may_not_approve', 'may_not_approve', 'may_not_approve', 'may_not_approve']);
  });

  it('says cannot_sign_in for an active client waiting to confirm a new email address', async () => {
    const { portal, eve } = await approvalsSetup();
    await portal.clients.update(staffA, eve.id, { email: 'eve.new@example.com' });
    const answer = await portal.approvals.approvers(staffA, 'p-maple', coOne);
    expect(answer.find((e) => e.clientId === eve.id)).toEqual({ clientId: eve.id, code: 'cannot_sign_in' });
  });

  it('agrees with what a request naming each client would answer', async () => {
    const { portal, content } = await approvalsSetup();
    content.put({ tenantId: 'acme', projectId: 'p-maple', module: 'changeOrders', id: 'co-2', kind: 'item', name: 'CO-2', updatedAt: new Date() });
    for (const id of ['co-1', 'co-2']) {
      for (const { clientId, code } of await portal.approvals.approvers(staffA, 'p-maple', { module: 'changeOrders', id })) {
        const refused = await portal.approvals.request(staffA, 'p-maple', { module: 'changeOrders', id, approvers: [clientId] }).then(
          () => undefined,
          (e: ValidationError) => e.issues[0]!.code,
        );
        expect(refused, `${id} ${clientId}`).toBe(code);
      }
    }
  });

  it('reads the clients in one go and each role once, however many clients the project has', async () => {
    const reads: string[] = [];
    const counted = new Proxy(memoryStorage(), {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function' || !['getClient', 'getClients', 'getRole'].includes(String(key))) return value;
        return (...args: unknown[]) => (reads.push(String(key)), value.apply(target, args));
      },
    });
    const { portal, activeClient } = await approvalsSetup({ storage: counted });
    for (const name of ['hal', 'ida', 'jo', 'kim']) await activeClient(`${name}@example.com`, 'owner');
    reads.length = 0;
    expect(await portal.approvals.approvers(staffA, 'p-maple', coOne)).toHaveLength(8);
    // The owner role once; the built-in role is not stored.
    expect(reads).toEqual(['getClients', 'getRole']);
  });

  it('answers [] for a project without active clients', async () => {
    const { portal } = await approvalsSetup();
    expect(await portal.approvals.approvers(staffA, 'p-harbor', { module: 'documents', id: 'd-contract' })).toEqual([]);
  });

  it('refuses a resource that does not exist, and a folder, as a request does (422 on id); changes nothing', async () => {
    const { portal, state } = await approvalsSetup();
    const before = await state();
    for (const query of [{ module: 'changeOrders', id: 'co-ghost' }, { module: 'documents', id: 'd-contracts' }] as const) {
      const error = await portal.approvals.approvers(staffA, 'p-maple', query).catch((e) => e);
      const asked = await portal.approvals.request(staffA, 'p-maple', { ...query, approvers: ['cl-x'] }).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues).toEqual(asked.issues);
      expect(error.issues.map((i: { path: unknown[] }) => i.path)).toEqual([['id']]);
    }
    expect(await state()).toEqual(before);
  });

  it.each([
    ['no module', { id: 'co-1' }, [['module']]],
    ['no id', { module: 'changeOrders' }, [['id']]],
    ['an unknown module', { module: 'gossip', id: 'co-1' }, [['module']]],
    ['an unknown field', { ...coOne, status: 'pending' }, [[]]],
    ['nothing at all', undefined, [['module'], ['id']]],
  ])('refuses %s with a ValidationError naming the fields', async (_, query, paths) => {
    const { portal } = await approvalsSetup();
    const error = await portal.approvals.approvers(staffA, 'p-maple', query as never).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((i: { path: unknown[] }) => i.path)).toEqual(paths);
  });

  it('is for staff of the project’s tenant only: another tenant sees none of it, a client is refused', async () => {
    const { portal, dana } = await approvalsSetup();
    await expect(portal.approvals.approvers(staffB, 'p-oak', coOne)).rejects.toBeInstanceOf(NotFoundError);
    await expect(portal.approvals.approvers(staffA, 'p-nowhere', coOne)).rejects.toBeInstanceOf(NotFoundError);
    // Globex's own p-maple (ids reuse Acme's) has no clients of Acme's.
    expect(await portal.approvals.approvers(staffB, 'p-maple', { module: 'documents', id: 'd-contract' })).toEqual([]);
    await expect(portal.approvals.approvers(dana as never, 'p-maple', coOne)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
