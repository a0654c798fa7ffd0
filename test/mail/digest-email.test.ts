import { describe, expect, it } from 'vitest';
import { DIGEST_EMAIL_STRINGS, renderDigestEmail } from 'sitegate';

const base = {
  clientName: 'Dana',
  tenant: { name: 'Acme Builders', modules: [] },
  unsubscribeUrl: 'https://builder.example/api/portal/notifications/unsubscribe?token=abc',
  projects: [
    {
      name: '12 Maple Street',
      url: 'https://builder.example/portal/p-maple',
      groups: [
        { module: 'updates' as const, items: [{ kind: 'update' as const, title: 'Framing started' }] },
        { module: 'selections' as const, items: [{ kind: 'approval' as const, title: 'Kitchen tiles' }] },
      ],
    },
  ],
};

describe('the digest email', () => {
  it('lists items by project and module, with the portal link and the unsubscribe link', () => {
    const email = renderDigestEmail(base);
    expect(email.subject).toBe('New in your Acme Builders client portal (2)');
    expect(email.text).toContain('12 Maple Street');
    expect(email.text).toContain('Updates:\n- Framing started');
    expect(email.text).toContain('Selections:\n- Waiting for your decision: Kitchen tiles');
    expect(email.text).toContain('Open the project in the portal: https://builder.example/portal/p-maple');
    expect(email.text).toContain('Unsubscribe from these emails: https://builder.example/api/portal/notifications/unsubscribe?token=abc');
    expect(email.html).toContain('href="https://builder.example/api/portal/notifications/unsubscribe?token=abc"');
  });

  it('escapes names and titles, flattens them to one line, and drops links that are not http(s)', () => {
    const email = renderDigestEmail({
      ...base,
      clientName: 'Dana\r\nBcc: evil@example.net',
      tenant: { name: '<b>Acme</b>', modules: [] },
      projects: [{ name: '<script>x</script>', url: 'javascript:alert(1)', groups: [{ module: 'documents', items: [{ kind: 'share', title: '"><img src=x onerror=alert(1)>' }] }] }],
    });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(email.html).not.toContain('javascript:');
    expect(email.text).not.toContain('javascript:');
    expect(email.text).toContain('Hello Dana Bcc: evil@example.net,');
  });

  it('fills placeholders in one pass, like the other emails: a name that looks like one stays as it is', () => {
    const email = renderDigestEmail({ ...base, clientName: '{builder}', tenant: { name: 'Acme {count} Co', modules: [] } });
    expect(email.subject).toBe('New in your Acme {count} Co client portal (2)');
    expect(email.text).toContain('Hello {builder},');
    expect(email.text).toContain('Acme {count} Co shared new things with you');
    expect(email.text).toContain('because you are a client of Acme {count} Co.');
    expect(email.text.endsWith('— Acme {count} Co')).toBe(true);
    expect(email.html).toContain('<title>New in your Acme {count} Co client portal (2)</title>');
    expect(email.html).not.toMatch(/Acme 2 Co|Hello Acme/);
  });

  it('takes other strings', () => {
    const email = renderDigestEmail(base, { ...DIGEST_EMAIL_STRINGS, subject: 'Nouveautés chez {builder} ({count})' });
    expect(email.subject).toBe('Nouveautés chez Acme Builders (2)');
  });
});
