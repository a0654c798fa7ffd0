import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../components/index.js';
import type { SgNavigateEvent, SgPortalView } from '../../components/index.js';
import type { Feed } from '../../src/model/feed.js';
import type { Resource } from '../../src/model/resource.js';
import { $, $$, fakeClient, nodeName, problem, textOf, until } from './support/helpers.js';

/**
 * The portal for keyboard and screen-reader users: content that replaces what had focus hands
 * focus on and is said, the photo viewer says each step, the project select does not load every
 * project an arrow key passes, and nothing moves for a reduced-motion preference.
 */

const PROJECTS = ['Maple Street', 'Harbor View', 'Oak Lane'].map((name, i) => ({ tenantId: 't', id: `p${i}`, name }));
const item = (module: string, id: string, name: string, extra: Partial<Resource> = {}) =>
  ({ tenantId: 't', projectId: 'p0', module, id, kind: 'item', name, updatedAt: new Date('2026-10-20T10:00:00Z'), ...extra }) as Resource;
const photoUrl = `${location.origin}/test/browser/support/photo.svg`;

const focused = (el: SgPortalView) => el.shadowRoot!.activeElement;
/** The always-present polite region of the view (the viewer's caption is another). */
const region = (el: SgPortalView) => $$(el, 'p.sr-only[role=status]')[0]!;
const section = (el: SgPortalView, module: string) => $(el, `section[data-module=${module}]`)!;

async function portal(view: Parameters<typeof fakeClient>[0]['view']): Promise<SgPortalView> {
  const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${fakeClient({ view })}></sg-portal-view>`);
  await until(() => $(el, 'section, .notice.error, .empty-page'));
  return el;
}

describe('sg-portal-view: focus and announcements', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('adds no landmark to the page it is dropped into: its title row is no banner', async () => {
    const el = await portal({
      projects: async () => [PROJECTS[0]!],
      feed: async () => ({ project: PROJECTS[0], modules: { documents: [item('documents', 'd1', 'Contract.pdf')] } }) as unknown as Feed,
    } as never);
    await until(() => $(el, 'section[data-module=documents]'));
    expect($$(el, 'header, main, nav, footer, aside, [role=banner], [role=main], [role=navigation], [role=contentinfo]')).to.have.length(0);
  });

  it('gives each copy of a resource listed twice panels of its own: no id twice, each toggle controls its own', async () => {
    const drawing = item('drawings', 'dr1', 'A-101 Floor plan');
    const folder = item('documents', 'df', 'Permits', { kind: 'folder' });
    const update = { id: 'up1', title: 'Plans are in', body: 'See the plans.', publishedAt: '2026-10-20T10:00:00Z', resources: [] };
    const el = await portal({
      projects: async () => [PROJECTS[0]!],
      feed: async () =>
        ({ project: PROJECTS[0], modules: { drawings: [drawing], documents: [folder], updates: [{ update, resources: [drawing, folder], isNew: false }] } }) as unknown as Feed,
    } as never);
    await until(() => $$(el, '[aria-controls]').length === 4);
    const ids = $$(el, '[id]').map((node) => node.id);
    expect(new Set(ids).size, ids.join(' ')).to.equal(ids.length);
    for (const toggle of $$(el, '[aria-controls]')) {
      const panel = el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!);
      expect(panel?.closest('li'), textOf(toggle)).to.equal(toggle.closest('li'));
    }
  });

  it('"Show more" on the last page says what came and hands focus to the first new item', async () => {
    const first = [item('documents', 'd1', 'Contract.pdf'), item('documents', 'd2', 'Permit.pdf')];
    const next = [item('documents', 'd3', 'Survey.pdf'), item('documents', 'd4', 'Insurance.pdf')];
    const el = await portal({
      projects: async () => [PROJECTS[0]!],
      feed: async (_id: string, page?: { cursor?: string }) =>
        (page?.cursor ? { project: PROJECTS[0], modules: { documents: next } } : { project: PROJECTS[0], modules: { documents: first }, more: { documents: 'c1' } }) as unknown as Feed,
    } as never);
    const more = await until(() => $<HTMLButtonElement>(el, '[data-more=documents]'));
    expect(textOf(region(el))).to.equal('');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => textOf(section(el, 'documents')).includes('Survey.pdf'));
    expect($(el, '[data-more]')).to.equal(null);
    const survey = $$(el, 'section[data-module=documents] li').find((li) => textOf(li).includes('Survey.pdf'));
    await until(() => focused(el) === survey).catch(() => expect(nodeName(focused(el))).to.equal(nodeName(survey)));
    expect(textOf(region(el))).to.equal('2 more items shown');
    await expect(el).to.be.accessible();
  });

  it('"Show more" leaves the page where it grew, though another section was chosen', async () => {
    const first = [item('documents', 'd1', 'Contract.pdf'), item('documents', 'd2', 'Permit.pdf')];
    const next = [item('documents', 'd3', 'Survey.pdf')];
    const photos = [item('photos', 'ph1', 'Framing.jpg')];
    const view = {
      projects: async () => [PROJECTS[0]!],
      feed: async (_id: string, page?: { cursor?: string }) =>
        (page?.cursor ? { project: PROJECTS[0], modules: { documents: next } } : { project: PROJECTS[0], modules: { documents: first, photos }, more: { documents: 'c1' } }) as unknown as Feed,
    };
    // Counts each time a section is brought into view, by its module.
    const scrolled: string[] = [];
    const scrollIntoView = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element, ...args: Parameters<Element['scrollIntoView']>) {
      scrolled.push(this.getAttribute('data-module') ?? this.tagName);
      return scrollIntoView.apply(this, args);
    };
    try {
      const el = await fixture<SgPortalView>(html`<sg-portal-view module="photos" .client=${fakeClient({ view } as never)}></sg-portal-view>`);
      const more = await until(() => $<HTMLButtonElement>(el, '[data-more=documents]'));
      // The chosen section is brought into view once its project's feed is in.
      await until(() => scrolled.includes('photos'));
      more.click();
      await until(() => textOf(section(el, 'documents')).includes('Survey.pdf'));
      await el.updateComplete;
      expect(scrolled.filter((m) => m === 'photos')).to.have.length(1);
    } finally {
      Element.prototype.scrollIntoView = scrollIntoView;
    }
  });

  it('"Try again" hands focus to the project heading and says that nothing is shared', async () => {
    let fail = true;
    const el = await portal({
      projects: async () => (fail ? Promise.reject(problem('unavailable', 'down')) : [PROJECTS[0]!]),
      feed: async () => ({ project: PROJECTS[0], modules: { documents: [] } }) as unknown as Feed,
    } as never);
    const retry = await until(() => $<HTMLButtonElement>(el, '.notice.error button'));
    fail = false;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '.empty-page'));
    await until(() => focused(el)?.tagName === 'H2').catch(() => expect(nodeName(focused(el))).to.equal('<h2 …>'));
    expect(textOf(focused(el)!)).to.equal('Maple Street');
    expect(textOf(region(el))).to.equal('Nothing has been shared with you yet.');
    await expect(el).to.be.accessible();
  });

  it('"Try again" that fails again hands focus to the new "Try again"', async () => {
    const el = await portal({ projects: async () => Promise.reject(problem('unavailable', 'down')) } as never);
    (await until(() => $<HTMLButtonElement>(el, '.notice.error button'))).click();
    await until(() => focused(el)?.matches('.notice.error button'));
  });

  it('the photo viewer says each photo’s name and place as it changes, without the name twice', async () => {
    const photos = ['Footings.jpg', 'Framing.jpg', 'Roof.jpg'].map((name, i) => item('photos', `ph${i}`, name, { url: photoUrl }));
    const el = await portal({ projects: async () => [PROJECTS[0]!], feed: async () => ({ project: PROJECTS[0], modules: { photos } }) as unknown as Feed } as never);
    (await until(() => $<HTMLElement>(el, '.thumb'))).click();
    const viewer = await until(() => $<HTMLDialogElement>(el, 'dialog[part=viewer][open]'));
    const caption = viewer.querySelector('figcaption')!;
    expect(caption.getAttribute('aria-live')).to.equal('polite');
    expect(caption.getAttribute('aria-atomic')).to.equal('true');
    // The caption names the photo; the image does not say the name again.
    expect(viewer.querySelector('img')!.alt).to.equal('');
    await sendKeys({ press: 'ArrowRight' });
    await until(() => textOf(caption) === 'Framing.jpg Photo 2 of 3');
    expect(viewer.querySelector('figcaption') === caption, 'the same live caption').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('the project select goes to a project on Enter or on leaving it, not on every arrow key', async () => {
    const asked: string[] = [];
    const el = await portal({
      projects: async () => PROJECTS,
      feed: async (id: string) => (asked.push(id), { project: PROJECTS.find((p) => p.id === id), modules: { documents: [item('documents', `d-${id}`, `Plan ${id}`)] } }) as unknown as Feed,
    } as never);
    await until(() => textOf(el).includes('Plan p0'));
    const events: SgNavigateEvent[] = [];
    el.addEventListener('sg-navigate', (e) => events.push(e));
    const select = $<HTMLSelectElement>(el, '[part=switcher]')!;
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(select.value).to.equal('p2');
    await new Promise((r) => setTimeout(r, 50));
    expect(events).to.have.length(0);
    expect([...new Set(asked)]).to.deep.equal(['p0']);
    await sendKeys({ press: 'Enter' });
    await until(() => events.length === 1);
    expect(events[0]!.detail.projectId).to.equal('p2');
    await until(() => textOf(el).includes('Plan p2'));
    expect([...new Set(asked)]).to.deep.equal(['p0', 'p2']);
    expect(focused(el) === select, 'focus stays on the select').to.equal(true);

    // Arrowed to, then left with Tab: that project.
    await sendKeys({ press: 'ArrowUp' });
    expect(events).to.have.length(1);
    await sendKeys({ press: 'Tab' });
    await until(() => events.length === 2);
    expect(events[1]!.detail.projectId).to.equal('p1');

    // Chosen with the pointer (a change without keys): at once.
    select.value = 'p0';
    select.dispatchEvent(new Event('change'));
    await until(() => events.length === 3);
    expect(events[2]!.detail.projectId).to.equal('p0');
  });

  it('folders open without their chevron turning for a reduced-motion preference', async () => {
    const el = await portal({
      projects: async () => [PROJECTS[0]!],
      feed: async () => ({ project: PROJECTS[0], modules: { documents: [item('documents', 'f1', 'Permits', { kind: 'folder' })] } }) as unknown as Feed,
    } as never);
    const chevron = await until(() => $(el, '.chevron'));
    expect(getComputedStyle(chevron, '::before').transitionDuration).to.equal('0.12s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(chevron, '::before').transitionDuration).to.equal('0s');
  });
});
