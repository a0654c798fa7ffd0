import { describe, expect, it } from 'vitest';
import type { ClientActor } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

describe('portal.access: a client access index for synchronous checks', () => {
  it('agrees with portal.can on items, folders (given ancestors), attachments, modules and projects', async () => {
    const { portal, lastInviteToken, settings } = makePortal();
    await portal.clients.add(staffA, { email: 'ivy@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const { session } = await portal.invites.accept(lastInviteToken('ivy@example.com'), { password: 'long enough password' });
    const actor = (await portal.sessions.resolve(session.token)) as ClientActor;
    await portal.shares.share(staffA, 'p-maple', [
      { module: 'documents', id: 'd-permits', kind: 'folder' },
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
    ]);
    await portal.shares.share(staffA, 'p-harbor', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    await portal.updates.publish(staffA, 'p-maple', { body: 'see the log', resources: [{ module: 'dailyLogs', id: 'dl-2' }] });

    const cases = [
      { projectId: 'p-maple', module: 'drawings', id: 'dr-a101', ancestorIds: [] },
      { projectId: 'p-maple', module: 'drawings', id: 'dr-a201', ancestorIds: [] },
      { projectId: 'p-maple', module: 'documents', id: 'd-permits', ancestorIds: ['d-contracts'] },
      { projectId: 'p-maple', module: 'documents', id: 'd-permit', ancestorIds: ['d-permits', 'd-contracts'] },
      { projectId: 'p-maple', module: 'documents', id: 'd-contract', ancestorIds: ['d-contracts'] },
      { projectId: 'p-maple', module: 'dailyLogs', id: 'dl-2', ancestorIds: [] },
      { projectId: 'p-maple', module: 'dailyLogs', id: 'dl-1', ancestorIds: [] },
      { projectId: 'p-harbor', module: 'documents', id: 'd-contract', ancestorIds: ['d-contracts'] },
    ];
    const check = async () => {
      const access = await portal.access(actor);
      for (const target of cases) {
        expect(access.can('read', target), JSON.stringify(target)).toBe(await portal.can(actor, 'read', target));
      }
      return cases.map((target) => access.can('read', target));
    };
    expect(await check()).toEqual([true, false, true, true, false, true, false, false]);
    settings[TENANT_A]!.modules = ['documents'];
    expect(await check()).toEqual([false, false, true, true, false, false, false, false]);
    expect((await portal.access(actor)).can('approve', cases[2]!)).toBe(false);
  });

  it('never shows a report that is not completed, even when attached to an update', async () => {
    // Found by the model-based suite: the index used to skip the completed-report rule.
    const { portal, lastInviteToken } = makePortal();
    await portal.clients.add(staffA, { email: 'ivy@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const { session } = await portal.invites.accept(lastInviteToken('ivy@example.com'), { password: 'long enough password' });
    const actor = (await portal.sessions.resolve(session.token)) as ClientActor;
    await portal.updates.publish(staffA, 'p-maple', { body: 'draft attached', resources: [{ module: 'reports', id: 'r-draft' }, { module: 'reports', id: 'r-inspection' }] });
    const access = await portal.access(actor);
    expect(access.can('read', { projectId: 'p-maple', module: 'reports', id: 'r-draft', status: 'draft' })).toBe(false);
    expect(access.can('read', { projectId: 'p-maple', module: 'reports', id: 'r-draft' })).toBe(false);
    expect(access.can('read', { projectId: 'p-maple', module: 'reports', id: 'r-inspection', status: 'completed' })).toBe(true);
    expect(await portal.can(actor, 'read', { projectId: 'p-maple', module: 'reports', id: 'r-draft' })).toBe(false);
  });
});
