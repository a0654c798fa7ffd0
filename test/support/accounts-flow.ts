import { describe, expect, it } from 'vitest';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import type { Storage } from '../../src/index.js';
import { makePortal } from './make-portal.js';

export const PASSWORD = 'correct horse battery';
export const NEW_PASSWORD = 'new staple of the portal';

/** A portal on `storage` with helpers: an active client (invited, accepted) and link tokens from the mail. */
export async function accountsEnv(storage: Storage) {
  // Room for 20 concurrent resets: hashing is bounded (BusyError beyond the queue) by design.
  const env = makePortal({ storage, passwordHashing: { queue: 32 } });
  const { portal } = env;
  async function activeClient(email = 'dana@example.com', projectIds = ['p-maple']) {
    const client = await portal.clients.add(staffA, { email, name: 'Dana Client', projectIds });
    await portal.outbox.flush();
    const accepted = await portal.invites.accept(env.lastLinkToken(email, 'accept')!, { password: PASSWORD });
    return { client: accepted.client, session: accepted.session.token };
  }
  const signIn = (email: string, password: string) => portal.sessions.signIn({ tenantId: TENANT_A, email, password });
  /** Requests a reset for `email` and returns the token mailed (undefined when none went out). */
  async function resetToken(email: string): Promise<string | undefined> {
    const before = env.mail.messages.length;
    await portal.passwords.requestReset({ tenantId: TENANT_A, email });
    await portal.outbox.flush();
    return env.mail.messages.length > before ? env.lastLinkToken(email, 'reset') : undefined;
  }
  const actions = async (clientId: string) => (await portal.audit.list(staffA, { clientId, limit: 100 })).items.map((e) => e.action);
  return { ...env, activeClient, signIn, resetToken, actions };
}

/**
 * Password reset, sign-in links and signing out everywhere, through the headless API, on the
 * store `create` opens (fresh and empty; closed afterwards). Run on every adapter we ship.
 */
export function accountsFlow(name: string, create: () => Storage | Promise<Storage>): void {
  const test = (title: string, fn: (env: Awaited<ReturnType<typeof accountsEnv>>) => Promise<void>) =>
    it(title, { timeout: 120_000 }, async () => {
      const storage = await create();
      try {
        await fn(await accountsEnv(storage));
      } finally {
        await storage.close();
      }
    });

  describe(`password reset on ${name}`, () => {
    test('mails a 1-hour single-use link to an active client; the new password works, the old one and every other session do not', async ({ portal, activeClient, resetToken, signIn, clock, actions }) => {
      const { client, session } = await activeClient();
      const other = (await signIn('dana@example.com', PASSWORD)).session.token;
      const token = await resetToken('dana@example.com');
      expect(token).toBeDefined();
      expect(await portal.passwords.inspect(token!)).toEqual({ status: 'pending', email: 'dana@example.com' });
      // Looking twice consumes nothing.
      expect(await portal.passwords.inspect(token!)).toEqual({ status: 'pending', email: 'dana@example.com' });
      clock.advanceMs(59 * 60_000);
      const result = await portal.passwords.reset(token!, { password: NEW_PASSWORD });
      expect(result.client).toMatchObject({ id: client.id, status: 'active' });
      expect(await portal.sessions.resolve(result.session.token)).toEqual({ type: 'client', tenantId: TENANT_A, clientId: client.id });
      expect(await portal.sessions.resolve(session)).toBeNull();
      expect(await portal.sessions.resolve(other)).toBeNull();
      await expect(signIn('dana@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      expect((await signIn('dana@example.com', NEW_PASSWORD)).client.id).toBe(client.id);
      expect(await portal.passwords.inspect(token!)).toEqual({ status: 'used' });
      await expect(portal.passwords.reset(token!, { password: 'yet another long one' })).rejects.toMatchObject({ code: 'link_used' });
      expect(await actions(client.id)).toEqual(expect.arrayContaining(['password.reset_requested', 'password.reset']));
    });

    test('expires after an hour', async ({ portal, activeClient, resetToken, clock }) => {
      await activeClient();
      const token = await resetToken('dana@example.com');
      clock.advanceMs(60 * 60_000);
      expect(await portal.passwords.inspect(token!)).toEqual({ status: 'expired' });
      await expect(portal.passwords.reset(token!, { password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'link_expired' });
    });

    test('a newer link supersedes the older, which then answers like an unknown token', async ({ portal, activeClient, resetToken }) => {
      await activeClient();
      const first = await resetToken('dana@example.com');
      const second = await resetToken('dana@example.com');
      expect(second).not.toBe(first);
      expect(await portal.passwords.inspect(first!)).toEqual({ status: 'cancelled' });
      expect(await portal.passwords.inspect('garbage')).toEqual({ status: 'cancelled' });
      await expect(portal.passwords.reset(first!, { password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'link_invalid' });
      await expect(portal.passwords.reset('garbage', { password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'link_invalid' });
      expect((await portal.passwords.reset(second!, { password: NEW_PASSWORD })).client.email).toBe('dana@example.com');
    });

    test('sends nothing for unknown, invited, disabled and archived emails, and answers the same', async ({ portal, activeClient, resetToken, mail }) => {
      await activeClient('active@example.com');
      const invited = await portal.clients.add(staffA, { email: 'invited@example.com', projectIds: ['p-maple'] });
      const disabled = await activeClient('disabled@example.com');
      await portal.clients.update(staffA, disabled.client.id, { portalAccess: false });
      const archived = await activeClient('archived@example.com');
      await portal.clients.archive(staffA, archived.client.id);
      await portal.outbox.flush();
      const sent = mail.messages.length;
      for (const email of ['nobody@example.com', 'invited@example.com', 'disabled@example.com', 'archived@example.com']) {
        expect(await portal.passwords.requestReset({ tenantId: TENANT_A, email })).toBeUndefined();
        expect(await resetToken(email)).toBeUndefined();
      }
      expect(await portal.passwords.requestReset({ tenantId: 'no-such-tenant', email: 'active@example.com' })).toBeUndefined();
      await portal.outbox.flush();
      expect(mail.messages.length).toBe(sent);
      expect(invited.status).toBe('invited');
      expect(await resetToken('active@example.com')).toBeDefined();
    });

    test('refuses a weak password naming the rule, and changes nothing', async ({ portal, activeClient, resetToken, signIn }) => {
      await activeClient();
      const token = await resetToken('dana@example.com');
      await expect(portal.passwords.reset(token!, { password: 'short' })).rejects.toMatchObject({ code: 'validation_failed' });
      await expect(portal.passwords.reset(token!, { password: 'password123' })).rejects.toMatchObject({
        code: 'validation_failed',
        issues: [expect.objectContaining({ path: ['password'], code: expect.any(String) })],
      });
      expect(await portal.passwords.inspect(token!)).toEqual({ status: 'pending', email: 'dana@example.com' });
      expect((await signIn('dana@example.com', PASSWORD)).client.email).toBe('dana@example.com');
    });

    test('of 20 concurrent resets with one token, exactly one wins', async ({ portal, activeClient, resetToken }) => {
      await activeClient();
      const token = await resetToken('dana@example.com');
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => portal.passwords.reset(token!, { password: `${NEW_PASSWORD} ${i}` })));
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'link_used' });
    });

    test('staff send the same link to an active client, and only to one', async ({ portal, activeClient, lastLinkToken, actions }) => {
      const { client } = await activeClient();
      await portal.clients.sendPasswordReset(staffA, client.id);
      await portal.outbox.flush();
      const token = lastLinkToken('dana@example.com', 'reset');
      expect(await portal.passwords.inspect(token!)).toMatchObject({ status: 'pending' });
      const invited = await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
      await expect(portal.clients.sendPasswordReset(staffA, invited.id)).rejects.toMatchObject({ code: 'conflict' });
      await expect(portal.clients.sendPasswordReset({ type: 'staff', tenantId: 'globex', userId: 'u-bob' }, client.id)).rejects.toMatchObject({ code: 'not_found' });
      expect(await actions(client.id)).toContain('password.reset_requested');
    });

    test('switching portal access off kills a pending reset link', async ({ portal, activeClient, resetToken }) => {
      const { client } = await activeClient();
      const token = await resetToken('dana@example.com');
      await portal.clients.update(staffA, client.id, { portalAccess: false });
      await portal.clients.update(staffA, client.id, { portalAccess: true });
      expect(await portal.passwords.inspect(token!)).toEqual({ status: 'cancelled' });
      await expect(portal.passwords.reset(token!, { password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'link_invalid' });
    });
  });

  describe(`sign-in links on ${name}`, () => {
    test('mail a 15-minute single-use link when the tenant allows links', async ({ portal, activeClient, settings, mail, lastLinkToken, clock, actions }) => {
      const { client } = await activeClient();
      const sent = mail.messages.length;
      await portal.sessions.requestLink({ tenantId: TENANT_A, email: 'dana@example.com' });
      await portal.outbox.flush();
      expect(mail.messages.length).toBe(sent); // the tenant allows passwords only
      settings[TENANT_A]!.signInMethods = ['password', 'link'];
      await portal.sessions.requestLink({ tenantId: TENANT_A, email: 'dana@example.com' });
      await portal.sessions.requestLink({ tenantId: TENANT_A, email: 'nobody@example.com' });
      await portal.outbox.flush();
      expect(mail.messages.length).toBe(sent + 1);
      const token = lastLinkToken('dana@example.com', 'sign-in-link')!;
      const signedIn = await portal.sessions.signInWithLink(token);
      expect(signedIn.client.id).toBe(client.id);
      expect(await portal.sessions.resolve(signedIn.session.token)).toMatchObject({ clientId: client.id });
      await expect(portal.sessions.signInWithLink(token)).rejects.toMatchObject({ code: 'link_used' });
      // A reset token is no sign-in link.
      await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'dana@example.com' });
      await portal.outbox.flush();
      await expect(portal.sessions.signInWithLink(lastLinkToken('dana@example.com', 'reset')!)).rejects.toMatchObject({ code: 'link_invalid' });

      await portal.sessions.requestLink({ tenantId: TENANT_A, email: 'dana@example.com' });
      await portal.outbox.flush();
      const late = lastLinkToken('dana@example.com', 'sign-in-link')!;
      clock.advanceMs(15 * 60_000);
      await expect(portal.sessions.signInWithLink(late)).rejects.toMatchObject({ code: 'link_expired' });
      expect(await actions(client.id)).toEqual(expect.arrayContaining(['session.link_requested', 'session.signed_in']));
    });

    test('stop working when the tenant stops allowing links, like an unknown token', async ({ portal, activeClient, settings, lastLinkToken }) => {
      await activeClient();
      settings[TENANT_A]!.signInMethods = ['link'];
      await portal.sessions.requestLink({ tenantId: TENANT_A, email: 'dana@example.com' });
      await portal.outbox.flush();
      const token = lastLinkToken('dana@example.com', 'sign-in-link')!;
      settings[TENANT_A]!.signInMethods = ['password'];
      await expect(portal.sessions.signInWithLink(token)).rejects.toMatchObject({ code: 'link_invalid' });
      settings[TENANT_A]!.signInMethods = ['link'];
      expect((await portal.sessions.signInWithLink(token)).client.email).toBe('dana@example.com');
    });

    test('alone turn passwords off: sign-in, reset requests, reset links out and staff resets all refuse', async ({ portal, activeClient, settings, signIn, resetToken, mail }) => {
      const { client } = await activeClient();
      const outstanding = (await resetToken('dana@example.com'))!;
      settings[TENANT_A]!.signInMethods = ['link'];
      // The right password answers as a wrong one does: nothing tells the password was right.
      await expect(signIn('dana@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      const sent = mail.messages.length;
      expect(await resetToken('dana@example.com')).toBeUndefined();
      expect(mail.messages.length).toBe(sent);
      await expect(portal.passwords.reset(outstanding, { password: NEW_PASSWORD })).rejects.toMatchObject({ code: 'link_invalid' });
      // The reset page, asking first, is told the link is dead, not shown a form that would fail.
      expect(await portal.passwords.inspect(outstanding)).toEqual({ status: 'cancelled' });
      await expect(portal.clients.sendPasswordReset(staffA, client.id)).rejects.toMatchObject({ status: 409, reason: 'passwords_off' });
      // An empty list is the default, password only; passwords allowed again, the password works.
      settings[TENANT_A]!.signInMethods = [];
      expect((await signIn('dana@example.com', PASSWORD)).client.id).toBe(client.id);
      expect(await portal.passwords.inspect(outstanding)).toEqual({ status: 'pending', email: 'dana@example.com' });
      expect(await portal.passwords.reset(outstanding, { password: NEW_PASSWORD })).toMatchObject({ client: { id: client.id } });
    });

    test('work for an active client whose account has no password', async ({ portal, storage, settings, lastLinkToken, signIn }) => {
      settings[TENANT_A]!.signInMethods = ['password', 'link'];
      const added = await portal.clients.add(staffA, { email: 'nopass@example.com', projectIds: ['p-maple'], invite: false });
      // An account with no password: the client is active, and no account record holds a hash.
      const record = (await storage.getClient(TENANT_A, added.id))!;
      await storage.saveClient({ ...record, activatedAt: new Date(record.createdAt) });
      await expect(signIn('nopass@example.com', PASSWORD)).rejects.toMatchObject({ code: 'invalid_credentials' });
      await portal.sessions.requestLink({ tenantId: TENANT_A, email: 'nopass@example.com' });
      await portal.outbox.flush();
      const signedIn = await portal.sessions.signInWithLink(lastLinkToken('nopass@example.com', 'sign-in-link')!);
      expect(signedIn.client).toMatchObject({ id: added.id, status: 'active' });
    });

    test('signing out everywhere ends every session of the client and no one else\'s', async ({ portal, activeClient, signIn, actions }) => {
      const dana = await activeClient();
      const eve = await activeClient('eve@example.com');
      const second = (await signIn('dana@example.com', PASSWORD)).session.token;
      const actor = (await portal.sessions.resolve(dana.session))!;
      await portal.sessions.signOutEverywhere(actor);
      expect(await portal.sessions.resolve(dana.session)).toBeNull();
      expect(await portal.sessions.resolve(second)).toBeNull();
      expect(await portal.sessions.resolve(eve.session)).not.toBeNull();
      expect(await actions(dana.client.id)).toContain('session.signed_out_everywhere');
      await expect(portal.sessions.signOutEverywhere(staffA as never)).rejects.toMatchObject({ code: 'forbidden' });
    });
  });
}
