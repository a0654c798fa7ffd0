import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, until } from './support/helpers.js';
import { clientAs, startMocks } from './support/mocks.js';

/**
 * The portal under a strict Content-Security-Policy that forbids inline style attributes: the
 * schedule's bars are sized through the CSSOM, which the policy does not govern, so they keep
 * their widths and nothing is reported. (A CSP once applied stays for the page: its own file.)
 */
describe('sg-portal-view under style-src without unsafe-inline', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  it('sizes the schedule bars with no CSP violation', async () => {
    const violations: string[] = [];
    const seen = (e: SecurityPolicyViolationEvent) => violations.push(`${e.effectiveDirective}: ${e.sample}`);
    document.addEventListener('securitypolicyviolation', seen);
    document.head.append(Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src 'self'" }));
    try {
      const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
      const schedule = await until(() => $(el, 'section[data-module=schedule]'));
      const spans = [...schedule.querySelectorAll<HTMLElement>('.bar > .span')];
      expect(spans.length).to.be.greaterThan(1);
      const widths = spans.map((span) => span.getBoundingClientRect().width);
      const bar = schedule.querySelector<HTMLElement>('.bar')!.getBoundingClientRect().width;
      // Sized by their dates: narrower than the whole bar, and not all alike.
      for (const width of widths) expect(width).to.be.within(1, bar - 1);
      expect(new Set(widths.map(Math.round)).size).to.be.greaterThan(1);
      await new Promise((r) => setTimeout(r, 50)); // violation reports are queued as tasks
      expect(violations.filter((v) => v.startsWith('style-src'))).to.deep.equal([]);
    } finally {
      document.removeEventListener('securitypolicyviolation', seen);
    }
  });
});
