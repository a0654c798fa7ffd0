import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';

/** Proves the browser runner works: a Lit element renders in real Chromium, escaping its text. */
class SmokeElement extends LitElement {
  static override properties = { label: {} };
  declare label: string;
  override render() {
    return litHtml`<p part="base">${this.label}</p>`;
  }
}
customElements.define('sg-smoke-test', SmokeElement);

describe('browser runner', () => {
  it('renders a Lit element in Chromium with its text escaped', async () => {
    const el = await fixture<SmokeElement>(html`<sg-smoke-test .label=${'<img src=x onerror=alert(1)>'}></sg-smoke-test>`);
    const p = el.shadowRoot!.querySelector('p')!;
    expect(p.textContent).to.equal('<img src=x onerror=alert(1)>');
    expect(p.querySelector('img')).to.equal(null);
    expect(navigator.userAgent).to.contain('Chrome');
  });
});
