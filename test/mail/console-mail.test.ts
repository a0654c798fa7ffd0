import { describe, expect, it } from 'vitest';
import { createPortal } from 'sitegate';
import { consoleMail, memoryContent, memoryStorage } from 'sitegate/adapters/memory';
import { sampleContent, staffA, tenantSettings } from '../../src/testing/fixtures.js';
import { testPasswords } from '../support/make-portal.js';

/** A portal whose only mail is consoleMail, printing into `lines`. */
function portalPrintingMail(options: { revealTokens?: boolean } = {}) {
  const lines: string[] = [];
  const portal = createPortal({
    storage: memoryStorage(),
    mail: consoleMail({ ...options, log: (line) => lines.push(line) }),
    content: memoryContent(sampleContent()),
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
    tenants: async (id) => tenantSettings[id] ?? null,
    passwords: testPasswords,
  });
  return { portal, lines };
}

describe('consoleMail', () => {
  it('prints who, what and the link, with the token redacted by default', async () => {
    const { portal, lines } = portalPrintingMail();
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--- mail to dana@example.com:');
    expect(lines[0]).toContain('https://builder.example/portal/accept#token=[redacted]');
    // Nothing shaped like a token (<tenant>.<256-bit secret>) anywhere in the output.
    expect(lines[0]).not.toMatch(/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}/);
  });

  it('redacts tokens in query strings and bare tokens too', async () => {
    const lines: string[] = [];
    const token = `YWNtZQ.${'A'.repeat(43)}`;
    await consoleMail((line) => lines.push(line)).send({
      to: 'a@example.com',
      subject: 'Reset',
      messageId: 'm-1',
      text: `Open https://x.example/reset?token=${token}&lang=en or paste ${token}.`,
      html: '',
    });
    expect(lines[0]).toContain('https://x.example/reset?token=[redacted]&lang=en or paste [redacted].');
    expect(lines[0]).not.toContain('A'.repeat(43));
  });

  it('prints the working link only when told to reveal tokens', async () => {
    const { portal, lines } = portalPrintingMail({ revealTokens: true });
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const token = /#token=(\S+)/.exec(lines[0]!)?.[1];
    expect(token).toBeDefined();
    expect((await portal.invites.inspect(token!)).status).toBe('pending');
  });
});
