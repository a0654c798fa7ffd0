import { describe, expect, it } from 'vitest';
import {
  createPortal,
  emailStrings,
  escapeHtml,
  fill,
  renderAccountEmail,
  renderInviteEmail,
  type EmailOptions,
  type InviteEmailInput,
  type TenantSettings,
} from 'sitegate';
import { memoryContent, memoryMail, memoryStorage } from 'sitegate/adapters/memory';
import { sampleContent, staffA, TENANT_A, tenantSettings } from '../../src/testing/fixtures.js';
import { testClock, testPasswords } from '../support/make-portal.js';

const tenant = (over: Partial<TenantSettings> = {}): TenantSettings => ({ name: 'Bâtisseurs Acme', modules: [], ...over });
const invite = (over: Partial<InviteEmailInput> = {}): InviteEmailInput => ({
  to: 'dana@example.com',
  clientName: 'Dana',
  tenant: tenant({ locale: 'fr' }),
  projectNames: ['12 rue des Érables'],
  acceptUrl: 'https://builder.example/portal/accept#token=abc',
  expiresAt: new Date('2026-03-16T10:00:00Z'),
  resend: false,
  ...over,
});
const reset = { purpose: 'password-reset' as const, clientName: 'Dana', tenant: tenant({ locale: 'fr' }), url: 'https://builder.example/portal/reset#token=abc', expiresAt: new Date('2026-03-02T11:00:00Z') };
/** The French (fr-CA) reset email's subject for a builder of this name. */
const frenchResetSubject = (name: string) => renderAccountEmail({ ...reset, tenant: tenant({ locale: 'fr-CA', name }) }, emailStrings('fr-CA')).subject;

describe('emails in the tenant’s language', () => {
  it('writes the invite in French, text and HTML, with a French date', () => {
    const email = renderInviteEmail(invite({ inviterName: 'Alice' }), emailStrings('fr'));
    expect(email.subject).toBe('Alice de Bâtisseurs Acme vous invite sur son portail client pour 12 rue des Érables');
    expect(email.text).toContain('Bonjour Dana,');
    expect(email.text).toContain('où vous pourrez suivre 12 rue des Érables.');
    expect(email.text).toContain('Acceptez l’invitation et choisissez votre mot de passe\u00a0:');
    expect(email.text).toContain('expire le 16 mars 2026 à 10:00 UTC');
    expect(email.html).toContain('<html lang="fr">');
    expect(email.html).toContain('>Accepter l’invitation</a>');
    expect(email.html).toContain('Si le bouton ne fonctionne pas, copiez ce lien');
    expect(email.html).not.toMatch(/Hello|Accept invite|copy this link/);
  });

  it('counts projects with the language’s plural rules', () => {
    const fr = emailStrings('fr');
    expect(renderInviteEmail(invite({ projectNames: ['A', 'B'] }), fr).subject).toContain('pour A et B');
    expect(renderInviteEmail(invite({ projectNames: ['A', 'B', 'C'] }), fr).subject).toContain('pour A et 2 autres');
    expect(renderInviteEmail(invite({ projectNames: ['A', 'B'], resend: true }), fr).subject).toBe('Votre nouvelle invitation au portail client de Bâtisseurs Acme pour A et B');
  });

  it('writes the password reset email in French', () => {
    const email = renderAccountEmail(reset, emailStrings('fr'));
    expect(email.subject).toBe('Réinitialisez votre mot de passe du portail client de Bâtisseurs Acme');
    expect(email.text).toContain('Choisissez un nouveau mot de passe\u00a0:');
    expect(email.text).toContain('expire le 2 mars 2026 à 11:00 UTC');
    expect(email.html).toContain('>Réinitialiser le mot de passe</a>');
    expect(email.html).toContain('<html lang="fr">');
  });

  it('falls back from fr-CA to French words, with Canadian dates', () => {
    const strings = emailStrings('fr-CA');
    expect(strings.locale).toBe('fr-CA');
    expect(strings.invite.button).toBe('Accepter l’invitation');
    const email = renderAccountEmail(reset, strings);
    expect(email.subject).toContain('Réinitialisez');
    const canadian = new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(reset.expiresAt);
    expect(email.text).toContain(canadian);
    expect(email.html).toContain('<html lang="fr-CA">');
  });

  it('uses English for an unknown, missing or unreadable locale', () => {
    for (const locale of ['de-DE', 'xx', undefined, 'en-a']) {
      const strings = emailStrings(locale);
      expect(strings.locale, String(locale)).toBe('en');
      expect(renderInviteEmail(invite({ tenant: tenant({}) }), strings).text).toContain('Accept the invite and set your password:');
    }
    expect(emailStrings('EN-gb').locale).toBe('en-GB');
  });

  it('lays a host’s partial tables over the shipped ones, and adds languages', () => {
    const overrides = { fr: { invite: { button: 'Rejoindre le portail' } }, de: { layout: { greeting: 'Hallo {name},' }, invite: { button: 'Einladung annehmen' } } };
    const fr = emailStrings('fr-CA', overrides);
    expect(fr.invite.button).toBe('Rejoindre le portail');
    expect(fr.invite.action).toBe('Acceptez l’invitation et choisissez votre mot de passe\u00a0:');
    const de = emailStrings('de-AT', overrides);
    expect(de.locale).toBe('de-AT');
    expect(de.invite.button).toBe('Einladung annehmen');
    expect(de.invite.action).toBe('Accept the invite and set your password:');
    expect(renderInviteEmail(invite(), de).text.startsWith('Hallo Dana,')).toBe(true);
    // Only strings replace strings: a wrong type leaves the shipped words.
    expect(emailStrings('fr', { fr: { invite: { button: 42 as unknown as string } } }).invite.button).toBe('Accepter l’invitation');
  });

  it('elides `de` before a builder name that starts with a vowel or a mute h, in French only', () => {
    const subject = frenchResetSubject;
    expect(subject('Acme')).toBe('Réinitialisez votre mot de passe du portail client d’Acme');
    expect(subject('Écoconstruction Roy')).toBe('Réinitialisez votre mot de passe du portail client d’Écoconstruction Roy');
    expect(subject('habitations Roy')).toBe('Réinitialisez votre mot de passe du portail client d’habitations Roy');
    expect(subject('Bâtisseurs Dupré')).toBe('Réinitialisez votre mot de passe du portail client de Bâtisseurs Dupré');
    expect(subject('3D Construction')).toBe('Réinitialisez votre mot de passe du portail client de 3D Construction');
    const invited = renderInviteEmail(invite({ inviterName: 'Alice', tenant: tenant({ locale: 'fr', name: 'Acme' }), resend: true }), emailStrings('fr'));
    expect(invited.subject).toBe('Votre nouvelle invitation au portail client d’Acme pour 12 rue des Érables');
    expect(invited.text).toContain('Alice d’Acme vous invite sur son portail client');
    expect(invited.html).toContain('Alice d’Acme vous invite');
    // Only the template's own `de` changes: a name that holds "de " is left as it is.
    expect(subject('Maison de Anne')).toBe('Réinitialisez votre mot de passe du portail client de Maison de Anne');
    // English words are not touched, and `fill` without a French locale leaves `de` alone.
    expect(fill('portail client de {builder}', { builder: 'Acme' })).toBe('portail client de Acme');
    expect(fill('portail client de {builder}', { builder: 'Acme' }, 'fr-CA')).toBe('portail client d’Acme');
    expect(fill('De {builder}\u00a0:', { builder: 'Acme' }, 'fr')).toBe('D’Acme\u00a0:');
    expect(fill('Conde {builder}', { builder: 'Acme' }, 'fr')).toBe('Conde Acme');
  });

  it('writes the French digest subject like the other French subjects', () => {
    const fr = emailStrings('fr');
    expect(fr.digest.subject).toMatch(/portail client de \{builder\}/);
    expect(fr.account['sign-in'].subject).toMatch(/portail client de \{builder\}$/);
  });

  it('takes the plain text’s colon from each language’s table', () => {
    expect(emailStrings('fr').digest.colon).toBe('\u00a0:');
    expect(emailStrings('en').digest.colon).toBe(':');
    // The French tables put a no-break space before every colon: the separator matches them.
    expect(emailStrings('fr').layout.copyLink.endsWith(`${emailStrings('fr').digest.colon}`)).toBe(true);
  });

  it('keeps French punctuation with the word before it: a no-break space before : ; ? !', () => {
    const texts = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(texts) : [];
    const strings = texts(emailStrings('fr'));
    expect(strings.length).toBeGreaterThan(30);
    // A plain space would let a mail client start a line with the colon.
    expect(strings.filter((text) => / [:;?!]/.test(text))).toEqual([]);
    expect(strings.filter((text) => /\u00a0[:;?!]/.test(text)).length).toBeGreaterThan(5);
  });

  it('keeps the no-break space before French punctuation in every rendered email, not only in the tables', () => {
    const fr = emailStrings('fr');
    const emails = [
      renderInviteEmail(invite({ inviterName: 'Alice' }), fr),
      ...(['password-reset', 'sign-in', 'confirm-email'] as const).map((purpose) => renderAccountEmail({ ...reset, purpose }, fr)),
    ];
    for (const email of emails) {
      // A plain space before the colon lets a mail client wrap it onto a line of its own.
      expect(`${email.subject}\n${email.text}\n${email.html}`, email.subject).not.toMatch(/ [:;?!](\s|$|<)/);
      expect(email.text, email.subject).toMatch(/\u00a0:/);
    }
    expect(renderAccountEmail(reset, fr).text).toContain('Choisissez un nouveau mot de passe\u00a0:');
  });

  it('contracts `de` with a builder name’s leading article: des Constructions, du Groupe', () => {
    const subject = frenchResetSubject;
    expect(subject('Les Constructions Dupré')).toBe('Réinitialisez votre mot de passe du portail client des Constructions Dupré');
    expect(subject('Le Groupe Roy')).toBe('Réinitialisez votre mot de passe du portail client du Groupe Roy');
    expect(subject('La Maison Roy')).toBe('Réinitialisez votre mot de passe du portail client de La Maison Roy');
    // Only the article: a name that merely starts with the letters keeps them.
    expect(subject('Lessard Construction')).toBe('Réinitialisez votre mot de passe du portail client de Lessard Construction');
    expect(subject('Legault')).toBe('Réinitialisez votre mot de passe du portail client de Legault');
    expect(fill('De {builder}\u00a0:', { builder: 'Les Toits Roy' }, 'fr')).toBe('Des Toits Roy\u00a0:');
    expect(fill('De {builder}\u00a0:', { builder: 'le Groupe Roy' }, 'fr')).toBe('Du Groupe Roy\u00a0:');
    expect(fill('portail client de {builder}', { builder: 'Les Toits Roy' })).toBe('portail client de Les Toits Roy');
  });

  it('writes a link’s expiry in the builder’s time zone, naming it, and in UTC without one', () => {
    const expiry = (over: Partial<TenantSettings>, locale: string) => renderInviteEmail(invite({ tenant: tenant({ locale, ...over }) }), emailStrings(locale)).text;
    // 2026-03-16T10:00Z is 11 PM in Auckland (daylight time), 6 AM in Toronto.
    expect(expiry({ timeZone: 'Pacific/Auckland' }, 'en-NZ')).toContain('expires on 16 March 2026 at 11:00 pm NZDT.');
    expect(expiry({ timeZone: 'America/Toronto' }, 'fr-CA')).toContain('expire le 16 mars 2026 à 06 h 00 HAE.');
    expect(expiry({}, 'en')).toContain('expires on March 16, 2026 at 10:00 AM UTC.');
    expect(expiry({}, 'fr')).toContain('expire le 16 mars 2026 à 10:00 UTC.');
    const account = renderAccountEmail({ ...reset, tenant: tenant({ locale: 'en', timeZone: 'America/New_York' }) }, emailStrings('en'));
    expect(account.text).toContain('expires on March 2, 2026 at 6:00 AM EST.');
    expect(account.html).toContain('March 2, 2026 at 6:00 AM EST');
  });

  it('keeps every value escaped and on one line in French too', () => {
    const email = renderInviteEmail(
      invite({ clientName: '<b>Dana</b>', inviterName: 'Eve\r\nBcc: x@evil.example', projectNames: ['<script>x</script>'], tenant: tenant({ locale: 'fr', name: 'A & B' }) }),
      emailStrings('fr'),
    );
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).not.toMatch(/<script|<b>/);
    expect(email.html).toContain('&lt;b&gt;Dana&lt;/b&gt;');
    expect(email.html).toContain('A &amp; B');
    expect(email.text).not.toMatch(/\nBcc:/);
  });
});

describe('brand in emails', () => {
  it('takes brand over the older branding, member by member, and keeps branding working', () => {
    const both = renderInviteEmail(
      invite({ tenant: tenant({ brand: { accentColor: '#0b3d2e' }, branding: { color: '#ff0000', logoUrl: 'https://cdn.example/old.png' } }) }),
    );
    expect(both.html).toContain('background:#0b3d2e;color:#ffffff');
    expect(both.html).toContain('<img src="https://cdn.example/old.png"');
    const short = renderInviteEmail(invite({ tenant: tenant({ brand: { accentColor: '#fd0', logoUrl: 'https://cdn.example/new.png' } }) }));
    expect(short.html).toContain('background:#ffdd00;color:#111111');
    expect(short.html).toContain('<img src="https://cdn.example/new.png"');
    const legacy = renderInviteEmail(invite({ tenant: tenant({ branding: { color: '#0b3d2e' } }) }));
    expect(legacy.html).toContain('background:#0b3d2e');
  });

  it('ignores a brand value that is not a hex colour or an http(s) logo', () => {
    const email = renderInviteEmail(
      invite({ tenant: tenant({ brand: { accentColor: 'red;x:url(y)', logoUrl: 'javascript:alert(1)' } as TenantSettings['brand'] }) }),
    );
    expect(email.html).toContain('#1f6feb');
    expect(email.html).not.toMatch(/javascript:|red;x/);
  });
});

/** A portal whose tenant writes in `locale`, with the host's `emails` option. */
function portalWith(emails: EmailOptions | undefined, locale?: string) {
  const mail = memoryMail();
  const settings = structuredClone(tenantSettings);
  const clock = testClock();
  if (locale) settings[TENANT_A]!.locale = locale;
  const portal = createPortal({
    storage: memoryStorage(),
    mail,
    content: memoryContent(sampleContent()),
    acceptUrl: (token) => `https://builder.example/portal/accept#token=${encodeURIComponent(token)}`,
    resetUrl: (token) => `https://builder.example/portal/reset#token=${encodeURIComponent(token)}`,
    portalUrl: (tenantId, projectId) => `https://builder.example/portal/${tenantId}/${projectId}`,
    unsubscribeUrl: (token) => `https://builder.example/api/portal/notifications/unsubscribe?token=${encodeURIComponent(token)}`,
    linkRequestFloorMs: 0,
    tenants: async (id) => settings[id] ?? null,
    now: clock.now,
    passwords: testPasswords,
    ...(emails ? { emails } : {}),
  });
  return { portal, mail, settings, clock };
}

describe('emails through the outbox', () => {
  it('sends the invite and the reset link in the tenant’s locale', async () => {
    const { portal, mail } = portalWith(undefined, 'fr-CA');
    await portal.clients.add(staffA, { email: 'dana@example.com', name: 'Dana', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    expect(mail.messages.at(-1)!.subject).toContain('vous invite sur son portail client');
    const token = decodeURIComponent(/token=([^\s"&<]+)/.exec(mail.messages.at(-1)!.text)![1]!);
    await portal.invites.accept(token, { password: 'correct horse battery' });
    await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'dana@example.com' });
    await portal.outbox.flush();
    expect(mail.messages.at(-1)!.subject).toBe('Réinitialisez votre mot de passe du portail client d’Acme Builders');
  });

  it('writes the invite’s expiry in the tenant’s time zone; an unknown zone is ignored, as UTC', async () => {
    const { portal, mail, settings } = portalWith(undefined, 'en-NZ');
    settings[TENANT_A]!.timeZone = 'Pacific/Auckland';
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    expect(mail.messages.at(-1)!.text).toMatch(/expires on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2} [ap]m NZ[DS]T\./);
    settings[TENANT_A]!.timeZone = 'Mars/Olympus_Mons';
    await portal.clients.add(staffA, { email: 'eve@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    expect(mail.messages.at(-1)!.text).toMatch(/expires on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2} [ap]m UTC\./);
  });

  it('hands a host renderer the input and the chosen words; its output goes through the outbox', async () => {
    const seen: { locale: string; to: string }[] = [];
    const { portal, mail } = portalWith(
      {
        strings: { fr: { invite: { button: 'Rejoindre' } } },
        render: {
          invite: async (input, strings) => {
            seen.push({ locale: strings.locale, to: input.to });
            return {
              subject: `${strings.invite.button}\r\nBcc: all@evil.example`,
              text: `${strings.invite.button}: ${input.acceptUrl}`,
              html: `<p>${escapeHtml(input.clientName ?? '')}</p><a href="${escapeHtml(input.acceptUrl)}">${escapeHtml(strings.invite.button)}</a>`,
            };
          },
        },
      },
      'fr',
    );
    const client = await portal.clients.add(staffA, { email: 'dana@example.com', name: '<i>Dana</i>', projectIds: ['p-maple'] });
    expect(mail.messages).toHaveLength(0); // stored first, sent by the outbox
    expect(await portal.outbox.flush()).toMatchObject({ sent: 1 });
    expect(seen).toEqual([{ locale: 'fr', to: 'dana@example.com' }]);
    const message = mail.messages.at(-1)!;
    expect(message.subject).toBe('Rejoindre Bcc: all@evil.example');
    expect(message.html).toContain('<p>&lt;i&gt;Dana&lt;/i&gt;</p>');
    expect(message.headers?.['X-Sitegate-Invite']).toBeDefined();
    const token = decodeURIComponent(/token=([^\s"&<]+)/.exec(message.text)![1]!);
    expect(await portal.invites.inspect(token)).toMatchObject({ status: 'pending' });
    expect((await portal.clients.get(staffA, client.id)).inviteDelivery?.state).toBe('sent');
  });

  it('uses a host account renderer for reset links', async () => {
    const { portal, mail } = portalWith({
      render: { account: (input, strings) => ({ subject: `[${input.purpose}] ${fill(strings.account[input.purpose].subject, { builder: input.tenant.name })}`, text: input.url, html: '<p>reset</p>' }) },
    });
    await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const token = decodeURIComponent(/token=([^\s"&<]+)/.exec(mail.messages.at(-1)!.text)![1]!);
    await portal.invites.accept(token, { password: 'correct horse battery' });
    await portal.passwords.requestReset({ tenantId: TENANT_A, email: 'dana@example.com' });
    await portal.outbox.flush();
    expect(mail.messages.at(-1)!.subject).toBe('[password-reset] Reset your password for the Acme Builders client portal');
    expect(mail.messages.at(-1)!.headers?.['X-Sitegate-Link']).toBeDefined();
  });

  it('fails the mail, saying why, when a host renderer returns something unusable', async () => {
    const { portal, mail } = portalWith({ render: { invite: () => ({ subject: 'x' }) as never } });
    const client = await portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    expect(await portal.outbox.flush()).toMatchObject({ failed: 1 });
    expect(mail.messages).toHaveLength(0);
    expect((await portal.clients.get(staffA, client.id)).inviteDelivery).toMatchObject({ state: 'failed' });
    expect((await portal.outbox.list(TENANT_A)).at(-1)).toMatchObject({ state: 'failed', lastError: expect.stringContaining('emails.render.invite must return') });
  });

  it('refuses a renderer that is not a function at createPortal', () => {
    expect(() => portalWith({ render: { invite: 'template.html' as never } })).toThrow(/emails\.render\.invite/);
  });
});

describe('the notification digest by locale', () => {
  /** An active client on instant digests, then a share whose digest is due. */
  async function digestDue(env: ReturnType<typeof portalWith>) {
    const { portal, mail, clock } = env;
    await portal.clients.add(staffA, { email: 'eve@example.com', name: '<b>Eve</b>', projectIds: ['p-maple'] });
    await portal.outbox.flush();
    const token = decodeURIComponent(/token=([^\s"&<]+)/.exec(mail.messages.at(-1)!.text)![1]!);
    const { session } = await portal.invites.accept(token, { password: 'correct horse battery' });
    const actor = (await portal.sessions.resolve(session.token))!;
    await portal.notifications.set(actor as never, { frequency: 'instant' });
    await portal.shares.share(staffA, 'p-maple', [{ module: 'documents', id: 'd-contract', kind: 'item' }]);
    clock.advanceMs(6 * 60_000);
    await portal.outbox.flush();
    return mail.messages.filter((m) => m.headers?.['List-Unsubscribe']);
  }

  it('writes the digest in French for a fr-CA tenant, in the brand’s colour', async () => {
    const env = portalWith(undefined, 'fr-CA');
    env.settings[TENANT_A]!.brand = { accentColor: '#0b3d2e' };
    const [digest] = await digestDue(env);
    expect(digest!.subject).toBe('Du nouveau sur votre portail client d’Acme Builders (1)');
    expect(digest!.text).toContain('Bonjour <b>Eve</b>,');
    expect(digest!.text).toContain('\nDocuments\u00a0:\n- Building contract.pdf');
    expect(digest!.text).toContain('Ouvrir le projet dans le portail\u00a0: https://builder.example/portal/acme/p-maple');
    expect(digest!.text).toMatch(/\nSe désabonner de ces e-mails\u00a0: https:\/\/builder\.example\//);
    expect(digest!.text).toContain('parce que vous êtes client d’Acme Builders.');
    expect(digest!.text).not.toMatch(/\S:(\s|$)/m);
    expect(`${digest!.text}\n${digest!.html}`).not.toMatch(/ [:;?!](\s|$|<)/);
    expect(digest!.html).toContain('<html lang="fr-CA">');
    expect(digest!.html).toContain('Bonjour &lt;b&gt;Eve&lt;/b&gt;,');
    expect(digest!.html).toContain('border-top:4px solid #0b3d2e');
  });

  it('hands the digest to a host renderer; the outbox still adds the one-click unsubscribe headers', async () => {
    const env = portalWith({ render: { digest: (input, strings) => ({ subject: fill(strings.digest.subject, { builder: input.tenant.name, count: '1' }, strings.locale), text: input.unsubscribeUrl, html: `<p>${escapeHtml(input.clientName ?? '')}</p>` }) } }, 'fr');
    const [digest] = await digestDue(env);
    expect(digest!.subject).toBe('Du nouveau sur votre portail client d’Acme Builders (1)');
    expect(digest!.html).toBe('<p>&lt;b&gt;Eve&lt;/b&gt;</p>');
    expect(digest!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(digest!.headers!['List-Unsubscribe']).toBe(`<${digest!.text}>`);
  });
});
