import { describe, expect, it } from 'vitest';
import type { ClientActor } from 'sitegate';
import { smtpMail, type SmtpMail } from 'sitegate/adapters/smtp';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { client } from '../../src/testing/storage/records.js';
import { makePortal } from '../support/make-portal.js';
import { smtpServerPerSuite } from './support/smtp-server.js';

const MINUTE = 60_000;
const notifications = {
  portalUrl: (tenantId: string, projectId: string) => `https://builder.example/portal/${tenantId}/${projectId}`,
  unsubscribeUrl: (token: string) => `https://builder.example/api/portal/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
};

/** What SpamAssassin's MSGID_NOFQDN1 asks of a Message-ID: a domain part with a dot in it. */
const DOTTED = /^<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/;

describe('Message-IDs', () => {
  it('of every email sitegate writes have a domain with a dot (invite, link, digest)', async () => {
    const { portal, mail, clock, lastInviteToken } = makePortal({ notifications });
    await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const { session } = await portal.invites.accept(lastInviteToken('eve@example.com'), { password: 'long enough password' });
    await portal.notifications.set((await portal.sessions.resolve(session.token)) as ClientActor, { frequency: 'instant' });
    await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'eve@example.com' });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(6 * MINUTE);
    await portal.outbox.flush();
    const kinds = mail.messages.map((m) => Object.keys(m.headers ?? {}).find((h) => h !== 'X-Sitegate-Job' && h.startsWith('X-Sitegate-')) ?? 'digest');
    expect(kinds).toEqual(['X-Sitegate-Invite', 'X-Sitegate-Link', 'digest']);
    for (const message of mail.messages) expect(message.messageId).toMatch(DOTTED);
  });

  describe('over SMTP', () => {
    const smtp = smtpServerPerSuite();

    /** Sends one invite through `mail` and answers the Message-ID the server received. */
    async function inviteMessageId(mail: SmtpMail, email: string): Promise<string> {
      const { portal } = makePortal({ mail });
      try {
        await portal.clients.add(staffA, { email, projectIds: ['p-maple'] });
        expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
      } finally {
        await mail.close();
      }
      return smtp().received.at(-1)!.parsed.headers['message-id']!;
    }

    it('take the domain of the From address', async () => {
      const mail = smtpMail({ url: smtp().url, from: '"Acme Builders" <portal@Acme.Example>' });
      const { portal, storage, clock, settings } = makePortal({ mail, notifications });
      settings[TENANT_A]!.notifications = { default: 'instant' };
      try {
        await portal.clients.add(staffA, { email: 'fay@example.com', projectIds: ['p-maple'] });
        await storage.saveClient(client({ activatedAt: clock.now() }));
        await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
        clock.advanceMs(6 * MINUTE);
        expect(await portal.outbox.flush()).toMatchObject({ sent: 2 });
      } finally {
        await mail.close();
      }
      const ids = smtp().received.slice(-2).map((m) => m.parsed.headers['message-id']);
      for (const id of ids) expect(id).toMatch(/^<[a-z]+_[A-Za-z0-9_-]+\.1@acme\.example>$/);
    });

    it('write an internationalised From domain in ASCII', async () => {
      const mail = smtpMail({ url: smtp().url, from: 'Bâtisseurs Dupré <portail@Bâtisseurs-Dupré.example>' });
      expect(await inviteMessageId(mail, 'hal@example.com')).toMatch(/^<mj_[A-Za-z0-9_-]+\.1@xn--btisseurs-dupr-bhb9j\.example>$/);
    });

    it('keep a domain with a dot when the From address has none', async () => {
      for (const from of ['portal@localhost', '"Acme" <portal@localhost>']) {
        expect(await inviteMessageId(smtpMail({ url: smtp().url, from }), 'gus@example.com')).toMatch(DOTTED);
      }
    });
  });
});
