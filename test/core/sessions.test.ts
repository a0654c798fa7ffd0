import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortal, type PasswordHasher, type Storage } from 'sitegate';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { sampleContent, staffA, TENANT_A, tenantSettings } from '../../src/testing/fixtures.js';
import { sqlBackends, type SqlBackend } from '../reliability/sql-backends.js';
import { testPasswords } from '../support/make-portal.js';

const PASSWORD = 'correct horse battery';

/** A portal whose password checks can be held at a gate, to act while a sign-in is mid-way. */
function gatedPortal(storage: Storage) {
  let gate: Promise<void> | undefined;
  let open = () => {};
  let reached = () => {};
  const passwords: PasswordHasher = {
    hash: (p) => testPasswords.hash(p),
    async verify(p, stored) {
      const ok = await testPasswords.verify(p, stored);
      reached();
      if (gate) await gate;
      return ok;
    },
  };
  const mail = memoryMail();
  const portal = createPortal({
    storage,
    mail,
    content: memoryContent(sampleContent()),
    acceptUrl: (token) => `https://builder.example/accept#token=${token}`,
    tenants: async (id) => tenantSettings[id] ?? null,
    passwords,
  });
  return {
    portal,
    mail,
    /** Holds the next password checks until `release()`; resolves once one has reached the gate. */
    hold(): Promise<void> {
      gate = new Promise((resolve) => (open = resolve));
      return new Promise((resolve) => (reached = resolve));
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

async function activeClient(env: ReturnType<typeof gatedPortal>, email: string) {
  const client = await env.portal.clients.add(staffA, { email, projectIds: ['p-maple'] });
  await env.portal.outbox.flush();
  const token = /token=([^\s"&<]+)/.exec(env.mail.messages.at(-1)!.text)![1]!;
  await env.portal.invites.accept(decodeURIComponent(token), { password: PASSWORD });
  return client;
}

function raceSuite(open: () => Promise<Storage>) {
  it('a sign-in in progress when portal access is switched off creates no session, not even one that works after access is back on', async () => {
    // Used to fail: access was checked before the slow password check only, so the session was
    // created anyway and worked again once access was switched back on.
    const env = gatedPortal(await open());
    const kim = await activeClient(env, `kim-${Math.random().toString(36).slice(2)}@example.com`);
    const atGate = env.hold();
    const signIn = env.portal.sessions.signIn({ tenantId: TENANT_A, email: kim.email, password: PASSWORD }).then(
      (r) => r,
      (e: unknown) => e,
    );
    await atGate;
    await env.portal.clients.update(staffA, kim.id, { portalAccess: false });
    env.release();
    const result = await signIn;
    expect(result).toMatchObject({ code: 'invalid_credentials' });
    await env.portal.clients.update(staffA, kim.id, { portalAccess: true });
    const signedIn = (await env.portal.audit.list(staffA, { clientId: kim.id, limit: 100 })).items.filter((e) => e.action === 'session.signed_in');
    expect(signedIn).toHaveLength(0);
    // And a sign-in after access is back on works as usual.
    const again = await env.portal.sessions.signIn({ tenantId: TENANT_A, email: kim.email, password: PASSWORD });
    expect(await env.portal.sessions.resolve(again.session.token)).toMatchObject({ clientId: kim.id });
  });
}

describe('sessions: sign-in against a change of access', () => {
  describe('memory', () => raceSuite(async () => memoryStorage()));

  describe.each(sqlBackends())('$name', ({ open }) => {
    let backend: SqlBackend;
    beforeAll(async () => {
      backend = await open();
      await backend.storage();
    }, 120_000);
    afterAll(() => backend?.close());
    raceSuite(() => backend.storage());
  });
});
