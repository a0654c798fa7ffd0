import { describe, expect, it } from 'vitest';
import { encodeTimeCursor, isSitegateError, ValidationError, type ClientActor } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const huge = 'x'.repeat(100_000);
const client: ClientActor = { type: 'client', tenantId: TENANT_A, clientId: 'cl_nobody' };

/** Every public method, called with input it must refuse. */
const calls: [string, (p: ReturnType<typeof makePortal>['portal']) => Promise<unknown>][] = [
  ['clients.add null', (p) => p.clients.add(staffA, null as never)],
  ['clients.add huge name', (p) => p.clients.add(staffA, { email: 'a@example.com', name: huge, projectIds: [] })],
  ['clients.add projectIds string', (p) => p.clients.add(staffA, { email: 'a@example.com', projectIds: 'p-maple' as never })],
  ['clients.list bad status', (p) => p.clients.list(staffA, { status: 'gone' as never })],
  ['clients.list unknown field', (p) => p.clients.list(staffA, { orderBy: 'email' } as never)],
  ['clients.get number', (p) => p.clients.get(staffA, 42 as never)],
  ['clients.update bad portalAccess', (p) => p.clients.update(staffA, 'cl_x', { portalAccess: 'no' as never })],
  ['clients.update missing client', (p) => p.clients.update(staffA, 'cl_missing', { name: 'X' })],
  ['clients.setProjects not an array', (p) => p.clients.setProjects(staffA, 'cl_x', 'p-maple' as never)],
  ['clients.revokeProject traversal', (p) => p.clients.revokeProject(staffA, 'cl_x', '../p')],
  ['clients.sendInvite missing', (p) => p.clients.sendInvite(staffA, 'cl_missing')],
  ['shares.share not an array', (p) => p.shares.share(staffA, 'p-maple', {} as never)],
  ['shares.share bad kind', (p) => p.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-budget', kind: 'file' as never }])],
  ['shares.unshare bad id', (p) => p.shares.unshare(staffA, 'p-maple', '')],
  ['shares.list bad module', (p) => p.shares.list(staffA, 'p-maple', { module: 'nope' } as never)],
  ['shares.list limit 0', (p) => p.shares.list(staffA, 'p-maple', { limit: 0 })],
  ['shares.list a cursor it did not make', (p) => p.shares.list(staffA, 'p-maple', { cursor: 'not-a-cursor' })],
  ['receipts.list limit 501', (p) => p.receipts.list(staffA, 'p-maple', { limit: 501 })],
  ['receipts.list no ids', (p) => p.receipts.list(staffA, 'p-maple', { ids: [] })],
  ['receipts.list a cursor of another list', (p) => p.receipts.list(staffA, 'p-maple', { cursor: encodeTimeCursor(new Date(0), 'cl-1') })],
  ['shares.status no ids', (p) => p.shares.status(staffA, 'p-maple', 'documents', [])],
  ['updates.publish null', (p) => p.updates.publish(staffA, 'p-maple', null as never)],
  ['updates.publish huge body', (p) => p.updates.publish(staffA, 'p-maple', { body: huge })],
  ['updates.edit null', (p) => p.updates.edit(staffA, 'p-maple', 'up_x', null as never)],
  ['updates.edit huge body', (p) => p.updates.edit(staffA, 'p-maple', 'up_x', { body: huge })],
  ['updates.edit missing update', (p) => p.updates.edit(staffA, 'p-maple', 'up_missing', { body: 'x' })],
  ['updates.remove bad id', (p) => p.updates.remove(staffA, 'p-maple', '')],
  ['updates.remove missing update', (p) => p.updates.remove(staffA, 'p-maple', 'up_missing')],
  ['roles.save bad action', (p) => p.roles.save(staffA, { id: 'r', name: 'R', permissions: [{ module: 'documents', actions: ['delete' as never] }] })],
  ['audit.list bad limit', (p) => p.audit.list(staffA, { limit: -1 })],
  ['invites.accept number token', (p) => p.invites.accept(123 as never, { password: 'long enough password' })],
  ['invites.accept missing password', (p) => p.invites.accept('x.y', {} as never)],
  ['sessions.signIn bad email', (p) => p.sessions.signIn({ tenantId: TENANT_A, email: 'nope', password: 'x' })],
  ['sessions.signIn null', (p) => p.sessions.signIn(null as never)],
  ['view.projects unknown client', (p) => p.view.projects(client)],
  ['view.feed bad project', (p) => p.view.feed(client, null as never)],
  ['view.open bad module', (p) => p.view.open(client, 'p-maple', 'secrets', 'x')],
  ['view.me staff actor', (p) => p.view.me(staffA as never)],
];

describe('bad input', () => {
  it.each(calls)('%s gives a typed error and changes nothing', async (_name, call) => {
    const { portal } = makePortal();
    const seeded = await portal.clients.add(staffA, { email: 'seed@example.com', projectIds: ['p-maple'] });
    const before = JSON.stringify([await portal.clients.list(staffA), await portal.audit.list(staffA), (await portal.shares.list(staffA, 'p-maple')).items]);
    const error = await call(portal).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSitegateError(error), String(error)).toBe(true);
    expect((error as { code: string }).code).toMatch(/^[a-z_]+$/);
    const after = JSON.stringify([await portal.clients.list(staffA), await portal.audit.list(staffA), (await portal.shares.list(staffA, 'p-maple')).items]);
    expect(after).toBe(before);
    expect(seeded.id).toBeTruthy();
  });
});

describe('many issues', () => {
  it('lists every one in `issues` and names the first ten in the message', async () => {
    const { portal } = makePortal();
    const projectIds = Array.from({ length: 1000 }, (_, i) => `p-nope-${i}`);
    const error = await portal.clients.add(staffA, { email: 'many@example.com', projectIds }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const { issues, message } = error as ValidationError;
    expect(issues).toHaveLength(1000);
    expect(issues[999]).toEqual({ path: ['projectIds', 999], code: 'project_missing', message: 'unknown project "p-nope-999"' });
    expect(message).toBe(`${projectIds.slice(0, 10).map((id, i) => `projectIds.${i}: unknown project "${id}"`).join('; ')}; and 990 more`);
  });
});
