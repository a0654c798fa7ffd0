import { expect, fixture, html } from '@open-wc/testing';
import '../../components/index.js';
import '../../components/i18n/fr.js';
import type { SgPortalView } from '../../components/index.js';
import type { Feed } from '../../src/model/feed.js';
import { $, fakeClient, textOf, until } from './support/helpers.js';

const project = { tenantId: 't', id: 'p', name: '12 Maple Street' };
const update = (id: string, title: string, editedAt?: Date) => ({
  update: { tenantId: 't', id, projectId: 'p', title, body: `${title} body`, resources: [], authorId: 'u', publishedAt: new Date('2026-10-20T10:00:00Z'), ...(editedAt ? { editedAt } : {}) },
  resources: [],
});
const feed = { project, modules: { updates: [update('up-1', 'Roof on', new Date('2026-10-21T09:00:00Z')), update('up-2', 'Walls up')] } } as unknown as Feed;
const client = () => fakeClient({ view: { projects: async () => [project], feed: async () => feed } });

describe('sg-portal-view: edited updates', () => {
  it('says "Edited" next to the date of an edited update only, and stays accessible', async () => {
    const el = await fixture<SgPortalView>(html`<sg-portal-view .client=${client()}></sg-portal-view>`);
    await until(() => $(el, 'article.update'));
    const [edited, plain] = [...el.shadowRoot!.querySelectorAll('article.update')];
    expect(textOf(edited!.querySelector('.meta')!)).to.contain('Edited');
    expect(textOf(plain!)).to.not.contain('Edited');
    await expect(el).to.be.accessible();
  });

  it('says it in French under lang="fr"', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="fr"><sg-portal-view .client=${client()}></sg-portal-view></div>`);
    const el = wrapper.querySelector<SgPortalView>('sg-portal-view')!;
    await until(() => $(el, 'article.update'));
    expect(textOf(el.shadowRoot!.querySelector('article.update .meta')!)).to.contain('Modifié');
  });
});
