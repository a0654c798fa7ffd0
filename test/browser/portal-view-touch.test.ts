import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgPortalView } from '../../components/index.js';
import type { MockPortal } from '../../src/mocks/index.js';
import { $, $$, shot, textOf, until } from './support/helpers.js';
import { clientAs, startMocks } from './support/mocks.js';

/** About 44 CSS px: what a finger needs (the size platform guidelines ask for, less a little). */
const TAP = 40;

const heights = (controls: Element[]) => controls.map((control) => ({ text: textOf(control), height: control.getBoundingClientRect().height }));

/** Opens the Documents folder, so its files' links are there to measure. */
async function withDocuments(el: SgPortalView): Promise<void> {
  const folder = await until(() => $<HTMLButtonElement>(el, 'section[data-module=documents] .disclosure'));
  folder.click();
  await until(() => textOf($(el, 'section[data-module=documents]')!).includes('Building contract.pdf'));
}

/** Document links, the Email notifications toggle: the controls measured below beside the ones above. */
const fileLinks = (el: SgPortalView) => $$(el, '.list a.name');
const notificationsToggle = (el: SgPortalView) => $(el, '[part=notifications] summary')!;

/** Pairs of the given boxes that overlap. */
function overlaps(controls: Element[]): string[] {
  const boxes = controls.map((c) => ({ text: textOf(c), r: c.getBoundingClientRect() }));
  const found: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (x > 0.5 && y > 0.5) found.push(`${a.text} / ${b.text}`);
    }),
  );
  return found;
}

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

  it('makes section links, folders, "Details", document links and "Email notifications" tall enough to tap at 390 px', async () => {
    expect(matchMedia('(pointer: coarse)').matches, 'touch emulation').to.equal(true);
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await until(() => $$(el, 'nav .chip').length > 1 && $$(el, '.disclosure').length > 1);
    await withDocuments(el);
    expect(fileLinks(el).length, 'document links').to.be.at.least(2);
    const controls = [...$$(el, 'nav .chip'), ...$$(el, '.disclosure'), ...fileLinks(el), notificationsToggle(el)];
    expect(heights(controls).filter(({ height }) => height < TAP)).to.deep.equal([]);
    expect(overlaps(controls)).to.deep.equal([]);
    expect(document.documentElement.scrollWidth).to.be.at.most(390);
    await shot('portal-view-touch-390', el);
  });

  it('keeps document links and "Email notifications" one line tall without a touch screen', async () => {
    await executeServerCommand('sg-touch', { enabled: false });
    expect(matchMedia('(pointer: coarse)').matches, 'touch emulation').to.equal(false);
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${await clientAs(mock, 'dana@example.com')}></sg-portal-view>`);
    await withDocuments(el);
    expect(heights([...fileLinks(el), notificationsToggle(el)]).filter(({ height }) => height >= TAP)).to.deep.equal([]);
  });
});
