import { describe, expect, it } from 'vitest';
import type { ClientActor, EmailOptions } from 'sitegate';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { makePortal } from '../support/make-portal.js';

const PASSWORD = 'correct horse battery';

/** A portal whose tenant writes in `locale` (none: English), in Toronto's time, sending every kind of email. */
function portalWith(locale: string | undefined, emails?: EmailOptions) {
  const { portal, mail, clock, settings } = makePortal({
    notifications: {
      portalUrl: (tenantId, projectId) => `https://builder.example/portal/${tenantId}/${projectId}`,
      unsubscribeUrl: (token) => `https://builder.example/api/portal/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
    },
    ...(emails ? { emails } : {}),
  });
  settings[TENANT_A] = { ...settings[TENANT_A]!, timeZone: 'America/Toronto', signInMethods: ['password', 'link'], ...(locale ? { locale } : {}) };
  /** The newest mail to `to`, after the outbox ran. */
  const lastTo = async (to: string) => {
    await portal.outbox.flush();
    const message = [...mail.messages].reverse().find((m) => m.to === to);
    if (!message) throw new Error(`no mail to ${to}`);
    return message;
  };
  const tokenIn = (text: string) => decodeURIComponent(/token=([^\s"&<]+)/.exec(text)![1]!);
  /** Adds a client (with `language`, if given) and has it accept its invite: an active client. */
  async function activeClient(email: string, language?: string) {
    const added = await portal.clients.add(staffA, { email, name: 'Léa', projectIds: ['p-maple'], ...(language ? { language } : {}) });
    const invite = await lastTo(email);
    await portal.invites.accept(tokenIn(invite.text), { password: PASSWORD });
    return { id: added.id, invite };
  }
  return { portal, mail, clock, lastTo, tokenIn, activeClient };
}

describe('emails in the client’s language', () => {
  it('writes every email to a French client in French, with Canadian dates, for an English builder', async () => {
    const { portal, clock, lastTo, activeClient } = portalWith(undefined);
    const { id, invite } = await activeClient('lea@example.com', 'fr-CA');
    expect(invite.subject).toBe('Acme Builders vous invite sur son portail client pour 12 Maple Street');
    expect(invite.text).toContain('Bonjour Léa,');
    // 14 days from 2 March 10:00 UTC, in Toronto, in Canadian French.
    expect(invite.text).toContain('expire le 16 mars 2026 à 06 h 00 HAE.');
    expect(invite.html).toContain('<html lang="fr-CA">');

    await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'lea@example.com' });
    const reset = await lastTo('lea@example.com');
    expect(reset.subject).toBe('Réinitialisez votre mot de passe du portail client d’Acme Builders');
    expect(reset.text).toMatch(/expire le 2 mars 2026 à 06 h 00 HNE\./);
    expect(reset.html).toContain('<html lang="fr-CA">');

    await portal.sessions.requestLink({ tenantId: TENANT_A, email: 'lea@example.com' });
    const link = await lastTo('lea@example.com');
    expect(link.subject).toBe('Votre lien de connexion au portail client d’Acme Builders');
    expect(link.text).toMatch(/expire le 2 mars 2026 à 05 h 15 HNE\./);

    const actor: ClientActor = { type: 'client', tenantId: TENANT_A, clientId: id };
    await portal.notifications.set(actor, { frequency: 'instant' });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(6 * 60_000);
    const digest = await lastTo('lea@example.com');
    expect(digest.headers?.['List-Unsubscribe']).toBeDefined();
    expect(digest.subject).toBe('Du nouveau sur votre portail client d’Acme Builders (1)');
    expect(digest.html).toContain('<html lang="fr-CA">');

    await portal.clients.update(staffA, id, { email: 'lea.new@example.com' });
    const confirm = await lastTo('lea.new@example.com');
    expect(confirm.subject).toBe('Confirmez votre nouvelle adresse e-mail pour le portail client d’Acme Builders');
    expect(confirm.text).toMatch(/expire le 16 mars 2026 à \d\d h \d\d HAE\./);
  });

  it('leaves a client without a language in the tenant’s, beside one with its own', async () => {
    const { lastTo, activeClient } = portalWith('fr-CA');
    const { invite: french } = await activeClient('lea@example.com');
    expect(french.subject).toContain('vous invite sur son portail client');
    const { invite: english } = await activeClient('sam@example.com', 'en-GB');
    expect(english.subject).toBe('Acme Builders invited you to their client portal for 12 Maple Street');
    // British English, in the builder's time zone.
    expect(english.text).toContain('expires on 16 March 2026 at 06:00 GMT-4.');
    expect(english.html).toContain('<html lang="en-GB">');
    expect((await lastTo('lea@example.com')).html).toContain('<html lang="fr-CA">');
  });

  it('writes in the tenant’s language again once the language is cleared', async () => {
    const { portal, lastTo } = portalWith('fr');
    const { id } = await portal.clients.add(staffA, { email: 'sam@example.com', projectIds: ['p-maple'], language: 'en' });
    expect((await lastTo('sam@example.com')).subject).toContain('invited you');
    await portal.clients.update(staffA, id, { language: null });
    await portal.clients.sendInvite(staffA, id);
    expect((await lastTo('sam@example.com')).subject).toContain('Votre nouvelle invitation');
  });

  it('falls back to the tenant’s language (then English) for a language without words, as the tenant’s locale falls back', async () => {
    const { portal, lastTo } = portalWith('fr');
    await portal.clients.add(staffA, { email: 'hans@example.com', projectIds: ['p-maple'], language: 'de-AT' });
    const german = await lastTo('hans@example.com');
    expect(german.subject).toContain('vous invite sur son portail client');
    expect(german.html).toContain('<html lang="fr">');
    const english = portalWith(undefined);
    await english.portal.clients.add(staffA, { email: 'hans@example.com', projectIds: ['p-maple'], language: 'de-AT' });
    expect((await english.lastTo('hans@example.com')).html).toContain('<html lang="en">');
  });

  it('uses a host’s table for the client’s language, and hands a host renderer the language and its words', async () => {
    const seen: { language: string | undefined; locale: string }[] = [];
    const { portal, lastTo, tokenIn } = portalWith('fr', {
      strings: { de: { invite: { button: 'Einladung annehmen' } } },
      render: {
        account: (input, strings) => {
          seen.push({ language: input.language, locale: strings.locale });
          return { subject: strings.account[input.purpose].button, text: input.url, html: '<p></p>' };
        },
      },
    });
    const { id } = await portal.clients.add(staffA, { email: 'hans@example.com', projectIds: ['p-maple'], language: 'de-AT' });
    const invite = await lastTo('hans@example.com');
    expect(invite.html).toContain('>Einladung annehmen</a>');
    expect(invite.html).toContain('<html lang="de-AT">');
    await portal.invites.accept(tokenIn(invite.text), { password: PASSWORD });
    await portal.clients.update(staffA, id, { language: 'en-CA' });
    await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'hans@example.com' });
    expect((await lastTo('hans@example.com')).subject).toBe('Reset password');
    expect(seen).toEqual([{ language: 'en-CA', locale: 'en-CA' }]);
  });
});
