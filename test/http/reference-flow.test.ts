import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalClient } from 'sitegate/client';
import { createPortalHandler, toNodeListener } from 'sitegate/server';
import { NotFoundError, SitegateError, TokenError } from 'sitegate';
import { TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';
import { testStaffHook } from './support.js';

const ids = (resources: { id: string }[] | undefined) => (resources ?? []).map((r) => r.id).sort();

/** The core reference flow (test/core/reference-flow.test.ts), step for step, through the typed client and a real socket. */
describe('the reference flow over HTTP', () => {
  const env = makePortal();
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const handler = createPortalHandler(env.portal, { basePath: '/api/portal', authenticateStaff: testStaffHook, cookie: { secure: false } });
    server = createServer(toNodeListener(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/portal`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs from invite to revoke exactly as a builder and a client would see it', async () => {
    const { mail, content, clock, settings, lastInviteToken } = env;
    const alice = createPortalClient({ baseUrl, headers: { 'x-test-staff': 'acme:u-alice' } });
    const bob = createPortalClient({ baseUrl, headers: { 'x-test-staff': 'globex:u-bob' } });
    const browser = createPortalClient({ baseUrl });

    // Invite with email and optional name to two projects.
    const added = await alice.clients.add({ email: ' Dana@Example.com ', name: 'Dana Client', projectIds: ['p-maple', 'p-harbor'] });
    expect(added).toMatchObject({ email: 'dana@example.com', name: 'Dana Client', status: 'invited', projectIds: ['p-maple', 'p-harbor'] });
    expect(added.createdAt).toBeInstanceOf(Date);
    expect(await env.portal.outbox.flush()).toMatchObject({ sent: 1, failed: 0 });
    expect(mail.messages[0]!.subject).toContain('Acme Builders');
    const firstToken = lastInviteToken('dana@example.com');
    const info = await browser.invites.inspect(firstToken);
    expect(info).toMatchObject({ status: 'pending', email: 'dana@example.com', tenantName: 'Acme Builders' });
    expect(info.expiresAt).toBeInstanceOf(Date);

    // After 14 days the link is rejected and the status is expired.
    clock.advanceDays(14);
    expect((await alice.clients.get(added.id)).status).toBe('expired');
    const expired = await browser.invites.accept(firstToken, { password: 'correct horse battery' }).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(TokenError);
    expect(expired).toMatchObject({ code: 'invite_expired', status: 410 });

    // Resend: the old link dies, the new one is accepted with a password.
    await alice.clients.sendInvite(added.id);
    expect((await alice.clients.get(added.id)).status).toBe('invited');
    await env.portal.outbox.flush();
    expect(mail.messages[1]!.text).toContain('replaces the earlier one');
    const secondToken = lastInviteToken('dana@example.com');
    await expect(browser.invites.accept(firstToken, { password: 'correct horse battery' })).rejects.toMatchObject({ code: 'invite_invalid' });
    const { client, session } = await browser.invites.accept(secondToken, { password: 'correct horse battery' });
    expect(client.status).toBe('active');
    expect(session.expiresAt).toBeInstanceOf(Date);
    expect((await alice.clients.get(added.id)).status).toBe('active');
    const dana = createPortalClient({ baseUrl, token: session.token });
    expect((await dana.me()).client.id).toBe(added.id);

    // Nothing is visible before anything is shared.
    const empty = await dana.view.feed('p-maple');
    expect(ids(empty.modules.documents)).toEqual([]);
    expect(empty.modules.schedule).toBeNull();

    // Share a documents folder, a single drawing, two daily logs, the schedule.
    const shares = await alice.shares.share('p-maple', [
      { module: 'documents', id: 'd-contracts', kind: 'folder' },
      { module: 'drawings', id: 'dr-a101', kind: 'item' },
      { module: 'dailyLogs', id: 'dl-1', kind: 'item' },
      { module: 'dailyLogs', id: 'dl-2', kind: 'item' },
      { module: 'schedule', id: 'schedule', kind: 'item' },
    ]);
    expect(shares).toHaveLength(5);
    expect(await alice.shares.status('p-maple', 'documents', ['d-contracts', 'd-permit', 'd-budget'])).toMatchObject([
      { status: 'shared' },
      { status: 'via_folder' },
      { status: 'not_shared' },
    ]);

    const feed = await dana.view.feed('p-maple');
    expect(ids(feed.modules.documents)).toEqual(['d-contracts']);
    expect(ids(feed.modules.drawings)).toEqual(['dr-a101']);
    expect(ids(feed.modules.dailyLogs)).toEqual(['dl-1', 'dl-2']);
    expect(ids(feed.modules.photos)).toEqual([]);
    expect(feed.modules.schedule?.schedule?.id).toBe('sch-v1');
    expect(feed.modules.documents![0]!.updatedAt).toBeInstanceOf(Date);

    const opened = await dana.view.open('p-maple', 'documents', 'd-contracts');
    expect(ids(opened.children)).toEqual(['d-contract', 'd-permits']);
    expect((await dana.view.open('p-maple', 'documents', 'd-permit')).resource.name).toBe('Building permit.pdf');
    const hidden = await dana.view.open('p-maple', 'documents', 'd-budget').catch((e: unknown) => e);
    expect(hidden).toBeInstanceOf(NotFoundError);
    await expect(dana.view.open('p-maple', 'drawings', 'dr-a201')).rejects.toMatchObject({ code: 'not_found' });

    // Items added to the folder later are covered.
    content.put({ tenantId: TENANT_A, projectId: 'p-maple', module: 'documents', id: 'd-addendum', kind: 'item', parentId: 'd-permits', name: 'Addendum.pdf', updatedAt: new Date() });
    expect(ids((await dana.view.open('p-maple', 'documents', 'd-permits')).children)).toEqual(['d-addendum', 'd-permit']);

    // Nothing of a module the tenant disabled.
    settings[TENANT_A]!.modules = settings[TENANT_A]!.modules.filter((m) => m !== 'drawings');
    expect((await dana.view.feed('p-maple')).modules.drawings).toBeUndefined();
    settings[TENANT_A]!.modules.push('drawings');
    expect(ids((await dana.view.feed('p-maple')).modules.drawings)).toEqual(['dr-a101']);

    // Nothing of a module the role forbids.
    await alice.roles.save({ id: 'docs-only', name: 'Documents only', permissions: [{ module: 'documents', actions: ['read'] }] });
    expect((await alice.roles.list()).map((r) => r.id)).toEqual(['client', 'docs-only']);
    await alice.clients.update(added.id, { roleId: 'docs-only' });
    expect(Object.keys((await dana.view.feed('p-maple')).modules)).toEqual(['documents']);
    await alice.clients.update(added.id, { roleId: 'client' });

    // A newly published schedule is what the client sees.
    content.publishSchedule(TENANT_A, 'p-maple', { id: 'sch-v2', tasks: [{ id: 't1', name: 'Foundation', start: '2026-01-05', end: '2026-01-20', progress: 100 }] });
    expect((await dana.view.feed('p-maple')).modules.schedule?.schedule?.id).toBe('sch-v2');
    expect((await dana.view.open('p-maple', 'schedule', 'schedule')).schedule?.id).toBe('sch-v2');

    // Revoke the project: nothing of it at once, and the account still signs in.
    await alice.clients.revokeProject(added.id, 'p-maple');
    await expect(dana.view.feed('p-maple')).rejects.toMatchObject({ code: 'not_found' });
    expect((await dana.view.projects()).map((p) => p.id)).toEqual(['p-harbor']);
    const again = createPortalClient({ baseUrl });
    const signedIn = await again.sessions.signIn({ tenantId: TENANT_A, email: 'DANA@example.com', password: 'correct horse battery' });
    expect(signedIn.client.id).toBe(added.id);
    expect((await again.me()).projects.map((p) => p.id)).toEqual(['p-harbor']);
    await again.sessions.signOut();
    expect(again.token).toBeUndefined();
    const wrong = await again.sessions.signIn({ tenantId: TENANT_A, email: 'dana@example.com', password: 'not the password' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(TokenError);
    expect(wrong).toBeInstanceOf(SitegateError);
    expect((await alice.clients.get(added.id)).status).toBe('active');

    // A second tenant's staff and clients see and change nothing of the first.
    await expect(bob.clients.get(added.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await bob.clients.list()).items).toEqual([]);
    await expect(bob.clients.setProjects(added.id, [])).rejects.toMatchObject({ code: 'not_found' });
    await expect(bob.shares.unshare('p-maple', shares[0]!.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await bob.shares.list('p-maple')).items).toEqual([]);
    expect((await alice.shares.list('p-maple')).items.map((s) => s.id).sort()).toEqual(shares.map((s) => s.id).sort());
    const audit = await alice.audit.list({ clientId: added.id });
    expect(audit.items.map((e) => e.action)).toContain('invite.accepted');
    expect(audit.items[0]!.at).toBeInstanceOf(Date);
  });

  it('rejects with typed errors: validation issues, unauthenticated, forbidden', async () => {
    const alice = createPortalClient({ baseUrl, headers: { 'x-test-staff': 'acme:u-alice' } });
    const invalid = await alice.clients.add({ email: 'nope', projectIds: [] }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ name: 'ValidationError', code: 'validation_failed', issues: [{ path: ['email'] }] });
    const anonymous = createPortalClient({ baseUrl });
    await expect(anonymous.clients.list()).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
    await expect(anonymous.me()).rejects.toMatchObject({ code: 'unauthenticated' });
    // A token that names no session is forgotten and the request asked again with the cookie
    // alone: with none, that answer is the caller's.
    const dana = createPortalClient({ baseUrl, token: 'not-a-session' });
    await expect(dana.view.projects()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(dana.token).toBeUndefined();
  });
});
