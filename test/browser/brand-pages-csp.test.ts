import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgAcceptInvite, SgSignIn } from '../../components/index.js';
import { $, asRgb, fakeClient, until } from './support/helpers.js';

/**
 * The brand colour reaches the page through the CSSOM, which a `style-src 'self'` policy does
 * not govern: the colours apply and nothing is reported. (A CSP once applied stays for the page: its own file.)
 */
describe('brand on the public pages under style-src without unsafe-inline', () => {
  it('colours sign-in and accept with no CSP violation', async () => {
    const violations: string[] = [];
    const seen = (e: SecurityPolicyViolationEvent) => violations.push(`${e.effectiveDirective}: ${e.sample}`);
    document.addEventListener('securitypolicyviolation', seen);
    document.head.append(Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src 'self'" }));
    try {
      const brand = { accentColor: '#0f5132' };
      const signIn = await fixture<SgSignIn>(
        html`<sg-sign-in tenant-id="acme" .client=${fakeClient({ tenants: { look: async () => ({ name: 'Acme', brand }) }, me: () => Promise.reject(new Error('signed out')) })}></sg-sign-in>`,
      );
      await until(() => $(signIn, '.branded form'));
      const accept = await fixture<SgAcceptInvite>(
        html`<sg-accept-invite token="t1" .client=${fakeClient({ invites: { inspect: async () => ({ status: 'pending' as const, email: 'dana@example.com', tenantName: 'Acme', brand }) } })}></sg-accept-invite>`,
      );
      await until(() => $(accept, '.branded form'));
      for (const el of [signIn, accept]) {
        expect(getComputedStyle($(el, '[part=base]')!).borderTopColor).to.equal('rgb(15, 81, 50)');
        // After any colour transition (Chrome reports a running one in oklab).
        await until(() => asRgb(getComputedStyle($(el, '[part=submit]')!).backgroundColor) === 'rgb(15, 81, 50)');
      }
      await new Promise((r) => setTimeout(r, 50)); // violation reports are queued as tasks
      expect(violations.filter((v) => v.startsWith('style-src'))).to.deep.equal([]);
    } finally {
      document.removeEventListener('securitypolicyviolation', seen);
    }
  });
});
