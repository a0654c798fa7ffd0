import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgClientList } from '../../components/index.js';
import type { PortalClient } from '../../src/client/types.js';
import { $, $$, textOf, until } from './support/helpers.js';
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
    expect($(el, '#projectIds-error')!.textContent).to.equal('One of these projects no longer exists. Reload to see the current projects.');
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
    expect($(el, '#projectIds-error')!.textContent).to.equal('L’un de ces projets n’existe plus. Rechargez la page pour voir les projets actuels.');
    expect(textOf($(el, 'dialog[open]')!)).not.to.contain('unknown project');
  });
});
