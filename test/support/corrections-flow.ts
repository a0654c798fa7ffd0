import { describe, expect, it } from 'vitest';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import type { Storage } from '../../src/index.js';
import { accountsEnv, NEW_PASSWORD, PASSWORD } from './accounts-flow.js';

type Env = Awaited<ReturnType<typeof accountsEnv>>;

/**
 * An invite mistyped (`olivia@exmaple.com`) and accepted by a stranger with `PASSWORD`, then
 * corrected by staff to `olivia@example.com`: the correction waits for its confirmation link.
 */
async function mistypedAndCorrected(portal: Env['portal'], lastLinkToken: Env['lastLinkToken']): Promise<{ id: string }> {
  const added = await portal.clients.add(staffA, { email: 'olivia@exmaple.com', name: 'Olivia', projectIds: ['p-maple'] });
  await portal.outbox.flush();
  await portal.invites.accept(lastLinkToken('olivia@exmaple.com', 'accept')!, { password: PASSWORD });
  await portal.clients.update(staffA, added.id, { email: 'olivia@example.com' });
  await portal.outbox.flush();
  return added;
}

/**
 * Email corrections and archiving through the headless API, on the store `create` opens (fresh
 * and empty; closed afterwards). Run on every adapter we ship.
 */
export function correctionsFlow(name: string, create: () => Storage | Promise<Storage>): void {
  const test = (title: string, fn: (env: Env) => Promise<void>) =>
    it(title, { timeout: 120_000 }, async () => {
      const storage = await create();
      try {
        await fn(await accountsEnv(storage));
      } finally {
        await storage.close();
      }
    });

  describe(`email corrections on ${name}`, () => {
    test('a client that never accepted gets its invite re-sent to the new address; the old link dies', async ({ portal, lastLinkToken, actions }) => {
      const added = await portal.clients.add(staffA, { email: 'dana@exmaple.com', projectIds: ['p-maple'] });
      await portal.outbox.flush();
      const old = lastLinkToken('dana@exmaple.com', 'accept')!;
      const updated = await portal.clients.update(staffA, added.id, { email: 'Dana@Example.com' });
      expect(updated).toMatchObject({ email: 'dana@example.com', status: 'invited' });
      expect(updated).not.toHaveProperty('pendingEmail');
      await portal.outbox.flush();
      expect(await portal.invites.inspect(old)).toMatchObject({ status: 'superseded' });
      await expect(portal.invites.accept(old, { password: PASSWORD })).rejects.toMatchObject({ code: 'invite_invalid' });
      const fresh = lastLinkToken('dana@example.com', 'accept')!;
      expect((await portal.invites.accept(fresh, { password: PASSWORD })).client).toMatchObject({ email: 'dana@example.com', status: 'active' });
      expect(await actions(added.id)).toContain('client.email_change_requested');
    });

    test('an active client confirms the new address; until then it signs in with neither', async ({ portal, activeClient, signIn, lastLinkToken, actions }) => {
      const { client, session } = await activeClient();
      const updated = await portal.clients.update(staffA, client.id, { email: 'dana.new@example.com' });
      expect(updated).toMatchObject({ email: 'dana@example.com', pendingEmail: 'dana.new@example.com', status: 'active' });
      expect(await portal.sessions.resolve(session)).toBeNull();
      await expect(signIn('dana@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      await expect(signIn('dana.new@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      // No reset to either address meanwhile.
      await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'dana@example.com' });
      await portal.outbox.flush();
      expect(lastLinkToken('dana@example.com', 'reset')).toBeUndefined();
      const token = lastLinkToken('dana.new@example.com', 'confirm-email')!;
      expect(token).toBeDefined();
      // Looking at the link names the address it confirms, and uses nothing up.
      expect(await portal.emails.inspect(token)).toEqual({ status: 'pending', email: 'dana.new@example.com' });
      expect(await portal.emails.inspect(token)).toEqual({ status: 'pending', email: 'dana.new@example.com' });
      // Another kind of link, or none at all, is not a confirmation link.
      expect(await portal.passwords.inspect(token)).toEqual({ status: 'cancelled' });
      expect(await portal.emails.inspect('garbage')).toEqual({ status: 'cancelled' });
      // A password that breaks the rules is refused and uses nothing up.
      await expect(portal.emails.confirm(token, { password: 'short' })).rejects.toMatchObject({ code: 'validation_failed' });
      const confirmed = await portal.emails.confirm(token, { password: NEW_PASSWORD });
      expect(confirmed.client).toMatchObject({ id: client.id, email: 'dana.new@example.com', status: 'active' });
      expect(confirmed.client).not.toHaveProperty('pendingEmail');
      expect(await portal.sessions.resolve(confirmed.session.token)).toMatchObject({ clientId: client.id });
      // The password chosen with the new address works; the old one went with the old address.
      expect((await signIn('dana.new@example.com', NEW_PASSWORD)).client.id).toBe(client.id);
      await expect(signIn('dana.new@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      await expect(signIn('dana@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      await expect(portal.emails.confirm(token)).rejects.toMatchObject({ code: 'link_used' });
      expect(await portal.emails.inspect(token)).toEqual({ status: 'used' });
      expect(await actions(client.id)).toEqual(expect.arrayContaining(['client.email_change_requested', 'client.email_confirmed']));
    });

    test('an invite mistyped and accepted by a stranger, then corrected: the stranger’s password dies with the old address', async ({ portal, signIn, lastLinkToken }) => {
      const added = await mistypedAndCorrected(portal, lastLinkToken);
      // The real Olivia confirms from her mailbox, without choosing a password there.
      const confirmed = await portal.emails.confirm(lastLinkToken('olivia@example.com', 'confirm-email')!);
      expect(confirmed.client).toMatchObject({ id: added.id, email: 'olivia@example.com' });
      await expect(signIn('olivia@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      // She sets her own by reset link, which her confirmed address now receives.
      await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'olivia@example.com' });
      await portal.outbox.flush();
      await portal.passwords.reset(lastLinkToken('olivia@example.com', 'reset')!, { password: NEW_PASSWORD });
      expect((await signIn('olivia@example.com', NEW_PASSWORD)).client.id).toBe(added.id);
    });

    test('setting the old address again withdraws the change and the confirmation link', async ({ portal, activeClient, signIn, lastLinkToken }) => {
      const { client } = await activeClient();
      await portal.clients.update(staffA, client.id, { email: 'dana.new@example.com' });
      await portal.outbox.flush();
      const token = lastLinkToken('dana.new@example.com', 'confirm-email')!;
      const back = await portal.clients.update(staffA, client.id, { email: 'dana@example.com' });
      expect(back).not.toHaveProperty('pendingEmail');
      await expect(portal.emails.confirm(token)).rejects.toMatchObject({ code: 'link_invalid' });
      expect(await portal.emails.inspect(token)).toEqual({ status: 'cancelled' });
      expect((await signIn('dana@example.com', PASSWORD)).client.id).toBe(client.id);
    });

    test('saving the pending address again sends a new confirmation link; an expired one is not a dead end', async ({ portal, activeClient, signIn, lastLinkToken, clock, mail }) => {
      const { client } = await activeClient();
      await portal.clients.update(staffA, client.id, { email: 'dana.new@example.com' });
      await portal.outbox.flush();
      const expired = lastLinkToken('dana.new@example.com', 'confirm-email')!;
      clock.advanceMs(15 * 24 * 60 * 60_000);
      expect(await portal.emails.inspect(expired)).toEqual({ status: 'expired' });
      await expect(portal.emails.confirm(expired)).rejects.toMatchObject({ code: 'link_expired' });
      // Meanwhile no reset can be sent, and the refusal says what to do instead.
      await expect(portal.clients.sendPasswordReset(staffA, client.id)).rejects.toThrow(/save the new address again/);
      const sent = mail.messages.length;
      const again = await portal.clients.update(staffA, client.id, { email: 'Dana.New@example.com' });
      expect(again).toMatchObject({ email: 'dana@example.com', pendingEmail: 'dana.new@example.com', status: 'active' });
      await portal.outbox.flush();
      expect(mail.messages.slice(sent).map((m) => m.to)).toEqual(['dana.new@example.com']);
      const fresh = lastLinkToken('dana.new@example.com', 'confirm-email')!;
      expect(fresh).not.toBe(expired);
      // Resent once more before it was used: only the newest link works.
      await portal.clients.update(staffA, client.id, { email: 'dana.new@example.com' });
      await portal.outbox.flush();
      const newest = lastLinkToken('dana.new@example.com', 'confirm-email')!;
      await expect(portal.emails.confirm(fresh)).rejects.toMatchObject({ code: 'link_invalid' });
      expect((await portal.emails.confirm(newest, { password: NEW_PASSWORD })).client).toMatchObject({ id: client.id, email: 'dana.new@example.com' });
      expect((await signIn('dana.new@example.com', NEW_PASSWORD)).client.id).toBe(client.id);
    });

    test('a confirmation cancelled with portal access is sent again once access is back and the address saved again', async ({ portal, activeClient, lastLinkToken }) => {
      const { client } = await activeClient();
      await portal.clients.update(staffA, client.id, { email: 'dana.new@example.com' });
      await portal.outbox.flush();
      const cancelled = lastLinkToken('dana.new@example.com', 'confirm-email')!;
      await portal.clients.update(staffA, client.id, { portalAccess: false });
      await portal.clients.update(staffA, client.id, { portalAccess: true });
      await expect(portal.emails.confirm(cancelled)).rejects.toMatchObject({ code: 'link_invalid' });
      await portal.clients.update(staffA, client.id, { email: 'dana.new@example.com' });
      await portal.outbox.flush();
      const fresh = lastLinkToken('dana.new@example.com', 'confirm-email')!;
      expect((await portal.emails.confirm(fresh, { password: NEW_PASSWORD })).client).toMatchObject({ id: client.id, email: 'dana.new@example.com' });
    });

    test('adding a client with an address another is confirming names the client confirming it', async ({ portal, activeClient }) => {
      const { client } = await activeClient();
      await portal.clients.update(staffA, client.id, { email: 'dana.new@example.com' });
      const refused = portal.clients.add(staffA, { email: 'dana.new@example.com', projectIds: ['p-maple'] });
      await expect(refused).rejects.toMatchObject({ code: 'conflict', field: 'email', reason: 'email_being_confirmed' });
      await expect(refused).rejects.toThrow('dana.new@example.com is taken: the client Dana Client (dana@example.com) is confirming it as its new address.');
    });

    test('keeps emails unique per tenant, pending ones included, and changes nothing when refused', async ({ portal, activeClient }) => {
      const dana = await activeClient();
      const eve = await activeClient('eve@example.com');
      await expect(portal.clients.update(staffA, dana.client.id, { email: 'eve@example.com', name: 'Renamed' })).rejects.toMatchObject({ code: 'conflict', field: 'email', reason: 'email_in_use' });
      await portal.clients.update(staffA, eve.client.id, { email: 'shared@example.com' });
      await expect(portal.clients.update(staffA, dana.client.id, { email: 'shared@example.com' })).rejects.toMatchObject({ code: 'conflict', field: 'email', reason: 'email_being_confirmed' });
      await expect(portal.clients.add(staffA, { email: 'shared@example.com', projectIds: [] })).rejects.toMatchObject({ code: 'conflict' });
      const after = await portal.clients.get(staffA, dana.client.id);
      expect(after).toMatchObject({ email: 'dana@example.com', name: 'Dana Client' });
      expect(after).not.toHaveProperty('pendingEmail');
      expect(await portal.sessions.resolve(dana.session)).not.toBeNull();
      await expect(portal.clients.update(staffA, dana.client.id, { email: 'not an email' })).rejects.toMatchObject({ code: 'validation_failed' });
    });
  });

  describe(`archive and restore on ${name}`, () => {
    test('archived clients have no access, drop out of the list, keep their history; restore brings them back without access', async ({ portal, activeClient, signIn, resetToken, actions }) => {
      const { client, session } = await activeClient();
      const pendingReset = await resetToken('dana@example.com');
      const archived = await portal.clients.archive(staffA, client.id);
      expect(archived).toMatchObject({ status: 'archived', archivedAt: expect.any(Date) });
      expect(await portal.sessions.resolve(session)).toBeNull();
      await expect(signIn('dana@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      expect(await portal.can({ type: 'client', tenantId: TENANT_A, clientId: client.id }, 'read', { projectId: 'p-maple', module: 'documents', id: 'd-contracts' })).toBe(false);
      expect(await portal.passwords.inspect(pendingReset!)).toEqual({ status: 'cancelled' });
      expect((await portal.clients.list(staffA)).items.map((c) => c.id)).not.toContain(client.id);
      expect((await portal.clients.list(staffA, { status: 'archived' })).items.map((c) => c.id)).toEqual([client.id]);
      expect((await portal.clients.get(staffA, client.id)).status).toBe('archived');
      await expect(portal.clients.sendInvite(staffA, client.id)).rejects.toMatchObject({ code: 'conflict' });
      // Not a clash on the address: a form must not say another client has it.
      const refused = portal.clients.update(staffA, client.id, { email: 'dana.new@example.com' });
      await expect(refused).rejects.toMatchObject({ code: 'conflict', reason: 'client_archived', field: undefined });

      const restored = await portal.clients.restore(staffA, client.id);
      expect(restored).toMatchObject({ status: 'disabled', portalAccess: false, email: 'dana@example.com', projectIds: ['p-maple'] });
      expect(restored).not.toHaveProperty('archivedAt');
      expect((await portal.clients.list(staffA)).items.map((c) => c.id)).toContain(client.id);
      await expect(signIn('dana@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      await portal.clients.update(staffA, client.id, { portalAccess: true });
      expect((await signIn('dana@example.com', PASSWORD)).client.status).toBe('active');
      expect(await actions(client.id)).toEqual(expect.arrayContaining(['client.archived', 'client.restored', 'invite.accepted']));
    });

    test('a waiting email change survives archive and restore: neither address signs in until the new one is confirmed', async ({ portal, signIn, lastLinkToken }) => {
      // Corrected, then archived and restored.
      const added = await mistypedAndCorrected(portal, lastLinkToken);
      const cancelled = lastLinkToken('olivia@example.com', 'confirm-email')!;
      await portal.clients.archive(staffA, added.id);
      await portal.clients.restore(staffA, added.id);
      const back = await portal.clients.update(staffA, added.id, { portalAccess: true });
      expect(back).toMatchObject({ email: 'olivia@exmaple.com', pendingEmail: 'olivia@example.com', status: 'active' });
      // The stranger's password on the mistyped address stays dead, and no reset goes there.
      await expect(signIn('olivia@exmaple.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'olivia@exmaple.com' });
      await portal.outbox.flush();
      expect(lastLinkToken('olivia@exmaple.com', 'reset')).toBeUndefined();
      await expect(portal.emails.confirm(cancelled)).rejects.toMatchObject({ code: 'link_invalid' });
      // Saving the new address again sends a new confirmation link, which the real Olivia uses.
      await portal.clients.update(staffA, added.id, { email: 'olivia@example.com' });
      await portal.outbox.flush();
      const confirmed = await portal.emails.confirm(lastLinkToken('olivia@example.com', 'confirm-email')!, { password: NEW_PASSWORD });
      expect(confirmed.client).toMatchObject({ id: added.id, email: 'olivia@example.com' });
      expect((await signIn('olivia@example.com', NEW_PASSWORD)).client.id).toBe(added.id);
    });

    test('archiving an invited client cancels the invite', async ({ portal, lastLinkToken }) => {
      const added = await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
      await portal.outbox.flush();
      const token = lastLinkToken('eve@example.com', 'accept')!;
      await portal.clients.archive(staffA, added.id);
      expect(await portal.invites.inspect(token)).toMatchObject({ status: 'cancelled' });
      await expect(portal.invites.accept(token, { password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'invite_invalid' });
      const restored = await portal.clients.restore(staffA, added.id);
      expect(restored.status).toBe('disabled');
    });
  });

  describe(`clients.add on ${name}`, () => {
    test('says whether it created the client', async ({ portal, mail }) => {
      const first = await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
      expect(first).toMatchObject({ created: true, status: 'invited' });
      await portal.outbox.flush();
      const sent = mail.messages.length;
      const again = await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-harbor'] });
      expect(again).toMatchObject({ created: false, id: first.id, projectIds: ['p-maple', 'p-harbor'] });
      await portal.outbox.flush();
      expect(mail.messages.length).toBe(sent);
    });

    test('keeps the name a client has, and fills in one it lacks', async ({ portal }) => {
      await portal.clients.add(staffA, { email: 'dana@example.com', name: 'Dana Whitfield', projectIds: ['p-maple'] });
      expect(await portal.clients.add(staffA, { email: 'dana@example.com', name: 'Someone Else', projectIds: ['p-harbor'] })).toMatchObject({ name: 'Dana Whitfield' });
      const nameless = await portal.clients.add(staffA, { email: 'lee@example.com', projectIds: ['p-maple'] });
      expect(nameless.name).toBeUndefined();
      expect(await portal.clients.add(staffA, { email: 'lee@example.com', name: 'Lee Chen', projectIds: ['p-maple'] })).toMatchObject({ name: 'Lee Chen' });
      expect((await portal.clients.get(staffA, nameless.id)).name).toBe('Lee Chen');
    });
  });
}
