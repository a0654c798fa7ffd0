import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgClientList } from '../../components/index.js';
import type { PortalClient } from '../../src/client/types.js';
import { $, $$, shot, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

/**
 * A project the list showed was removed from the host since (the server answers 422 with an
 * issue `project_missing`): the project pickers say so in the page's language, not the server's
 * English `unknown project "…"`.
 */

const rowOf = (el: SgClientList, email: string) => $$(el, '.row').find((r) => r.textContent?.includes(email));
const submit = (el: SgClientList) => $<HTMLButtonElement>(el, 'dialog[open] button[type=submit]')!;

/** A staff client whose project list still holds "Old wing", which the server no longer has. */
function readBeforeRemoval(): PortalClient {
  const api = staffClient();
  const list = api.projects.list;
  return { ...api, projects: { ...api.projects, list: async () => [...(await list()), { tenantId: 'acme', id: 'p-gone', name: 'Old wing' }] } };
}

async function listOn(lang: string): Promise<SgClientList> {
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><sg-client-list .client=${readBeforeRemoval()}></sg-client-list></div>`);
  const el = wrapper.querySelector('sg-client-list')!;
  await until(() => rowOf(el, 'dana@example.com'));
  return el;
}

async function tickGone(el: SgClientList): Promise<void> {
  const box = (await until(() => $<HTMLInputElement>(el, 'dialog[open] input[name=projectIds][value=p-gone]')))!;
  box.checked = true;
  submit(el).click();
  await until(() => $(el, '#projectIds-error')!.textContent);
}

describe('sg-client-list: a project removed since the list was read', () => {
  beforeEach(async () => {
    await startMocks();
  });

  it('project access: says the project no longer exists, beside the projects, and keeps the dialog open', async () => {
    const el = await listOn('en');
    rowOf(el, 'dana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=projects]')))!.click();
    await tickGone(el);
    expect($(el, '#projectIds-error')!.textContent).to.equal('One of these projects no longer exists and has been taken off the list. Check the projects and try again.');
    expect($(el, 'dialog[open] fieldset')!.getAttribute('aria-invalid')).to.equal('true');
    expect(textOf(rowOf(el, 'dana@example.com')!)).not.to.contain('Old wing');
    await expect(el).to.be.accessible();
  });

  it('invite: says it in French', async () => {
    const el = await listOn('fr');
    $<HTMLElement>(el, '[part=invite-button]')!.click();
    await until(() => $(el, 'dialog[open] input[name=projectIds]'));
    $<HTMLInputElement>(el, '#f-email')!.value = 'new@example.com';
    await tickGone(el);
    expect($(el, '#projectIds-error')!.textContent).to.equal('L’un de ces projets n’existe plus et a été retiré de la liste. Vérifiez les projets et réessayez.');
    expect(textOf($(el, 'dialog[open]')!)).not.to.contain('unknown project');
  });
});

describe('sg-client-list: a project removed since the list was read, then read again', () => {
  beforeEach(async () => {
    await startMocks();
  });
  afterEach(() => setViewport({ width: 800, height: 600 }));

  /** "Old wing" is listed first, and only the first time: read again, the list no longer has it. */
  function removedSinceRead(): PortalClient {
    const api = staffClient();
    const list = api.projects.list;
    let reads = 0;
    return { ...api, projects: { ...api.projects, list: async () => [...(reads++ ? [] : [{ tenantId: 'acme', id: 'p-gone', name: 'Old wing' }]), ...(await list())] } };
  }

  async function list(lang: string): Promise<SgClientList> {
    const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><sg-client-list .client=${removedSinceRead()}></sg-client-list></div>`);
    const el = wrapper.querySelector('sg-client-list')!;
    await until(() => rowOf(el, 'dana@example.com'));
    return el;
  }

  const box = (el: SgClientList, id: string) => $<HTMLInputElement>(el, `dialog[open] input[name=projectIds][value=${id}]`);
  const ticked = (el: SgClientList) => $$<HTMLInputElement>(el, 'dialog[open] input[name=projectIds]').filter((b) => b.checked).map((b) => b.value);

  async function shots(name: string, el: SgClientList): Promise<void> {
    for (const width of [1280, 390]) {
      await setViewport({ width, height: 900 });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await shot(`${name}-${width}`, $(el, 'dialog')!);
      expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth);
    }
  }

  it('invite: the removed project leaves the list, what was typed and ticked stays, and it is said once, beside the projects', async () => {
    const el = await list('en');
    $<HTMLElement>(el, '[part=invite-button]')!.click();
    (await until(() => box(el, 'p-gone')))!.checked = true;
    $<HTMLInputElement>(el, '#f-email')!.value = 'new@example.com';
    $<HTMLInputElement>(el, '#f-name')!.value = 'New Client';
    box(el, 'p-oak')!.checked = true;
    submit(el).click();
    await until(() => !box(el, 'p-gone') && $(el, '#projectIds-error')!.textContent);
    expect($(el, '#projectIds-error')!.textContent).to.equal('One of these projects no longer exists and has been taken off the list. Check the projects and try again.');
    expect($<HTMLInputElement>(el, '#f-email')!.value).to.equal('new@example.com');
    expect($<HTMLInputElement>(el, '#f-name')!.value).to.equal('New Client');
    expect(ticked(el)).to.deep.equal(['p-oak']);
    // Said once: no "Some fields need attention." above the form as well.
    expect(textOf($(el, 'dialog')!)).not.to.contain('Some fields need attention');
    expect($(el, 'dialog .notice.error')).to.equal(null);
    // Focus is on the projects, never lost with the box that left.
    expect(el.shadowRoot!.activeElement?.getAttribute('name')).to.equal('projectIds');
    await expect(el).to.be.accessible();
    await shots('client-list-project-gone-invite', el);

    submit(el).click();
    await until(() => !$(el, 'dialog[open]'));
    await until(() => rowOf(el, 'new@example.com'));
  });

  it('project access, in French: the boxes keep what was ticked and unticked, each beside its own project', async () => {
    const el = await list('fr');
    rowOf(el, 'dana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=projects]')))!.click();
    (await until(() => box(el, 'p-gone')))!.checked = true;
    box(el, 'p-harbor')!.checked = false;
    expect(ticked(el)).to.deep.equal(['p-gone', 'p-maple']);
    submit(el).click();
    await until(() => !box(el, 'p-gone') && $(el, '#projectIds-error')!.textContent);
    expect($(el, '#projectIds-error')!.textContent).to.equal('L’un de ces projets n’existe plus et a été retiré de la liste. Vérifiez les projets et réessayez.');
    expect(ticked(el)).to.deep.equal(['p-maple']);
    expect(textOf($(el, 'dialog')!)).not.to.contain('Certains champs');
    await shots('client-list-project-gone-access-fr', el);
  });

  it('project access: when the projects cannot be read again, "Try again" brings the boxes back as they were left', async () => {
    const api = staffClient();
    const list = api.projects.list;
    let reads = 0;
    // First read: with "Old wing". Read again after the refusal: fails. "Try again": without it.
    const read = async () => {
      reads += 1;
      if (reads === 2) throw Object.assign(new Error('Service unavailable'), { code: 'busy', status: 503 });
      return [...(reads === 1 ? [{ tenantId: 'acme', id: 'p-gone', name: 'Old wing' }] : []), ...(await list())];
    };
    const wrapper = await fixture<HTMLElement>(html`<div><sg-client-list .client=${{ ...api, projects: { ...api.projects, list: read } }}></sg-client-list></div>`);
    const el = wrapper.querySelector('sg-client-list')!;
    await until(() => rowOf(el, 'dana@example.com'));
    rowOf(el, 'dana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=projects]')))!.click();
    (await until(() => box(el, 'p-gone')))!.checked = true;
    box(el, 'p-harbor')!.checked = false;
    box(el, 'p-oak')!.checked = true;
    submit(el).click();
    const retry = await until(() => $$<HTMLButtonElement>(el, 'dialog[open] fieldset button').find((b) => textOf(b) === 'Try again'));
    expect(box(el, 'p-maple')).to.equal(null);
    retry.click();
    await until(() => box(el, 'p-maple'));
    expect(ticked(el)).to.deep.equal(['p-maple', 'p-oak']);
    expect(box(el, 'p-gone')).to.equal(null);
    submit(el).click();
    await until(() => !$(el, 'dialog[open]'));
    expect((await api.clients.get((await api.clients.list({ q: 'dana@' })).items[0]!.id)).projectIds.sort()).to.deep.equal(['p-maple', 'p-oak']);
  });

  it('invite: when the list is loaded again and the projects cannot be read, "Try again" brings back the boxes as they were left', async () => {
    const api = staffClient();
    const list = api.projects.list;
    let failing = false;
    const read = async () => {
      if (failing) throw Object.assign(new Error('Service unavailable'), { code: 'busy', status: 503 });
      return list();
    };
    const wrapper = await fixture<HTMLElement>(html`<div><sg-client-list project-id="p-maple" .client=${{ ...api, projects: { ...api.projects, list: read } }}></sg-client-list></div>`);
    const el = wrapper.querySelector('sg-client-list')!;
    await until(() => rowOf(el, 'dana@example.com'));
    $<HTMLElement>(el, '[part=invite-button]')!.click();
    await until(() => box(el, 'p-maple'));
    // The list's own project comes ticked; the builder unticks it and ticks another.
    box(el, 'p-maple')!.checked = false;
    box(el, 'p-oak')!.checked = true;
    failing = true;
    await el.load();
    const retry = await until(() => $$<HTMLButtonElement>(el, 'dialog[open] fieldset button').find((b) => textOf(b) === 'Try again'));
    failing = false;
    retry.click();
    await until(() => box(el, 'p-maple'));
    expect(ticked(el)).to.deep.equal(['p-oak']);
  });
});

