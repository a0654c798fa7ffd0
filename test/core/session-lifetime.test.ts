import { describe, expect, it } from 'vitest';
import { createPortal } from 'sitegate';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { sampleContent, staffA, TENANT_A, tenantSettings } from '../../src/testing/fixtures.js';
import { testClock, testPasswords } from '../support/make-portal.js';

const PASSWORD = 'correct horse battery';

describe('session lifetime', () => {
  it('a shorter sessionTtlDays also ends the sessions begun under a longer one', async () => {
    const storage = memoryStorage();
    const mail = memoryMail();
    const clock = testClock();
    const portalWith = (sessionTtlDays: number) =>
      createPortal({
        storage,
        mail,
        content: memoryContent(sampleContent()),
        acceptUrl: (token) => `https://builder.example/accept#token=${token}`,
        tenants: async (id) => tenantSettings[id] ?? null,
        passwords: testPasswords,
        now: clock.now,
        sessionTtlDays,
      });
    const before = portalWith(30);
    await before.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await before.outbox.flush();
    const token = decodeURIComponent(/token=([^\s"&<]+)/.exec(mail.messages.at(-1)!.text)![1]!);
    const { session } = await before.invites.accept(token, { password: PASSWORD });

    // The host shortens sessions to one day (say, after an incident) and restarts.
    const after = portalWith(1);
    clock.advanceDays(0.5);
    expect(await after.sessions.resolve(session.token)).toMatchObject({ clientId: expect.any(String) });
    clock.advanceDays(0.5);
    expect(await after.sessions.resolve(session.token)).toBeNull();
    // A longer setting never lengthens a session past the expiry it was given.
    const longer = portalWith(60);
    clock.advanceDays(29.5);
    expect(await longer.sessions.resolve(session.token)).toBeNull();
    // Sessions begun under the current setting live as long as it says.
    const fresh = await after.sessions.signIn({ tenantId: TENANT_A, email: 'dana@example.com', password: PASSWORD });
    clock.advanceDays(0.99);
    expect(await after.sessions.resolve(fresh.session.token)).not.toBeNull();
    clock.advanceDays(0.01);
    expect(await after.sessions.resolve(fresh.session.token)).toBeNull();
  });
});
