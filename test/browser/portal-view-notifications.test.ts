import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { PortalClient } from '../../src/client/types.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, nodeName, problem, shots, textOf, until } from './support/helpers.js';
import { clientAs, startMocks } from './support/mocks.js';

const prefs = (el: SgPortalView) => $<HTMLDetailsElement>(el, 'details.prefs');
const checked = (el: SgPortalView) => $<HTMLInputElement>(el, 'input[name=frequency]:checked')?.value;

async function danaFrequency(mock: MockPortal): Promise<string> {
  const dana = await mock.storage.getClientByEmail('acme', 'dana@example.com');
  return (await mock.portal.notifications.getFor({ type: 'staff', tenantId: 'acme', userId: 'u-alice' }, dana!.id)).frequency;
}

async function portalFor(client: PortalClient): Promise<SgPortalView> {
  const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client}></sg-portal-view>`);
  await until(() => $(el, 'section[data-module=documents]'));
  return el;
}

describe('sg-portal-view: email notification preferences', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
  });

  it('reads the frequency when opened and saves a new one, by keyboard', async () => {
    const el = await portalFor(await clientAs(mock, 'dana@example.com'));
    const details = prefs(el)!;
    expect(details.open).to.equal(false);
    details.querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => checked(el));
    const before = await danaFrequency(mock);
    expect(checked(el)).to.equal(before);
    // Every choice is explained in words.
    const text = textOf(details);
    for (const words of ['As it happens', 'Daily summary', 'Weekly summary', 'Off', 'At most one email a week']) expect(text).to.contain(words);
    expect(text).to.contain('your builder’s default');
    const defaultChoice = () => $$(el, '.prefs .choice').filter((c) => textOf(c).includes('your builder’s default'));
    const builderDefault = defaultChoice()[0]!.querySelector('input')!.value;
    await expect(el).to.be.accessible();

    // Arrow keys move through the radio group; then Tab to Save and Enter.
    $<HTMLInputElement>(el, 'input[name=frequency]:checked')!.focus();
    const order = $$<HTMLInputElement>(el, 'input[name=frequency]').map((i) => i.value);
    const target = order[(order.indexOf(before) + 1) % order.length]!;
    await sendKeys({ press: 'ArrowDown' });
    expect(checked(el)).to.equal(target);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const notice = await until(() => $(el, '.prefs .notice.success'));
    expect(textOf(notice)).to.contain('Saved');
    expect(await danaFrequency(mock)).to.equal(target);
    // The client chose; the builder's default is still labelled as such, on its own choice.
    expect(defaultChoice().map((c) => c.querySelector('input')!.value)).to.deep.equal([builderDefault]);
    await expect(el).to.be.accessible();
    // The screenshot clip is in page coordinates, the element's box in the viewport's: unscrolled, they agree.
    window.scrollTo(0, 0);
    await shots('portal-view-notifications', details);
  });

  it('keeps focus on Save while saving and once saved (it is not disabled, only marked so)', async () => {
    const el = await portalFor(await clientAs(mock, 'dana@example.com'));
    prefs(el)!.open = true;
    await until(() => checked(el));
    const before = await danaFrequency(mock);
    $$<HTMLInputElement>(el, 'input[name=frequency]').find((i) => i.value !== before)!.click();
    await el.updateComplete;
    const save = $<HTMLButtonElement>(el, '.prefs button[type=submit]')!;
    save.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(nodeName(el.shadowRoot!.activeElement)).to.equal(nodeName(save));
    await until(() => $(el, '.prefs .notice.success'));
    await el.updateComplete;
    expect(nodeName(el.shadowRoot!.activeElement)).to.equal(nodeName(save));
    // Nothing left to save: said by aria-disabled, and pressing it again sends nothing.
    expect(save.getAttribute('aria-disabled')).to.equal('true');
    const after = await danaFrequency(mock);
    await sendKeys({ press: 'Enter' });
    expect(await danaFrequency(mock)).to.equal(after);
    expect(textOf($(el, '.prefs [role=status]')!)).to.contain('Saved');
  });

  it('puts focus on the error when saving fails', async () => {
    const real = await clientAs(mock, 'dana@example.com');
    const client: PortalClient = { ...real, notifications: { ...real.notifications, set: () => Promise.reject(problem('unavailable', 'The server is busy')) } };
    const el = await portalFor(client);
    prefs(el)!.open = true;
    await until(() => checked(el));
    const before = await danaFrequency(mock);
    $$<HTMLInputElement>(el, 'input[name=frequency]').find((i) => i.value !== before)!.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '.prefs button[type=submit]')!.focus();
    await sendKeys({ press: 'Enter' });
    const alert = await until(() => $(el, '.prefs .notice.error[role=alert]'));
    await until(() => el.shadowRoot!.activeElement === alert);
  });

  it('shows why saving failed, and keeps the stored choice', async () => {
    const real = await clientAs(mock, 'dana@example.com');
    const client: PortalClient = { ...real, notifications: { ...real.notifications, set: () => Promise.reject(problem('unavailable', 'The server is busy')) } };
    const el = await portalFor(client);
    const details = prefs(el)!;
    details.open = true;
    await until(() => checked(el));
    const before = await danaFrequency(mock);
    const other = $$<HTMLInputElement>(el, 'input[name=frequency]').find((i) => i.value !== before)!;
    other.click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '.prefs button[type=submit]')!.click();
    const alert = await until(() => $(el, '.prefs .notice.error[role=alert]'));
    expect(textOf(alert).length).to.be.greaterThan(0);
    expect(await danaFrequency(mock)).to.equal(before);
    await expect(el).to.be.accessible();
    await setViewport({ width: 390, height: 844 });
    for (const node of details.querySelectorAll('*')) expect(node.getBoundingClientRect().right, node.outerHTML.slice(0, 60)).to.be.at.most(390);
    await setViewport({ width: 800, height: 600 });
  });
});
