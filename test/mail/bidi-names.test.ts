import { describe, expect, it } from 'vitest';
import { emailStrings, oneLine, renderAccountEmail, renderDigestEmail, renderInviteEmail } from 'sitegate';
import { smtpMail } from 'sitegate/adapters/smtp';
import { smtpServerPerSuite } from './support/smtp-server.js';

// The explicit embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI):
// one left open reverses the rest of the line it lands in.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const builder = 'Acme\u202e oC sredliuB';
const project = '\u2067Lot 47\u2069 Phase\u202d II';
const title = 'Plan\u202b.fdp\u202c\u2068 v3';

describe('bidi controls in names', () => {
  it('are stripped by oneLine, which every inserted name goes through', () => {
    expect(oneLine('a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j')).toBe('abcdefghij');
    // Marks that only set one character's direction stay: they cannot run on past the name.
    expect(oneLine('a\u200fb')).toBe('a\u200fb');
  });

  it.each(['en', 'fr'])('never reach the subject, text or HTML of an email (%s)', (locale) => {
    const strings = emailStrings(locale);
    const tenant = { name: builder, modules: [], locale };
    const emails = [
      renderInviteEmail(
        { to: 'dana@example.com', clientName: 'Dana\u2066', inviterName: 'Alice\u202e', tenant, projectNames: [project, 'Harbor View'], acceptUrl: 'https://builder.example/accept#token=abc', expiresAt: new Date('2026-03-16T10:00:00Z'), resend: true },
        strings,
      ),
      renderAccountEmail({ purpose: 'sign-in', clientName: 'Dana\u202d', tenant, url: 'https://builder.example/sign-in#token=abc', expiresAt: new Date('2026-03-16T10:00:00Z') }, strings),
      renderDigestEmail(
        {
          clientName: 'Dana\u202e',
          tenant,
          unsubscribeUrl: 'https://builder.example/unsubscribe?token=abc',
          projects: [{ name: project, url: 'https://builder.example/portal/p', groups: [{ module: 'documents', items: [{ kind: 'share', title }, { kind: 'approval', title }] }] }],
        },
        { ...strings.digest, locale: strings.locale },
      ),
    ];
    for (const email of emails) {
      expect(email.subject).not.toMatch(BIDI);
      expect(email.text).not.toMatch(BIDI);
      expect(email.html).not.toMatch(BIDI);
      expect(email.subject).toContain('Acme oC sredliuB');
    }
  });

  describe('in what smtpMail sends', () => {
    const smtp = smtpServerPerSuite();

    it('are stripped from the subject, the from name and header values', async () => {
      const mail = smtpMail({ url: smtp().url, from: `"Acme\u202e Builders" <portal@acme.example>` });
      try {
        await mail.send({
          to: 'dana@example.com',
          subject: 'New in your \u2067Acme\u202e client portal',
          text: 'Hello',
          html: '<p>Hello</p>',
          headers: { 'X-Sitegate-Job': 'mj_1\u202e' },
          messageId: '<mj_1.1@acme.example>',
        });
      } finally {
        await mail.close();
      }
      const { headers } = smtp().received.at(-1)!.parsed;
      expect(headers.subject).toBe('New in your Acme client portal');
      expect(headers.from).toBe('Acme Builders <portal@acme.example>');
      expect(headers['x-sitegate-job']).toBe('mj_1');
    });
  });
});
