import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $$, shot, textOf, until } from './support/helpers.js';
import { clientAs, startMocks } from './support/mocks.js';

/** About 44 CSS px: what a finger needs (the size platform guidelines ask for, less a little). */
const TAP = 40;

describe('sg-portal-view on a touch screen (msw mocks)', () => {
  let mock: MockPortal;
  beforeEach(async () => {
    mock = await startMocks();
    await setViewport({ width: 390, height: 844 });
    await executeServerCommand('sg-touch', { enabled: true });
  });
  afterEach(async () => {
    await executeServerCommand('sg-touch', { enabled: false });
    await setViewport({ width: 800, height: 600 });
  });

  it('makes section links, folders and "Details" tall enough to tap at 390 px', async () => {
    expect(matchMedia('(pointer: coarse)').matches, 'touch emulation').to.equal(true);
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => $$(el, 'nav .chip').length > 1 && $$(el, '.disclosure').length > 1);
    const small = [...$$(el, 'nav .chip'), ...$$(el, '.disclosure')]
      .map((control) => ({ text: textOf(control), height: control.getBoundingClientRect().height }))
      .filter(({ height }) => height < TAP);
    expect(small).to.deep.equal([]);
    expect(document.documentElement.scrollWidth).to.be.at.most(390);
    await shot('portal-view-touch-390', el);
  });
});
