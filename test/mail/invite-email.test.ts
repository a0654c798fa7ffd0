import { describe, expect, it } from 'vitest';
import { renderInviteEmail, type InviteEmailInput } from 'sitegate';
import { retryDelay } from '../../src/mail/retry.js';

const input = (over: Partial<InviteEmailInput> = {}): InviteEmailInput => ({
  to: 'dana@example.com',
  clientName: 'Dana',
  tenant: { name: 'Acme Builders', modules: ['documents'] },
  projectNames: ['12 Maple Street'],
  acceptUrl: 'https://builder.example/portal/accept?token=abc',
  expiresAt: new Date('2026-03-16T10:00:00Z'),
  resend: false,
  ...over,
});

describe('the invite email', () => {
  it('names the builder, the inviter and the project, and says when the link expires', () => {
    const email = renderInviteEmail(input({ inviterName: 'Alice Cooper' }));
    expect(email.subject).toBe('Alice Cooper at Acme Builders invited you to their client portal for 12 Maple Street');
    expect(email.text).toContain('Hello Dana,');
    expect(email.text).toContain('Alice Cooper at Acme Builders invited you to their client portal, where you can follow 12 Maple Street.');
    expect(email.text).toContain('https://builder.example/portal/accept?token=abc');
    expect(email.text).toContain('expires on March 16, 2026 at 10:00 AM UTC');
    expect(email.html).toContain('>Accept invite</a>');
    expect(email.html).toContain('href="https://builder.example/portal/accept?token=abc"');
    expect(email.html).toContain('March 16, 2026 at 10:00 AM UTC');
  });

  it('works without inviter, name or projects, and lists several projects', () => {
    const bare = renderInviteEmail(input({ clientName: undefined, projectNames: [] }));
    expect(bare.subject).toBe('Acme Builders invited you to their client portal');
    expect(bare.text.startsWith('Hello,\n')).toBe(true);
    const many = renderInviteEmail(input({ projectNames: ['A St', 'B St', 'C St'] }));
    expect(many.subject).toBe('Acme Builders invited you to their client portal for A St and 2 more');
    expect(many.text).toContain('  - B St');
    expect(many.html).toContain('<li>C St</li>');
  });

  it('says a resend replaces the earlier link', () => {
    const email = renderInviteEmail(input({ resend: true }));
    expect(email.subject).toBe('Your new invite to the Acme Builders client portal for 12 Maple Street');
    expect(email.text).toContain('This invite replaces the earlier one: the link in the previous email no longer works.');
    expect(email.html).toContain('replaces the earlier one');
  });

  it('uses the branding: logo, colour, and readable button text', () => {
    const dark = renderInviteEmail(input({ tenant: { name: 'Acme', modules: [], branding: { logoUrl: 'https://cdn.example/logo.png', color: '#0b3d2e' } } }));
    expect(dark.html).toContain('<img src="https://cdn.example/logo.png" alt="Acme"');
    expect(dark.html).toContain('background:#0b3d2e;color:#ffffff');
    const light = renderInviteEmail(input({ tenant: { name: 'Acme', modules: [], branding: { color: '#ffd400' } } }));
    expect(light.html).toContain('background:#ffd400;color:#111111');
  });

  it('escapes every value and refuses unsafe links and colours', () => {
    const email = renderInviteEmail(
      input({
        clientName: '<b>Dana</b>',
        inviterName: 'Eve "the" <i>',
        projectNames: ['<script>alert(1)</script>'],
        tenant: { name: 'A & B\r\nBcc: x@evil.example', modules: [], branding: { logoUrl: 'javascript:alert(1)', color: 'red;background:url(x)' as string } },
        acceptUrl: 'javascript:alert(2)',
      }),
    );
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain('A & B Bcc: x@evil.example');
    expect(email.html).not.toMatch(/<script|<b>|<i>|javascript:/);
    expect(email.html).toContain('&lt;b&gt;Dana&lt;/b&gt;');
    expect(email.html).toContain('Eve &quot;the&quot; &lt;i&gt;');
    expect(email.html).toContain('A &amp; B Bcc: x@evil.example');
    expect(email.html).not.toContain('Accept invite</a>');
    expect(email.html).toContain('#1f6feb');
    expect(email.text).not.toMatch(/\r|\nBcc:/);
  });
});

describe('retry delays', () => {
  it('double from the base delay, with jitter between half and all, capped at the maximum', () => {
    const options = { baseDelayMs: 1000, maxDelayMs: 10_000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelay(n, options, () => 1))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, options, () => 0))).toEqual([500, 1000, 2000, 4000, 5000]);
  });
});
