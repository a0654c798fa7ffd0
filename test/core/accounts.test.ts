import { describe, expect, it } from 'vitest';
import { memoryStorage } from 'sitegate/adapters/memory';
import { staffA, TENANT_A } from '../../src/testing/fixtures.js';
import { accountsEnv, accountsFlow } from '../support/accounts-flow.js';
import { correctionsFlow } from '../support/corrections-flow.js';
import { makePortal } from '../support/make-portal.js';

accountsFlow('memory', () => memoryStorage());
correctionsFlow('memory', () => memoryStorage());

describe('link requests', () => {
  it('answer unknown and known emails alike, in no less than the floor time, and mail only the known', async () => {
    const env = makePortal({ linkRequestFloorMs: 120 });
    env.settings[TENANT_A]!.signInMethods = ['password', 'link'];
    const client = await env.portal.clients.add(staffA, { email: 'dana@example.com', projectIds: ['p-maple'] });
    await env.portal.outbox.flush();
    await env.portal.invites.accept(env.lastLinkToken('dana@example.com', 'accept')!, { password: 'correct horse battery' });
    const timed = async (fn: () => Promise<unknown>) => {
      const started = performance.now();
      const result = await fn();
      return { result, ms: performance.now() - started };
    };
    for (const request of [env.portal.passwords.requestReset, env.portal.sessions.requestLink]) {
      const known = await timed(() => request({ tenantId: TENANT_A, email: 'dana@example.com' }));
      const unknown = await timed(() => request({ tenantId: TENANT_A, email: 'nobody@example.com' }));
      expect(known.result).toBeUndefined();
      expect(unknown.result).toBeUndefined();
      expect(known.ms).toBeGreaterThanOrEqual(115);
      expect(unknown.ms).toBeGreaterThanOrEqual(115);
      expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(60);
    }
    await env.portal.outbox.flush();
    expect(env.mail.messages.filter((m) => m.to === 'nobody@example.com')).toEqual([]);
    expect(env.mail.messages.filter((m) => m.to === 'dana@example.com').map((m) => m.subject)).toEqual([
      expect.stringContaining('invited you'),
      'Reset your password for the Acme Builders client portal',
      'Your sign-in link for the Acme Builders client portal',
    ]);
    expect(client.created).toBe(true);
  });

  it('refuse bad input with 422 and field paths, changing nothing', async () => {
    const { portal } = await accountsEnv(memoryStorage());
    await expect(portal.passwords.requestReset({ tenantId: TENANT_A, email: 'not an email' })).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [expect.objectContaining({ path: ['email'] })],
    });
    await expect(portal.sessions.requestLink({ tenantId: TENANT_A } as never)).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(portal.passwords.reset('x', { password: 'long enough password', extra: 1 } as never)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await portal.passwords.inspect(42 as never)).toEqual({ status: 'cancelled' });
    await expect(portal.sessions.signInWithLink(null as never)).rejects.toMatchObject({ code: 'link_invalid' });
    await expect(portal.emails.confirm('nope')).rejects.toMatchObject({ code: 'link_invalid' });
  });

  it('tell another tenant\'s token apart from nothing: it is answered like an unknown one', async () => {
    const { portal, activeClient, resetToken } = await accountsEnv(memoryStorage());
    await activeClient();
    const token = (await resetToken('dana@example.com'))!;
    const [, secret] = token.split('.');
    const otherTenant = `${Buffer.from('globex').toString('base64url')}.${secret}`;
    expect(await portal.passwords.inspect(otherTenant)).toEqual({ status: 'cancelled' });
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BA' : 'AA');
    expect(await portal.passwords.inspect(tampered)).toEqual({ status: 'cancelled' });
    await expect(portal.passwords.reset(otherTenant, { password: 'long enough password' })).rejects.toMatchObject({ code: 'link_invalid' });
  });
});
