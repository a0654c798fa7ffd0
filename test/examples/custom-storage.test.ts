// Exactly what the author of an outside adapter writes: the published suite, run on their store,
// plus a portal running on it.
import { describe, expect, it } from 'vitest';
import { createPortal } from 'sitegate';
import { memoryContent, memoryMail } from 'sitegate/adapters/memory';
import { sampleContent, staffA, storageConformance, tenantSettings } from 'sitegate/testing';
import { mapStorage } from '../../examples/custom-storage/map-storage.js';
import { inviteToken, testPasswords } from './support.js';

storageConformance({ name: 'mapStorage (examples/custom-storage)', create: () => mapStorage() });

describe('a portal on mapStorage', () => {
  it('invites, accepts and shows what was shared', async () => {
    const mail = memoryMail();
    const portal = createPortal({
      storage: mapStorage(),
      mail,
      content: memoryContent(sampleContent()),
      acceptUrl: (token) => `https://builder.example/accept#token=${token}`,
      tenants: async (tenantId) => tenantSettings[tenantId] ?? null,
      passwords: testPasswords,
    });
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'drawings', id: 'dr-a101', kind: 'item' }]);
    await portal.outbox.flush();
    const token = inviteToken(mail.messages[0]!.text, 'https://builder.example/accept');
    const { session } = await portal.invites.accept(token, { password: 'a long passphrase' });
    const dana = (await portal.sessions.resolve(session.token))!;
    const feed = await portal.view.feed(dana, 'p-maple');
    expect(feed.modules.drawings?.map((d) => d.id)).toEqual(['dr-a101']);
    expect(feed.modules.documents).toEqual([]);
    await expect(portal.invites.accept(token, { password: 'a long passphrase' })).rejects.toMatchObject({ code: 'invite_used' });
  });
});
