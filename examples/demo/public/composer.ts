// The builder page's update composer: write an update, attach resources of the project, and
// manage past updates (edit inline, delete after a confirmation). sitegate is reached only
// through the typed client; every piece of text goes in as textContent (no markup from data).
import type { PortalClient } from 'sitegate/client';
import type { ModuleId, Update } from 'sitegate';

export type ComposerResource = { id: string; module: string; kind: 'item' | 'folder'; name: string; status?: string };
type Ref = { module: ModuleId; id: string };

const MODULE_NAMES: Record<string, string> = {
  documents: 'Documents', drawings: 'Drawings', reports: 'Reports', photos: 'Photos', dailyLogs: 'Daily logs',
  schedule: 'Schedule', selections: 'Selections', changeOrders: 'Change orders', invoices: 'Invoices',
};
const PAGE = 20;
const refKey = (r: { module: string; id: string }) => `${r.module}/${r.id}`;
const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

const messageOf = (error: unknown, fallback: string) => (error instanceof Error && error.message ? error.message : fallback);

export function updateComposer(api: PortalClient) {
  const form = document.querySelector<HTMLFormElement>('#update')!;
  const picker = document.querySelector<HTMLDivElement>('#update-resources')!;
  const status = document.querySelector<HTMLElement>('#update-status')!;
  const past = document.querySelector<HTMLDivElement>('#past-updates')!;
  const pastStatus = document.querySelector<HTMLElement>('#past-status')!;
  let projectId = '';
  let resources: ComposerResource[] = [];
  let shown: Update[] = [];
  let nextCursor: string | null = null;
  /** Bumped per project switch, so a slow answer for the previous project is dropped. */
  let generation = 0;

  /** What can be attached: the project's content, reports only once completed (as for sharing). */
  const attachable = () => resources.filter((r) => r.module !== 'reports' || r.status === 'completed');

  /** Checkboxes per module, each module folded into a <details>; `chosen` starts ticked. */
  function resourcePicker(chosen: readonly Ref[]): HTMLElement {
    const ticked = new Set(chosen.map(refKey));
    const box = el('div', undefined, { class: 'attach-modules' });
    for (const [module, title] of Object.entries(MODULE_NAMES)) {
      const inModule = attachable().filter((r) => r.module === module);
      if (!inModule.length) continue;
      const group = el('details', undefined, { class: 'attach-module' });
      const summary = el('summary');
      // The summary counts what is ticked, so a folded module still says what it attaches.
      const count = () => {
        const n = group.querySelectorAll('input[name=resource]:checked').length;
        summary.textContent = n ? `${title} (${n} attached)` : title;
        return n;
      };
      group.append(summary);
      group.addEventListener('change', count);
      for (const r of inModule) {
        const label = el('label', undefined, { class: 'check' });
        const input = el('input', undefined, { type: 'checkbox', name: 'resource', value: refKey(r) });
        input.checked = ticked.has(refKey(r));
        label.append(input, el('span', r.kind === 'folder' ? `${r.name} (folder)` : r.name));
        group.append(label);
      }
      if (count()) group.open = true;
      box.append(group);
    }
    if (!box.childElementCount) box.append(el('p', 'This project has no content to attach.', { class: 'hint' }));
    return box;
  }

  /** The refs ticked inside `scope`, in the page's order. */
  const picked = (scope: ParentNode): Ref[] =>
    [...scope.querySelectorAll<HTMLInputElement>('input[name=resource]:checked')].map((input) => {
      const [module, ...id] = input.value.split('/');
      return { module: module as ModuleId, id: id.join('/') };
    });

  const nameOf = (ref: Ref) => resources.find((r) => r.module === ref.module && r.id === ref.id)?.name ?? ref.id;

  function attachments(update: Update): HTMLElement | null {
    if (!update.resources.length) return null;
    const list = el('ul', undefined, { class: 'attachments', 'aria-label': 'Attached' });
    for (const ref of update.resources) list.append(el('li', `${MODULE_NAMES[ref.module] ?? ref.module}: ${nameOf(ref)}`));
    return list;
  }

  function view(update: Update): HTMLElement {
    const card = el('article', undefined, { class: 'past-update', 'data-update-id': update.id });
    const heading = update.title ?? 'Update';
    card.append(el('h3', heading));
    const meta = el('p', `Published ${when.format(new Date(update.publishedAt))}`, { class: 'meta' });
    if (update.editedAt) meta.append(el('span', ` · Edited ${when.format(new Date(update.editedAt))}`, { class: 'edited' }));
    card.append(meta, el('p', update.body, { class: 'body' }));
    const attached = attachments(update);
    if (attached) card.append(attached);
    const actions = el('div', undefined, { class: 'actions' });
    const edit = el('button', 'Edit', { type: 'button', class: 'secondary', 'aria-label': `Edit “${heading}”` });
    const remove = el('button', 'Delete', { type: 'button', class: 'danger', 'aria-label': `Delete “${heading}”` });
    edit.addEventListener('click', () => card.replaceWith(editor(update)));
    remove.addEventListener('click', () => confirmRemoval(card, update, actions));
    actions.append(edit, remove);
    card.append(actions);
    return card;
  }

  /** Asks before deleting, in place of the card's buttons; focus moves to the question. */
  function confirmRemoval(card: HTMLElement, update: Update, actions: HTMLElement): void {
    const ask = el('div', undefined, { class: 'confirm', role: 'group', 'aria-label': 'Confirm deletion' });
    const question = el('p', 'Delete this update? The project’s clients will no longer see it.', { tabindex: '-1' });
    const yes = el('button', 'Delete update', { type: 'button', class: 'danger' });
    const no = el('button', 'Keep it', { type: 'button', class: 'secondary' });
    const note = el('span', '', { class: 'status', role: 'status' });
    no.addEventListener('click', () => {
      ask.replaceWith(actions);
      actions.querySelector('button')?.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = no.disabled = true;
      try {
        await api.updates.remove(projectId, update.id);
        shown = shown.filter((u) => u.id !== update.id);
        card.remove();
        if (!shown.length) renderList();
        pastStatus.textContent = 'Update deleted. Clients no longer see it.';
      } catch (error) {
        note.textContent = messageOf(error, 'Could not delete the update.');
        yes.disabled = no.disabled = false;
      }
    });
    const buttons = el('div', undefined, { class: 'actions' });
    buttons.append(yes, no, note);
    ask.append(question, buttons);
    actions.replaceWith(ask);
    question.focus();
  }

  /** The inline edit form, in place of the card. */
  function editor(update: Update): HTMLElement {
    const edit = el('form', undefined, { class: 'past-update editing', 'aria-label': `Edit update “${update.title ?? 'Update'}”` });
    const titleLabel = el('label', 'Title');
    const title = el('input', undefined, { name: 'title', maxlength: '200' });
    title.value = update.title ?? '';
    titleLabel.append(title);
    const bodyLabel = el('label', 'Message');
    const body = el('textarea', undefined, { name: 'body', rows: '4', required: '' });
    body.value = update.body;
    bodyLabel.append(body);
    const attach = el('fieldset', undefined, { class: 'attach' });
    attach.append(el('legend', 'Attached resources'), resourcePicker(update.resources));
    const note = el('span', '', { class: 'status', role: 'status' });
    const actions = el('div', undefined, { class: 'actions' });
    const cancel = el('button', 'Cancel', { type: 'button', class: 'secondary' });
    actions.append(el('button', 'Save changes', { type: 'submit', class: 'primary' }), cancel, note);
    edit.append(titleLabel, bodyLabel, attach, actions);
    cancel.addEventListener('click', () => {
      const card = view(update);
      edit.replaceWith(card);
      card.querySelector('button')?.focus();
    });
    edit.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const saved = await api.updates.edit(projectId, update.id, { title: title.value.trim() || null, body: body.value, resources: picked(attach) });
        shown = shown.map((u) => (u.id === saved.id ? saved : u));
        const card = view(saved);
        edit.replaceWith(card);
        card.querySelector('button')?.focus();
        pastStatus.textContent = 'Update saved. Clients see the new version, marked “Edited”.';
      } catch (error) {
        note.textContent = messageOf(error, 'Could not save the update.');
      }
    });
    queueMicrotask(() => body.focus());
    return edit;
  }

  function renderList(): void {
    past.replaceChildren();
    if (!shown.length) {
      past.append(el('p', 'No updates yet. Published updates appear here, newest first.', { class: 'hint' }));
      return;
    }
    const list = el('div', undefined, { class: 'past-updates' });
    list.append(...shown.map(view));
    past.append(list);
    if (nextCursor) {
      const more = el('button', 'Show older updates', { type: 'button', class: 'secondary' });
      more.addEventListener('click', () => void load(true));
      past.append(more);
    }
  }

  async function load(more = false): Promise<void> {
    const mine = generation;
    try {
      const page = await api.updates.list(projectId, { limit: PAGE, ...(more && nextCursor ? { cursor: nextCursor } : {}) });
      if (mine !== generation) return;
      shown = more ? [...shown, ...page.items] : page.items;
      nextCursor = page.nextCursor;
      renderList();
    } catch (error) {
      if (mine === generation) past.replaceChildren(el('p', messageOf(error, 'Could not load past updates.'), { role: 'alert' }));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const title = String(data.get('title') ?? '').trim();
      await api.updates.publish(projectId, { body: String(data.get('body') ?? ''), ...(title ? { title } : {}), resources: picked(picker) });
      form.reset();
      picker.replaceChildren(resourcePicker([]));
      status.textContent = 'Published to the project’s clients.';
      await load();
    } catch (error) {
      status.textContent = messageOf(error, 'Could not publish the update.');
    }
  });

  return {
    /** Shows the composer for a project, with its content to attach and its past updates. */
    show(project: string, content: ComposerResource[]): Promise<void> {
      generation++;
      projectId = project;
      resources = content;
      picker.replaceChildren(resourcePicker([]));
      return load();
    },
  };
}
