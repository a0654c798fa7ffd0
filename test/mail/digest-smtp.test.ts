import { describe, expect, it } from 'vitest';
import { createPortal } from 'sitegate';
import { memoryContent, memoryStorage } from 'sitegate/adapters/memory';
import { smtpMail } from 'sitegate/adapters/smtp';
import { sampleContent, staffA, TENANT_A, tenantSettings } from '../../src/testing/fixtures.js';
import { client } from '../../src/testing/storage/records.js';
import { testClock, testPasswords } from '../support/make-portal.js';
import { smtpServerPerSuite } from './support/smtp-server.js';

describe('a digest over SMTP', () => {
  const smtp = smtpServerPerSuite();

  it('carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) to the server', async () => {
    const mail = smtpMail({ url: smtp().url, from: 'portal@acme.example' });
    const storage = memoryStorage();
    const clock = testClock();
    const settings = structuredClone(tenantSettings);
    settings[TENANT_A]!.notifications = { default: 'instant' };
    const portal = createPortal({
      storage,
      mail,
      content: memoryContent(sampleContent()),
      acceptUrl: (token) => `https://builder.example/portal/accept#token=${token}`,
      unsubscribeUrl: (token) => `https://builder.example/api/portal/notifications/unsubscribe?token=${token}`,
      portalUrl: (_tenant, projectId) => `https://builder.example/portal/${projectId}`,
      tenants: async (id) => settings[id] ?? null,
      now: clock.now,
      passwords: testPasswords,
    });
    await storage.saveClient(client({ activatedAt: clock.now() }));
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(6 * 60_000);
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    await mail.close();
    const got = smtp().received.at(-1)!;
    expect(got.to).toEqual(['dana@example.com']);
    const headers = got.parsed.headers;
    expect(headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(String(headers['list-unsubscribe']).replace(/\s+/g, '')).toMatch(/^<https:\/\/builder\.example\/api\/portal\/notifications\/unsubscribe\?token=[A-Za-z0-9_.-]+>$/);
    expect(got.parsed.text).toContain('Building contract.pdf');
  });
});
