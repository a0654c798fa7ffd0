import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgClientList } from '../../components/index.js';
import type { Client } from '../../src/model/client.js';
import type { Project } from '../../src/model/resource.js';
import { $, $$, fakeClient, problem, shot, textOf, until } from './support/helpers.js';
import { startMocks, staffClient } from './support/mocks.js';

/**
 * The invite and project access dialogs when the builder's projects could not be loaded: they
 * say why, with "Try again", and save nothing (no boxes is not "no projects"). And the server's
 * "invalid email" is said in the page's language.
 */

const rowOf = (el: SgClientList, email: string) => $$(el, '.row').find((r) => r.textContent?.includes(email));
const submit = (el: SgClientList) => $<HTMLButtonElement>(el, 'dialog[open] button[type=submit]')!;
const settle = () => new Promise((r) => setTimeout(r, 50));

const at = new Date('2025-01-01T00:00:00Z');
const ana = {
  id: 'ana', tenantId: 'acme', email: 'ana@example.com', name: 'Ana Client', roleId: 'client', projectIds: ['p1'],
  portalAccess: true, status: 'active', activatedAt: at, createdAt: at, updatedAt: at,
} as unknown as Client;
const MAPLE: Project[] = [{ tenantId: 'acme', id: 'p1', name: 'Maple' }, { tenantId: 'acme', id: 'p2', name: 'Oak' }];

/** A list whose projects fail to load once with `failure`, then load; what was sent is recorded. */
async function failingProjects(failure: unknown) {
  const sent: unknown[] = [];
  let loads = 0;
  const client = fakeClient({
    projects: { list: async () => (loads++ ? MAPLE : Promise.reject(failure)) },
    clients: {
      list: async () => ({ items: [ana], nextCursor: null }),
      setProjects: async (id: string, projectIds: string[]) => (sent.push(projectIds), { ...ana, projectIds }),
      add: async (input: unknown) => (sent.push(input), { ...ana, created: true }) as never,
    },
  });
  const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
  await until(() => rowOf(el, 'ana@example.com'));
  return { el, sent };
}

describe('sg-client-list: projects that could not be loaded', () => {
  it('project access says why, saves nothing (never "no projects"), and loads them again on "Try again"', async () => {
    const { el, sent } = await failingProjects(problem('busy', 'busy'));
    rowOf(el, 'ana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=projects]')))!.click();
    const alert = await until(() => $(el, 'dialog[open] fieldset [role=alert]'));
    expect(textOf(alert)).to.contain('Your projects could not be loaded. The server is busy. Try again in a moment.');
    expect(submit(el).getAttribute('aria-disabled')).to.equal('true');
    // Save, and Save again on whatever it shows next (the "revoke all" confirmation it must not reach).
    submit(el).click();
    await settle();
    submit(el).click();
    await settle();
    expect(sent).to.deep.equal([]);
    expect(textOf($(el, 'dialog')!)).not.to.contain('Revoke');

    alert.querySelector('button')!.click();
    const first = await until(() => $<HTMLInputElement>(el, 'dialog[open] input[name=projectIds]'));
    expect(el.shadowRoot!.activeElement).to.equal(first);
    expect(first.checked).to.equal(true);
    expect(submit(el).hasAttribute('aria-disabled')).to.equal(false);
    await expect(el).to.be.accessible();
    submit(el).click();
    await until(() => sent.length);
    expect(sent).to.deep.equal([['p1']]);
  });

  it('invite says why (no connection), sends nothing, and loads them again on "Try again"', async () => {
    const { el, sent } = await failingProjects(new TypeError('Failed to fetch'));
    $<HTMLElement>(el, '[part=invite-button]')!.click();
    const alert = await until(() => $(el, 'dialog[open] fieldset [role=alert]'));
    expect(textOf(alert)).to.contain('Could not reach the server.');
    expect(submit(el).getAttribute('aria-disabled')).to.equal('true');
    $<HTMLInputElement>(el, '#f-email')!.value = 'new@example.com';
    submit(el).click();
    await settle();
    expect(sent).to.deep.equal([]);
    expect($(el, '#projectIds-error')!.textContent).to.equal('');

    alert.querySelector('button')!.click();
    await until(() => $$(el, 'dialog[open] input[name=projectIds]').length === 2);
    expect(textOf($(el, 'dialog fieldset')!)).to.contain('Oak');
  });
});

describe('sg-client-list: the server refusing an email address on a French page', () => {
  beforeEach(async () => {
    await startMocks();
  });

  async function french(): Promise<SgClientList> {
    const wrapper = await fixture<HTMLElement>(html`<div lang="fr"><sg-client-list .client=${staffClient()}></sg-client-list></div>`);
    const el = wrapper.querySelector('sg-client-list')!;
    await until(() => rowOf(el, 'dana@example.com'));
    return el;
  }

  /** Passes the element's own check (the server's is stricter: no ".." in an address). */
  const BAD = 'jo..e@example.com';

  it('invite: says it in French, as the element’s own check does', async () => {
    const el = await french();
    $<HTMLElement>(el, '[part=invite-button]')!.click();
    await until(() => $(el, 'dialog[open] input[name=projectIds]'));
    const email = $<HTMLInputElement>(el, '#f-email')!;
    email.value = 'pas-une-adresse';
    submit(el).click();
    await until(() => $(el, '#email-error')!.textContent);
    expect($(el, '#email-error')!.textContent).to.equal('Saisissez une adresse e-mail valide.');

    email.value = BAD;
    $<HTMLInputElement>(el, 'input[name=projectIds]')!.checked = true;
    submit(el).click();
    await until(() => $(el, 'dialog [role=alert]'));
    expect($(el, '#email-error')!.textContent).to.equal('Saisissez une adresse e-mail valide.');
  });

  it('edit details: says it in French', async () => {
    const el = await french();
    rowOf(el, 'dana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=edit]')))!.click();
    const email = await until(() => $<HTMLInputElement>(el, 'dialog[open] #f-email'));
    email.value = BAD;
    submit(el).click();
    await until(() => $(el, '#email-error')!.textContent);
    expect($(el, '#email-error')!.textContent).to.equal('Saisissez une adresse e-mail valide.');
  });
});

describe('sg-client-list: answers for projects that come out of order', () => {
  it('keeps the latest load: a slower answer for the client it had before does not replace it', async () => {
    let answerOld!: (projects: Project[]) => void;
    const old = fakeClient({
      projects: { list: () => new Promise<Project[]>((resolve) => (answerOld = resolve)) },
      clients: { list: async () => ({ items: [ana], nextCursor: null }) },
    });
    const current = fakeClient({
      projects: { list: async () => MAPLE },
      clients: { list: async () => ({ items: [ana], nextCursor: null }) },
    });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${old}></sg-client-list>`);
    await until(() => answerOld);
    el.client = current;
    await until(() => el.projects.length === 2);
    answerOld([{ tenantId: 'other', id: 'p-other', name: 'Another builder’s project' }]);
    await settle();
    expect(el.projects.map((p) => p.id)).to.deep.equal(['p1', 'p2']);
  });
});

describe('sg-client-list: the projects’ load error, laid out at 1280 and 390 px', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  /** A reference as long as a proxy's may be (128 characters, no space in it). */
  const LONG_REF = Object.assign(problem('internal', 'internal'), { status: 500, requestId: `req-${'a1b2c3d4'.repeat(15)}-end` });
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  /** How many lines the text of `el` takes. */
  const lines = (el: Element): number => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };

  async function dialogWithFailure(lang: string, failure: unknown, kind: 'invite' | 'projects') {
    const client = fakeClient({
      projects: { list: () => Promise.reject(failure) },
      clients: { list: async () => ({ items: [ana], nextCursor: null }) },
    });
    const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><sg-client-list .client=${client}></sg-client-list></div>`);
    const el = wrapper.querySelector<SgClientList>('sg-client-list')!;
    await until(() => rowOf(el, 'ana@example.com'));
    if (kind === 'invite') $<HTMLElement>(el, '[part=invite-button]')!.click();
    else {
      rowOf(el, 'ana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
      (await until(() => $<HTMLElement>(el, '[data-action=projects]')))!.click();
    }
    const alert = await until(() => $(el, 'dialog[open] fieldset [role=alert]'));
    return { el, alert, dialog: $<HTMLDialogElement>(el, 'dialog')! };
  }

  const cases = [
    { name: 'busy', lang: 'en', failure: problem('busy', 'busy'), kind: 'invite' },
    { name: 'busy-fr', lang: 'fr', failure: problem('busy', 'busy'), kind: 'invite' },
    { name: 'reference', lang: 'en', failure: LONG_REF, kind: 'invite' },
    { name: 'reference-fr', lang: 'fr', failure: LONG_REF, kind: 'projects' },
  ] as const;

  for (const { name, lang, failure, kind } of cases) {
    it(`${kind}, ${name}: "Try again" stays whole on one line, under the words on a phone, and nothing runs wide`, async () => {
      const { alert, dialog } = await dialogWithFailure(lang, failure, kind);
      const retry = alert.querySelector('button')!;
      const words = alert.querySelector('span')!;
      for (const width of [1280, 390]) {
        await setViewport({ width, height: 900 });
        await frames();
        await shot(`client-list-projects-failed-${kind}-${name}-${width}`, dialog);
        expect(textOf(retry)).to.equal(lang === 'fr' ? 'Réessayer' : 'Try again');
        expect(lines(retry), `${width}: the button's text on one line`).to.equal(1);
        expect(retry.scrollWidth, `${width}: nothing cut`).to.be.at.most(retry.clientWidth);
        expect(retry.getBoundingClientRect().right, `${width}: inside the notice`).to.be.at.most(alert.getBoundingClientRect().right + 0.5);
        if (width === 390) expect(retry.getBoundingClientRect().top, 'under the words').to.be.at.least(words.getBoundingClientRect().bottom - 0.5);
        expect(dialog.scrollWidth, `${width}: the dialog does not scroll sideways`).to.be.at.most(dialog.clientWidth);
        expect(document.documentElement.scrollWidth, `${width}: nor does the page`).to.be.at.most(innerWidth);
      }
    });
  }

  it('at 1280 px, a short reason keeps "Try again" beside it', async () => {
    const { alert } = await dialogWithFailure('en', problem('busy', 'busy'), 'invite');
    await setViewport({ width: 1280, height: 900 });
    await frames();
    const retry = alert.querySelector('button')!.getBoundingClientRect();
    const words = alert.querySelector('span')!.getBoundingClientRect();
    expect(retry.left).to.be.at.least(words.right);
  });
});

describe('sg-client-list: pressing the dimmed "Send invite" or "Save" while the projects could not be loaded', () => {
  it('invite: focus goes to why the projects are missing, and nothing is sent', async () => {
    const { el, sent } = await failingProjects(problem('busy', 'busy'));
    $<HTMLElement>(el, '[part=invite-button]')!.click();
    const alert = await until(() => $(el, 'dialog[open] fieldset [role=alert]'));
    $<HTMLInputElement>(el, '#f-email')!.value = 'new@example.com';
    submit(el).focus();
    submit(el).click();
    await until(() => el.shadowRoot!.activeElement === alert);
    expect(sent).to.deep.equal([]);
  });

  it('project access: focus goes to why the projects are missing, and nothing is saved', async () => {
    const { el, sent } = await failingProjects(problem('busy', 'busy'));
    rowOf(el, 'ana@example.com')!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    (await until(() => $<HTMLElement>(el, '[data-action=projects]')))!.click();
    const alert = await until(() => $(el, 'dialog[open] fieldset [role=alert]'));
    submit(el).focus();
    submit(el).click();
    await until(() => el.shadowRoot!.activeElement === alert);
    expect(sent).to.deep.equal([]);
  });
});

describe('sg-client-list: the projects’ legend', () => {
  it('lines up with the field labels above it', async () => {
    const client = fakeClient({ projects: { list: async () => MAPLE }, clients: { list: async () => ({ items: [ana], nextCursor: null }) } });
    const el = await fixture<SgClientList>(html`<sg-client-list .client=${client}></sg-client-list>`);
    await until(() => rowOf(el, 'ana@example.com'));
    $<HTMLElement>(el, '[part=invite-button]')!.click();
    await until(() => $(el, 'dialog[open] input[name=projectIds]'));
    const textLeft = (node: Element) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect().left;
    };
    expect(textLeft($(el, 'dialog legend')!)).to.be.closeTo(textLeft($(el, 'label[for=f-email]')!), 0.5);
    await shot('client-list-invite-legend', $(el, 'dialog')!);
  });
});
