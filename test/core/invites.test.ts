import { describe, expect, it } from 'vitest';
import { OWASP_SCRYPT, scryptPasswords, TokenError, ValidationError } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { parseToken } from '../../src/tokens/secret-token.js';
import { makePortal } from '../support/make-portal.js';

async function invited(email = 'kim@example.com') {
  const setup = makePortal();
  const client = await setup.portal.clients.add(staffA, { email, name: 'Kim', projectIds: ['p-maple'] });
  await setup.portal.outbox.flush();
  return { ...setup, client, token: setup.lastInviteToken(email) };
}

/** Everything storage holds, as one string, to search for secrets. */
async function storageDump(setup: Awaited<ReturnType<typeof invited>>) {
  const { storage, client } = setup;
  const parts: unknown[] = [
    await storage.getClient(TENANT_A, client.id),
    await storage.listMailJobs(TENANT_A),
    await storage.listAudit(TENANT_A, { limit: 500 }),
    await storage.getAccount(TENANT_A, client.id),
  ];
  for (const job of await storage.listMailJobs(TENANT_A)) parts.push(await storage.getInvite(TENANT_A, job.inviteId!));
  return JSON.stringify(parts);
}

describe('invites', () => {
  it('mints 256-bit tokens and stores only their SHA-256', async () => {
    const setup = await invited();
    const parsed = parseToken(setup.token)!;
    expect(parsed.tenantId).toBe(TENANT_A);
    const secret = setup.token.split('.')[1]!;
    expect(secret.length).toBe(43); // 32 bytes in base64url
    const dump = await storageDump(setup);
    expect(dump).not.toContain(secret);
    const [job] = await setup.storage.listMailJobs(TENANT_A);
    const invite = await setup.storage.getInvite(TENANT_A, job!.inviteId!);
    expect(invite!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('inspecting a link consumes nothing, and unknown and garbage tokens answer alike', async () => {
    const { portal, token } = await invited();
    for (let i = 0; i < 3; i++) expect((await portal.invites.inspect(token)).status).toBe('pending');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const answers = await Promise.all([forged, 'garbage', '', 'a.b.c', token.slice(0, 20)].map((t) => portal.invites.inspect(t)));
    for (const answer of answers) expect(answer).toEqual({ status: 'cancelled' });
    await expect(portal.invites.accept('garbage', { password: 'long enough password' })).rejects.toMatchObject({ code: 'invite_invalid' });
    await expect(portal.invites.accept(forged, { password: 'long enough password' })).rejects.toMatchObject({ code: 'invite_invalid' });
    expect((await portal.invites.accept(token, { password: 'long enough password' })).client.status).toBe('active');
  });

  it('is single use', async () => {
    const { portal, token } = await invited();
    await portal.invites.accept(token, { password: 'long enough password' });
    const error = await portal.invites.accept(token, { password: 'another long password' }).catch((e) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect(error.code).toBe('invite_used');
    expect((await portal.invites.inspect(token)).status).toBe('accepted');
  });

  it('expires after the configured days, with a message that says what to do', async () => {
    const { portal, token, clock } = await invited();
    clock.advanceDays(13.9);
    expect((await portal.invites.inspect(token)).status).toBe('pending');
    clock.advanceDays(0.2);
    expect((await portal.invites.inspect(token)).status).toBe('expired');
    const error = await portal.invites.accept(token, { password: 'long enough password' }).catch((e) => e);
    expect(error.code).toBe('invite_expired');
    expect(error.message).toMatch(/expired.*new invite/i);
  });

  it('kills the old link on resend, also before it expired', async () => {
    const { portal, token, client, lastInviteToken } = await invited();
    await portal.clients.sendInvite(staffA, client.id);
    await expect(portal.invites.accept(token, { password: 'long enough password' })).rejects.toMatchObject({ code: 'invite_invalid' });
    expect((await portal.invites.inspect(token)).status).toBe('superseded');
    await portal.outbox.flush();
    const fresh = lastInviteToken('kim@example.com');
    expect((await portal.invites.accept(fresh, { password: 'long enough password' })).client.id).toBe(client.id);
  });

  it('rejects a weak password without using the token', async () => {
    const { portal, token } = await invited();
    const error = await portal.invites.accept(token, { password: 'short' }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues[0].path).toEqual(['password']);
    expect((await portal.invites.inspect(token)).status).toBe('pending');
  });

  it('lets exactly one of many concurrent accepts through', async () => {
    const { portal, token } = await invited();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => portal.invites.accept(token, { password: 'long enough password' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('invite_used');
  });

  it('refuses a link whose client had portal access switched off', async () => {
    const { portal, token, client } = await invited();
    await portal.clients.update(staffA, client.id, { portalAccess: false });
    await expect(portal.invites.accept(token, { password: 'long enough password' })).rejects.toMatchObject({ code: 'invite_invalid' });
  });

  it('cancels the pending invite when portal access is switched off: the old link stays dead after access is back on', async () => {
    // Used to fail: the invite stayed pending, so switching access back on revived the old link.
    const { portal, token, client, storage, mail } = await invited();
    const off = await portal.clients.update(staffA, client.id, { portalAccess: false });
    expect(off.status).toBe('disabled');
    expect(off.inviteExpiresAt).toBeUndefined();
    expect((await portal.invites.inspect(token)).status).toBe('cancelled');
    const on = await portal.clients.update(staffA, client.id, { portalAccess: true });
    expect(on.status).toBe('not_invited');
    expect((await portal.invites.inspect(token)).status).toBe('cancelled');
    await expect(portal.invites.accept(token, { password: 'long enough password' })).rejects.toMatchObject({ code: 'invite_invalid' });
    expect((await storage.getClient(TENANT_A, client.id))?.activatedAt).toBeUndefined();
    // A fresh invite works as usual.
    await portal.clients.sendInvite(staffA, client.id);
    await portal.outbox.flush();
    expect(mail.messages).toHaveLength(2);
    const fresh = await portal.invites.accept(mail.messages.at(-1)!.text.match(/token=([^\s"&<]+)/)![1]!.replace(/%2E/gi, '.'), { password: 'long enough password' });
    expect(fresh.client.status).toBe('active');
  });

  it('cancels a never-sent invite too: its queued mail is not sent once access is switched off', async () => {
    const { portal, storage, mail } = makePortal();
    const client = await portal.clients.add(staffA, { email: 'lou@example.com', projectIds: ['p-maple'] });
    await portal.clients.update(staffA, client.id, { portalAccess: false });
    await portal.outbox.flush();
    expect(mail.messages).toHaveLength(0);
    const [job] = await storage.listMailJobs(TENANT_A);
    expect((await storage.getInvite(TENANT_A, job!.inviteId!))?.status).toBe('cancelled');
  });
});

describe('passwords', () => {
  it('default to scrypt with OWASP parameters, stored with the hash', async () => {
    expect(OWASP_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const hasher = scryptPasswords();
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hasher.verify('correct horse battery', hash)).toBe(true);
    expect(await hasher.verify('correct horse batterY', hash)).toBe(false);
    expect(await hasher.verify('x', 'not a hash')).toBe(false);
  });
});

describe('sessions', () => {
  async function active() {
    const setup = await invited();
    const { session } = await setup.portal.invites.accept(setup.token, { password: 'long enough password' });
    return { ...setup, session };
  }

  it('answers unknown email and wrong password with one error', async () => {
    const { portal } = await active();
    const wrong = await portal.sessions.signIn({ tenantId: TENANT_A, email: 'kim@example.com', password: 'wrong password!' }).catch((e) => e);
    const unknown = await portal.sessions.signIn({ tenantId: TENANT_A, email: 'nobody@example.com', password: 'wrong password!' }).catch((e) => e);
    const otherTenant = await portal.sessions.signIn({ tenantId: 'globex', email: 'kim@example.com', password: 'long enough password' }).catch((e) => e);
    for (const e of [wrong, unknown, otherTenant]) {
      expect(e).toBeInstanceOf(TokenError);
      expect({ code: e.code, message: e.message }).toEqual({ code: wrong.code, message: wrong.message });
    }
    expect(wrong.code).toBe('invalid_credentials');
  });

  it('stores sessions hashed, expires them, and ends them on sign-out', async () => {
    const { portal, session, clock, storage, client } = await active();
    const secret = session.token.split('.')[1]!;
    const stored = await storage.getSessionByTokenHash(TENANT_A, (await import('../../src/tokens/secret-token.js').then((m) => m.hashToken(session.token))));
    expect(stored?.clientId).toBe(client.id);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(await portal.sessions.resolve(session.token)).toMatchObject({ clientId: client.id });
    await portal.sessions.signOut(session.token);
    expect(await portal.sessions.resolve(session.token)).toBeNull();
    const again = await portal.sessions.signIn({ tenantId: TENANT_A, email: 'kim@example.com', password: 'long enough password' });
    clock.advanceDays(31);
    expect(await portal.sessions.resolve(again.session.token)).toBeNull();
    expect(await portal.sessions.resolve('nonsense')).toBeNull();
  });

  it('switching portal access off ends access at once; switching it on allows sign-in again', async () => {
    const { portal, session, client } = await active();
    await portal.clients.update(staffA, client.id, { portalAccess: false });
    expect(await portal.sessions.resolve(session.token)).toBeNull();
    const actor = { type: 'client' as const, tenantId: TENANT_A, clientId: client.id };
    await expect(portal.view.projects(actor)).rejects.toMatchObject({ code: 'not_found' });
    await expect(portal.sessions.signIn({ tenantId: TENANT_A, email: 'kim@example.com', password: 'long enough password' })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    await portal.clients.update(staffA, client.id, { portalAccess: true });
    const back = await portal.sessions.signIn({ tenantId: TENANT_A, email: 'kim@example.com', password: 'long enough password' });
    expect(await portal.sessions.resolve(back.session.token)).toMatchObject({ clientId: client.id });
  });
});
