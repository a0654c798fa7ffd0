import { describe, expect, it } from 'vitest';
import { staffA, staffB, TENANT_A } from '../../src/testing/fixtures.js';
import type { ClientActor, Storage } from '../../src/index.js';
import { makePortal } from './make-portal.js';

const ids = (resources: { id: string }[] | undefined) => (resources ?? []).map((r) => r.id).sort();

/**
 * The reference flows, end to end through the headless API, on the storage `create` opens (a
 * fresh, empty one; closed afterwards). Run for every adapter we ship.
 */
export function referenceFlow(name: string, create: () => Storage | Promise<Storage>): void {
  describe(`the reference flows on ${name}: invite a client, share content, revoke`, () => {
    // Generous: on PGlite the time includes starting the database.
    it('runs from invite to revoke exactly as a builder and a client would see it', { timeout: 180_000 }, async () => {
      const storage = await create();
      try {
        const { portal, mail, content, clock, settings, lastInviteToken } = makePortal({ storage });

        // Invite with email and optional name to two projects.
        const added = await portal.clients.add(staffA, { email: ' Dana@Example.com ', name: 'Dana Client', projectIds: ['p-maple', 'p-harbor'] });
        expect(added).toMatchObject({ email: 'dana@example.com', name: 'Dana Client', status: 'invited', projectIds: ['p-maple', 'p-harbor'] });
        expect(await portal.outbox.flush()).toMatchObject({ sent: 1, failed: 0 });
        expect(mail.messages).toHaveLength(1);
        expect(mail.messages[0]!.subject).toContain('Acme Builders');
        const firstToken = lastInviteToken('dana@example.com');
        expect(firstToken.length).toBeGreaterThan(43);
        expect(await portal.invites.inspect(firstToken)).toMatchObject({ status: 'pending', email: 'dana@example.com', tenantName: 'Acme Builders' });

        // After 14 days the link is rejected and the status is expired.
        clock.advanceDays(14);
        expect((await portal.clients.get(staffA, added.id)).status).toBe('expired');
        await expect(portal.invites.accept(firstToken, { password: 'correct horse battery' })).rejects.toMatchObject({ code: 'invite_expired' });

        // Resend: the old link dies, the new one is accepted with a password.
        await portal.clients.sendInvite(staffA, added.id);
        expect((await portal.clients.get(staffA, added.id)).status).toBe('invited');
        await portal.outbox.flush();
        expect(mail.messages[1]!.text).toContain('replaces the earlier one');
        const secondToken = lastInviteToken('dana@example.com');
        expect(secondToken).not.toBe(firstToken);
        await expect(portal.invites.accept(firstToken, { password: 'correct horse battery' })).rejects.toMatchObject({ code: 'invite_invalid' });
        const { client, session } = await portal.invites.accept(secondToken, { password: 'correct horse battery' });
        expect(client.status).toBe('active');
        expect((await portal.clients.get(staffA, added.id)).status).toBe('active');
        const actor = await portal.sessions.resolve(session.token);
        expect(actor).toEqual({ type: 'client', tenantId: TENANT_A, clientId: added.id });
        const dana = actor as ClientActor;

        // Nothing is visible before anything is shared.
        const empty = await portal.view.feed(dana, 'p-maple');
        expect(ids(empty.modules.documents)).toEqual([]);
        expect(empty.modules.schedule).toBeNull();
        // Her first visit to the project: there is no last one for anything to be new since.
        expect(empty.firstVisit).toBe(true);

        // Share a documents folder, a single drawing, two daily logs, the schedule.
        const shares = await portal.shares.share(staffA, 'p-maple', [
          { module: 'documents', id: 'd-contracts', kind: 'folder' },
          { module: 'drawings', id: 'dr-a101', kind: 'item' },
          { module: 'dailyLogs', id: 'dl-1', kind: 'item' },
          { module: 'dailyLogs', id: 'dl-2', kind: 'item' },
          { module: 'schedule', id: 'schedule', kind: 'item' },
        ]);
        expect(shares).toHaveLength(5);

        const feed = await portal.view.feed(dana, 'p-maple');
        expect(ids(feed.modules.documents)).toEqual(['d-contracts']);
        expect(ids(feed.modules.drawings)).toEqual(['dr-a101']);
        expect(ids(feed.modules.dailyLogs)).toEqual(['dl-1', 'dl-2']);
        expect(ids(feed.modules.photos)).toEqual([]);
        expect(feed.modules.schedule?.schedule?.id).toBe('sch-v1');

        const opened = await portal.view.open(dana, 'p-maple', 'documents', 'd-contracts');
        expect(ids(opened.children)).toEqual(['d-contract', 'd-permits']);
        expect((await portal.view.open(dana, 'p-maple', 'documents', 'd-permit')).resource.name).toBe('Building permit.pdf');
        await expect(portal.view.open(dana, 'p-maple', 'documents', 'd-budget')).rejects.toMatchObject({ code: 'not_found' });
        await expect(portal.view.open(dana, 'p-maple', 'drawings', 'dr-a201')).rejects.toMatchObject({ code: 'not_found' });
        expect(await portal.can(dana, 'read', { projectId: 'p-maple', module: 'drawings', id: 'dr-a101' })).toBe(true);
        expect(await portal.can(dana, 'read', { projectId: 'p-maple', module: 'dailyLogs', id: 'dl-3' })).toBe(false);

        // Items added to the folder later are covered.
        content.put({
          tenantId: TENANT_A,
          projectId: 'p-maple',
          module: 'documents',
          id: 'd-addendum',
          kind: 'item',
          parentId: 'd-permits',
          name: 'Addendum.pdf',
          updatedAt: new Date(),
        });
        expect(await portal.can(dana, 'read', { projectId: 'p-maple', module: 'documents', id: 'd-addendum' })).toBe(true);
        expect(ids((await portal.view.open(dana, 'p-maple', 'documents', 'd-permits')).children)).toEqual(['d-addendum', 'd-permit']);

        // Nothing of a module the tenant disabled.
        settings[TENANT_A]!.modules = settings[TENANT_A]!.modules.filter((m) => m !== 'drawings');
        expect((await portal.view.feed(dana, 'p-maple')).modules.drawings).toBeUndefined();
        expect(await portal.can(dana, 'read', { projectId: 'p-maple', module: 'drawings', id: 'dr-a101' })).toBe(false);
        settings[TENANT_A]!.modules.push('drawings');
        expect(ids((await portal.view.feed(dana, 'p-maple')).modules.drawings)).toEqual(['dr-a101']);

        // Nothing of a module the role forbids.
        await portal.roles.save(staffA, { id: 'docs-only', name: 'Documents only', permissions: [{ module: 'documents', actions: ['read'] }] });
        await portal.clients.update(staffA, added.id, { roleId: 'docs-only' });
        const narrowed = await portal.view.feed(dana, 'p-maple');
        expect(Object.keys(narrowed.modules)).toEqual(['documents']);
        expect(await portal.can(dana, 'read', { projectId: 'p-maple', module: 'dailyLogs', id: 'dl-1' })).toBe(false);
        await portal.clients.update(staffA, added.id, { roleId: 'client' });

        // A newly published schedule is what the client sees.
        content.publishSchedule(TENANT_A, 'p-maple', {
          id: 'sch-v2',
          tasks: [{ id: 't1', name: 'Foundation', start: '2026-01-05', end: '2026-01-20', progress: 100 }],
        });
        expect((await portal.view.feed(dana, 'p-maple')).modules.schedule?.schedule?.id).toBe('sch-v2');
        expect((await portal.view.open(dana, 'p-maple', 'schedule', 'schedule')).schedule?.id).toBe('sch-v2');

        // Revoke the project: nothing of it at once, and the account still signs in.
        await portal.clients.revokeProject(staffA, added.id, 'p-maple');
        await expect(portal.view.feed(dana, 'p-maple')).rejects.toMatchObject({ code: 'not_found' });
        expect(await portal.can(dana, 'read', { projectId: 'p-maple', module: 'documents', id: 'd-contract' })).toBe(false);
        expect((await portal.view.projects(dana)).map((p) => p.id)).toEqual(['p-harbor']);
        const again = await portal.sessions.signIn({ tenantId: TENANT_A, email: 'DANA@example.com', password: 'correct horse battery' });
        expect(again.client.id).toBe(added.id);
        expect((await portal.clients.get(staffA, added.id)).status).toBe('active');

        // A second tenant's staff and clients see and change nothing of the first.
        await expect(portal.clients.get(staffB, added.id)).rejects.toMatchObject({ code: 'not_found' });
        expect((await portal.clients.list(staffB)).items).toEqual([]);
        await expect(portal.clients.setProjects(staffB, added.id, [])).rejects.toMatchObject({ code: 'not_found' });
        await expect(portal.shares.unshare(staffB, 'p-maple', shares[0]!.id)).rejects.toMatchObject({ code: 'not_found' });
        expect((await portal.shares.list(staffB, 'p-maple')).items).toEqual([]);
        const globex = { type: 'client' as const, tenantId: 'globex', clientId: added.id };
        await expect(portal.view.feed(globex, 'p-harbor')).rejects.toMatchObject({ code: 'not_found' });
        expect(await portal.can(globex, 'read', { projectId: 'p-harbor', module: 'documents', id: 'd-contract' })).toBe(false);
        expect((await portal.shares.list(staffA, 'p-maple')).items.map((s) => s.id).sort()).toEqual(shares.map((s) => s.id).sort());
      } finally {
        await storage.close();
      }
    });
  });
}
