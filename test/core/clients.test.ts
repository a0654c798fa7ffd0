import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError, type StaffActor } from 'sitegate';
import { staffA, staffB, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

describe('clients', () => {
  it('normalises emails, so one person is one client per tenant', async () => {
    const { portal } = makePortal();
    const first = await portal.clients.add(staffA, { email: '  Sam.Lee@Example.COM', projectIds: ['p-maple'] });
    const again = await portal.clients.add(staffA, { email: 'sam.lee@example.com', name: 'Sam Lee', projectIds: ['p-oak'], roleId: 'client' });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ email: 'sam.lee@example.com', name: 'Sam Lee', projectIds: ['p-maple', 'p-oak'] });
    expect((await portal.clients.list(staffA)).items).toHaveLength(1);
  });

  it('lists each client with its status as of the listing, and stores none', async () => {
    const { portal, storage, clock } = makePortal();
    const added = await portal.clients.add(staffA, { email: 'status@example.com', projectIds: ['p-maple'] });
    expect((await portal.clients.list(staffA)).items).toMatchObject([{ id: added.id, status: 'invited' }]);
    expect(await storage.getClient(TENANT_A, added.id)).not.toHaveProperty('status');
    clock.advanceDays(15);
    expect((await portal.clients.list(staffA)).items).toMatchObject([{ id: added.id, status: 'expired' }]);
    expect(await storage.getClient(TENANT_A, added.id)).not.toHaveProperty('status');
  });

  it('keeps one client per email across tenants only within each tenant', async () => {
    const { portal } = makePortal();
    const a = await portal.clients.add(staffA, { email: 'x@example.com', projectIds: [] });
    const b = await portal.clients.add(staffB, { email: 'x@example.com', projectIds: [] });
    expect(a.id).not.toBe(b.id);
    expect((await portal.clients.list(staffB)).items.map((c) => c.id)).toEqual([b.id]);
  });

  it('refuses unknown projects and roles with field paths, changing nothing', async () => {
    const { portal } = makePortal();
    const error = await portal.clients.add(staffA, { email: 'a@example.com', projectIds: ['p-maple', 'nope'] }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([{ path: ['projectIds', 1], code: 'project_missing', message: 'unknown project "nope"' }]);
    // A project of another tenant is unknown too.
    await expect(portal.clients.add(staffB, { email: 'a@example.com', projectIds: ['p-harbor'] })).rejects.toBeInstanceOf(ValidationError);
    await expect(portal.clients.add(staffA, { email: 'a@example.com', projectIds: [], roleId: 'ghost' })).rejects.toMatchObject({
      issues: [{ path: ['roleId'] }],
    });
    expect((await portal.clients.list(staffA)).items).toEqual([]);
    expect((await portal.audit.list(staffA)).items).toEqual([]);
  });

  it.each([
    [{ email: 'not-an-email', projectIds: [] }, ['email']],
    [{ email: `${'a'.repeat(250)}@example.com`, projectIds: [] }, ['email']],
    [{ email: 'a@example.com' }, ['projectIds']],
    [{ email: 'a@example.com', projectIds: ['../etc'] }, ['projectIds', 0]],
    [{ email: 'a@example.com', projectIds: [], admin: true }, []],
    [{ email: 'a@example.com', projectIds: [], name: '' }, ['name']],
  ])('rejects bad input %j naming the field', async (input, path) => {
    const { portal } = makePortal();
    const error = await portal.clients.add(staffA, input as never).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('validation_failed');
    expect(error.issues[0].path).toEqual(path);
    expect((await portal.clients.list(staffA)).items).toEqual([]);
  });

  it('adds without inviting when asked, and invites by default', async () => {
    const { portal, mail } = makePortal();
    const quiet = await portal.clients.add(staffA, { email: 'quiet@example.com', projectIds: [], invite: false });
    expect(quiet.status).toBe('not_invited');
    const invited = await portal.clients.add(staffA, { email: 'loud@example.com', projectIds: [] });
    expect(invited.status).toBe('invited');
    expect(invited.inviteDelivery?.state).toBe('queued');
    await portal.outbox.flush();
    expect(mail.messages.map((m) => m.to)).toEqual(['loud@example.com']);
    expect((await portal.clients.get(staffA, invited.id)).inviteDelivery?.state).toBe('sent');
  });

  it('lists across projects with filters, text search and cursor pagination', async () => {
    const { portal, clock } = makePortal();
    for (let i = 0; i < 7; i++) {
      clock.advanceMs(1000);
      await portal.clients.add(staffA, { email: `c${i}@example.com`, name: i === 3 ? 'Rosa Díaz' : undefined, projectIds: [i % 2 ? 'p-maple' : 'p-oak'], invite: i < 5 });
    }
    expect((await portal.clients.list(staffA, { projectId: 'p-maple' })).items.map((c) => c.email)).toEqual(['c1@example.com', 'c3@example.com', 'c5@example.com']);
    expect((await portal.clients.list(staffA, { status: 'not_invited' })).items.map((c) => c.email)).toEqual(['c5@example.com', 'c6@example.com']);
    expect((await portal.clients.list(staffA, { q: 'ROSA' })).items.map((c) => c.email)).toEqual(['c3@example.com']);
    expect((await portal.clients.list(staffA, { q: 'C4@' })).items.map((c) => c.email)).toEqual(['c4@example.com']);
    clock.advanceDays(15);
    expect((await portal.clients.list(staffA, { status: 'expired' })).items).toHaveLength(5);
    expect((await portal.clients.list(staffA, { status: 'invited' })).items).toHaveLength(0);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await portal.clients.list(staffA, { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((c) => c.email));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `c${i}@example.com`));
    await expect(portal.clients.list(staffA, { cursor: 'garbage!' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(portal.clients.list(staffA, { limit: 0 })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('shows effective permissions: the role on the modules the tenant enables', async () => {
    const { portal, settings } = makePortal();
    settings[TENANT_A]!.modules = ['documents', 'selections', 'photos'];
    await portal.roles.save(staffA, {
      id: 'approver',
      name: 'Approver',
      permissions: [
        { module: 'selections', actions: ['approve'] },
        { module: 'documents', actions: ['read'] },
        { module: 'invoices', actions: ['read'] },
      ],
    });
    const c = await portal.clients.add(staffA, { email: 'p@example.com', projectIds: [], roleId: 'approver' });
    expect((await portal.clients.get(staffA, c.id)).permissions).toEqual([
      { module: 'documents', actions: ['read'] },
      { module: 'selections', actions: ['approve', 'read'] },
    ]);
    await portal.clients.update(staffA, c.id, { roleId: 'client' });
    expect((await portal.clients.get(staffA, c.id)).permissions.map((p) => p.module)).toEqual(['documents', 'photos', 'selections']);
  });

  it('sets and revokes project access without deleting anything', async () => {
    const { portal } = makePortal();
    const c = await portal.clients.add(staffA, { email: 'r@example.com', projectIds: ['p-maple'] });
    expect((await portal.clients.setProjects(staffA, c.id, ['p-oak', 'p-harbor', 'p-oak'])).projectIds).toEqual(['p-oak', 'p-harbor']);
    const before = (await portal.audit.list(staffA, { clientId: c.id })).items.length;
    expect((await portal.clients.revokeProject(staffA, c.id, 'p-maple')).projectIds).toEqual(['p-oak', 'p-harbor']);
    expect((await portal.audit.list(staffA, { clientId: c.id })).items.length).toBe(before);
    expect((await portal.clients.revokeProject(staffA, c.id, 'p-oak')).projectIds).toEqual(['p-harbor']);
    expect((await portal.clients.setProjects(staffA, c.id, [])).projectIds).toEqual([]);
    expect((await portal.clients.get(staffA, c.id)).email).toBe('r@example.com');
    await expect(portal.clients.setProjects(staffA, c.id, ['ghost'])).rejects.toMatchObject({ issues: [{ path: ['projectIds', 0] }] });
    await expect(portal.clients.get(staffA, 'missing')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('names a project the tenant does not have (removed, or another tenant’s) with the issue code project_missing', async () => {
    const { portal } = makePortal();
    const c = await portal.clients.add(staffA, { email: 'gone@example.com', projectIds: ['p-maple'] });
    const error = await portal.clients.setProjects(staffA, c.id, ['p-oak', 'p9', 'p-harbor']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: ['projectIds', 1], code: 'project_missing', message: 'unknown project "p9"' }]);
    await expect(portal.clients.setProjects(staffB, (await portal.clients.add(staffB, { email: 'b@example.com', projectIds: [] })).id, ['p-oak'])).rejects.toMatchObject({
      issues: [{ path: ['projectIds', 0], code: 'project_missing' }],
    });
    expect((await portal.clients.get(staffA, c.id)).projectIds).toEqual(['p-maple']);
  });

  it('refuses to invite an active client or one whose portal access is off', async () => {
    const { portal, lastInviteToken } = makePortal();
    const c = await portal.clients.add(staffA, { email: 'x@example.com', projectIds: [] });
    await portal.clients.update(staffA, c.id, { portalAccess: false });
    expect((await portal.clients.get(staffA, c.id)).status).toBe('disabled');
    await expect(portal.clients.sendInvite(staffA, c.id)).rejects.toBeInstanceOf(ConflictError);
    await portal.clients.update(staffA, c.id, { portalAccess: true });
    await portal.clients.sendInvite(staffA, c.id);
    await portal.outbox.flush();
    await portal.invites.accept(lastInviteToken('x@example.com'), { password: 'long enough password' });
    await expect(portal.clients.sendInvite(staffA, c.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('lets only staff manage clients', async () => {
    const { portal } = makePortal();
    // Staff methods take a StaffActor; a JavaScript caller can still pass anything, and the
    // runtime check must hold.
    const client = { type: 'client' as const, tenantId: TENANT_A, clientId: 'cl_x' } as unknown as StaffActor;
    await expect(portal.clients.list(client)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(portal.clients.add(client, { email: 'a@example.com', projectIds: [] })).rejects.toMatchObject({ code: 'forbidden' });
    const bad = await portal.clients.list({ type: 'staff', tenantId: '', userId: 'u' }).catch((e) => e);
    expect(bad).toMatchObject({ code: 'validation_failed' });
    expect(bad.issues[0].path).toEqual(['actor', 'tenantId']);
    await expect(portal.clients.list(null as unknown as StaffActor)).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
