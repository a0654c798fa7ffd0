import { describe, expect, it } from 'vitest';
import { ValidationError } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const PASSWORD = 'correct horse battery';

/** The audit lines about a client, oldest first. */
async function trail(portal: ReturnType<typeof makePortal>['portal'], clientId: string) {
  return (await portal.audit.list(staffA, { clientId })).items.reverse().map((e) => ({ action: e.action, data: e.data }));
}

describe('a client’s email language, set by the builder', () => {
  it('is taken by clients.add, in its canonical case, and returned on every staff record', async () => {
    const { portal, storage } = makePortal();
    const added = await portal.clients.add(staffA, { email: 'lea@example.com', projectIds: ['p-maple'], language: 'FR-ca' });
    expect(added).toMatchObject({ language: 'fr-CA', created: true });
    expect((await storage.getClient(TENANT_A, added.id))?.language).toBe('fr-CA');
    expect((await portal.clients.get(staffA, added.id)).language).toBe('fr-CA');
    expect((await portal.clients.list(staffA)).items.map((c) => c.language)).toEqual(['fr-CA']);
    const plain = await portal.clients.add(staffA, { email: 'sam@example.com', projectIds: ['p-maple'] });
    expect(plain).not.toHaveProperty('language');
  });

  it('is on the audit line of a new client (client.added), only when given', async () => {
    const { portal } = makePortal();
    const lea = await portal.clients.add(staffA, { email: 'lea@example.com', projectIds: ['p-maple'], language: 'FR-ca' });
    const sam = await portal.clients.add(staffA, { email: 'sam@example.com', projectIds: ['p-maple'] });
    const added = async (id: string) => (await trail(portal, id)).find((e) => e.action === 'client.added')?.data;
    expect(await added(lea.id)).toEqual({ projectIds: ['p-maple'], language: 'fr-CA' });
    expect(await added(sam.id)).toEqual({ projectIds: ['p-maple'] });
  });

  it('fills in an existing client’s language only where it had none, as the name, and audits it', async () => {
    const { portal } = makePortal();
    const first = await portal.clients.add(staffA, { email: 'lea@example.com', projectIds: ['p-maple'] });
    const again = await portal.clients.add(staffA, { email: 'lea@example.com', projectIds: ['p-oak'], language: 'fr' });
    expect(again).toMatchObject({ id: first.id, created: false, language: 'fr' });
    const third = await portal.clients.add(staffA, { email: 'lea@example.com', projectIds: [], language: 'en' });
    expect(third.language).toBe('fr');
    const updates = (await trail(portal, first.id)).filter((e) => e.action === 'client.updated');
    expect(updates.map((e) => e.data?.language)).toEqual(['fr', undefined]);
  });

  it('is set, changed and cleared (null) by clients.update; left alone when not given; audited', async () => {
    const { portal, storage } = makePortal();
    const { id } = await portal.clients.add(staffA, { email: 'lea@example.com', projectIds: ['p-maple'] });
    expect(await portal.clients.update(staffA, id, { language: 'fr-CA' })).toMatchObject({ language: 'fr-CA' });
    expect(await portal.clients.update(staffA, id, { name: 'Léa' })).toMatchObject({ name: 'Léa', language: 'fr-CA' });
    expect((await portal.clients.update(staffA, id, { language: 'EN-gb' })).language).toBe('en-GB');
    const cleared = await portal.clients.update(staffA, id, { language: null });
    expect(cleared).not.toHaveProperty('language');
    expect(await storage.getClient(TENANT_A, id)).not.toHaveProperty('language');
    const updates = (await trail(portal, id)).filter((e) => e.action === 'client.updated');
    expect(updates.map((e) => e.data)).toEqual([{ language: 'fr-CA' }, { name: 'Léa' }, { language: 'en-GB' }, { language: null }]);
  });

  it('refuses what is not a language tag with a 422 naming the field, and changes nothing', async () => {
    const { portal, storage } = makePortal();
    const { id } = await portal.clients.add(staffA, { email: 'lea@example.com', projectIds: ['p-maple'], language: 'fr' });
    const refusals: [unknown, string | RegExp][] = [
      ['french', 'must be a language tag such as en, fr or fr-CA'],
      ['en_US', 'must be a language tag such as en, fr or fr-CA'],
      ['', 'must be a language tag such as en, fr or fr-CA'],
      // The pattern of a tag, but no language `Intl` can read.
      ['en-US-US', 'must be a language tag such as en, fr or fr-CA'],
      // 38 characters, each subtag of a valid length.
      ['en-abcdefgh-abcdefgh-abcdefgh-abcdefgh', /<=35 characters/],
      [42, /expected string/i],
    ];
    for (const [language, message] of refusals) {
      const adding = await portal.clients.add(staffA, { email: 'new@example.com', projectIds: [], language: language as string }).catch((e: unknown) => e);
      expect(adding, String(language)).toBeInstanceOf(ValidationError);
      expect((adding as ValidationError).status).toBe(422);
      expect((adding as ValidationError).issues, String(language)).toEqual([expect.objectContaining({ path: ['language'], message: expect.stringMatching(message) })]);
      const updating = await portal.clients.update(staffA, id, { language: language as string }).catch((e: unknown) => e);
      expect(updating, String(language)).toBeInstanceOf(ValidationError);
      expect((updating as ValidationError).issues.map((i) => i.path)).toEqual([['language']]);
    }
    // `null` means "none" to update only.
    await expect(portal.clients.add(staffA, { email: 'new@example.com', projectIds: [], language: null as never })).rejects.toMatchObject({ issues: [{ path: ['language'] }] });
    expect((await portal.clients.list(staffA)).items.map((c) => c.email)).toEqual(['lea@example.com']);
    expect((await storage.getClient(TENANT_A, id))?.language).toBe('fr');
  });
});

describe('the language of the page an invite is accepted on', () => {
  it('becomes the client’s language when it had none, on the answer, view.me and the audit trail', async () => {
    const { portal, lastInviteToken } = makePortal();
    const { id } = await portal.clients.add(staffA, { email: 'lea@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const { client } = await portal.invites.accept(lastInviteToken('lea@example.com'), { password: PASSWORD, language: 'fr-ca' });
    expect(client.language).toBe('fr-CA');
    expect((await portal.clients.get(staffA, id)).language).toBe('fr-CA');
    const me = await portal.view.me({ type: 'client', tenantId: TENANT_A, clientId: id });
    expect(me.client.language).toBe('fr-CA');
    expect((await trail(portal, id)).find((e) => e.action === 'invite.accepted')?.data).toMatchObject({ language: 'fr-CA' });
  });

  it('does not replace a language the builder set', async () => {
    const { portal, lastInviteToken } = makePortal();
    const { id } = await portal.clients.add(staffA, { email: 'sam@example.com', projectIds: ['p-maple'], language: 'en' });
    await portal.outbox.flush();
    const { client } = await portal.invites.accept(lastInviteToken('sam@example.com'), { password: PASSWORD, language: 'fr' });
    expect(client.language).toBe('en');
    expect((await portal.clients.get(staffA, id)).language).toBe('en');
    expect((await trail(portal, id)).find((e) => e.action === 'invite.accepted')?.data).not.toHaveProperty('language');
  });

  it('is ignored, not refused, when it is no language tag; and nothing is stored without one', async () => {
    const { portal, lastInviteToken } = makePortal();
    const bad = await portal.clients.add(staffA, { email: 'bad@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const accepted = await portal.invites.accept(lastInviteToken('bad@example.com'), { password: PASSWORD, language: 'en_US' });
    expect(accepted.client).not.toHaveProperty('language');
    expect(await portal.clients.get(staffA, bad.id)).not.toHaveProperty('language');
    const none = await portal.clients.add(staffA, { email: 'none@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    await portal.invites.accept(lastInviteToken('none@example.com'), { password: PASSWORD });
    expect(await portal.clients.get(staffA, none.id)).not.toHaveProperty('language');
  });
});
