// The builder page: sitegate's client list, share buttons on the host's own content tree, and
// an update composer (composer.ts). Everything sitegate-related goes through the typed client.
import 'sitegate/components';
// French for the elements, when the page comes as <html lang="fr"> (the top bar's language switch).
import 'sitegate/components/i18n/fr';
import { createPortalClient } from 'sitegate/client';
import { updateComposer } from './composer.js';
import { chooseLanguageInPlace } from './language-switch.js';

type Resource = { id: string; module: string; kind: 'item' | 'folder'; name: string; parentId?: string; status?: string };

const api = createPortalClient({ baseUrl: '/api/portal' });
const provider = document.querySelector('sg-portal-provider') as HTMLElement & { client: unknown };
provider.client = api;

const composer = updateComposer(api);
const projectSelect = document.querySelector<HTMLSelectElement>('#project')!;
const contentBox = document.querySelector<HTMLDivElement>('#content')!;
const MODULE_TITLES: Record<string, string> = {
  documents: 'Documents', drawings: 'Drawings', reports: 'Reports (completed only can be shared)', photos: 'Photos',
  dailyLogs: 'Daily logs', schedule: 'Schedule', selections: 'Selections', changeOrders: 'Change orders', invoices: 'Invoices',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

function shareButton(projectId: string, r: Resource): HTMLElement {
  // Items say who opened them ("Viewed by Dana · 2 hours ago").
  const receipts: Record<string, string> = r.kind === 'item' ? { 'show-receipts': '' } : {};
  return el('sg-share-button' as 'div', undefined, { 'project-id': projectId, module: r.module, 'resource-id': r.id, kind: r.kind, ...receipts });
}

/** Change orders and selections can be put to the project's clients for a decision. */
const APPROVABLE = new Set(['changeOrders', 'selections']);
function approvalButton(projectId: string, r: Resource): HTMLElement {
  return el('sg-approval-button' as 'div', undefined, { 'project-id': projectId, module: r.module, 'resource-id': r.id, 'refresh-seconds': '5' });
}

function tree(projectId: string, all: Resource[], parentId?: string): HTMLUListElement {
  const list = el('ul', undefined, { class: 'tree' });
  for (const r of all.filter((x) => x.parentId === parentId)) {
    const item = el('li');
    item.append(el('span', `${r.name}${r.status ? ` (${r.status})` : ''}`, { class: r.kind === 'folder' ? 'name folder' : 'name' }));
    if (r.module !== 'reports' || r.status === 'completed') item.append(shareButton(projectId, r));
    if (APPROVABLE.has(r.module) && r.kind === 'item') item.append(approvalButton(projectId, r));
    if (r.kind === 'folder') item.append(tree(projectId, all, r.id));
    list.append(item);
  }
  return list;
}

async function showContent(projectId: string): Promise<void> {
  const response = await fetch(`/demo/content?projectId=${encodeURIComponent(projectId)}`);
  const resources = (await response.json()) as Resource[];
  void composer.show(projectId, resources);
  contentBox.replaceChildren();
  for (const [module, title] of Object.entries(MODULE_TITLES)) {
    const inModule = resources.filter((r) => r.module === module);
    if (!inModule.length) continue;
    const section = el('section');
    section.append(el('h3', title, { class: 'module-title', lang: 'en' }), tree(projectId, inModule));
    if (module === 'dailyLogs') {
      const all = el('div', undefined, { class: 'row' });
      all.append(el('span', 'All daily logs at once:', { lang: 'en' }));
      all.append(el('sg-share-button' as 'div', undefined, { 'project-id': projectId, module, multiple: '', 'resource-ids': inModule.map((r) => r.id).join(' ') }));
      section.append(all);
    }
    contentBox.append(section);
  }
}

async function start(): Promise<void> {
  const projects = await api.projects.list();
  for (const p of projects) projectSelect.append(new Option(p.name, p.id));
  projectSelect.addEventListener('change', () => void showContent(projectSelect.value));
  if (projects[0]) await showContent(projects[0].id);
}

chooseLanguageInPlace();
void start();
