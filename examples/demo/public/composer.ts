// The builder page's update composer: write an update, attach resources of the project, and
// manage past updates (edit inline, delete after a confirmation). sitegate is reached only
// through the typed client; every piece of text goes in as textContent (no markup from data).
// What goes wrong is said as an error in plain words (with the components' exported sentences
// for sitegate's errors), and each button ignores presses while its request is out.
import { NotFoundError, ValidationError, type PortalClient, type ValidationIssue } from 'sitegate/client';
import { issuesByField, problemMessage, translations } from 'sitegate/components';
import type { ModuleId, Update } from 'sitegate';

/**
 * An update's attachments show resources to clients, and each share button says so ("Clients
 * see it: it is attached to an update"): after a publish, an edit or a removal every button on
 * the page reads its status again, as the buttons do among themselves after a share.
 */
function attachmentsChanged(): void {
  for (const button of document.querySelectorAll<HTMLElement & { refresh(): Promise<void> }>('sg-share-button')) void button.refresh();
}

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

type Field = 'title' | 'body';
/** How the forms name their fields in a sentence. */
const FIELD_WORDS: Record<Field, string> = { title: 'title', body: 'message' };
const count = new Intl.NumberFormat('en');

/** What went wrong, for the builder: `field` when one field was refused (the line goes next to it). */
type Said = { field?: Field; text: string };

/** The limit a `too_big` issue names ("… <=20000 characters" → "20,000"), if it names one. */
function limitOf(issue: ValidationIssue): string | undefined {
  const most = /\d+/.exec(issue.message.replace(/[,\s](?=\d{3})/g, ''));
  return most ? count.format(Number(most[0])) : undefined;
}

/**
 * A refused field in a sentence naming it ("The message is too long: …"), never the server's
 * `body: must not be empty`. `verb` says what was tried ("publishing").
 */
function fieldSentence(field: Field, issue: ValidationIssue, verb: string, said: string | undefined): string {
  const name = FIELD_WORDS[field];
  if (issue.code === 'too_small') return field === 'body' ? `Write a message before ${verb}.` : `The ${name} is empty.`;
  if (issue.code === 'too_big') {
    const most = limitOf(issue);
    return most ? `The ${name} is too long: it can have at most ${most} characters.` : `The ${name} is too long.`;
  }
  // Any other rule in the server's words, as the components write a refused field.
  return `The ${name} was not accepted. ${said ?? ''}`.trim();
}

/**
 * A failed request in plain words, starting with what did not happen (`outcome`, "Not
 * published."): a refused field by name, a refused attachment by its name, and anything else
 * (busy server, no connection, gone, …) as sitegate's components say it.
 */
function explain(error: unknown, outcome: string, verb: string, nameOf: (index: number) => string | undefined): Said {
  const strings = translations();
  if (error instanceof ValidationError) {
    const sentences = issuesByField(error, strings);
    for (const issue of error.issues) {
      const [top, index] = issue.path;
      if (top === 'body' || top === 'title') return { field: top, text: fieldSentence(top, issue, verb, sentences[top]) };
      if (top === 'resources' && typeof index !== 'number') {
        const most = issue.code === 'too_big' ? limitOf(issue) : undefined;
        return { text: `${outcome} ${most ? `Too many resources are attached: at most ${most} can be.` : `The attached resources were not accepted. ${sentences.resources ?? ''}`.trim()}` };
      }
      if (top === 'resources') {
        const name = nameOf(index as number);
        return { text: `${outcome} ${name ? `“${name}” is` : 'An attached resource is'} not part of this project any more. Untick it and try again.` };
      }
    }
    const said = Object.values(sentences).find(Boolean);
    return { text: `${outcome} ${said ?? strings.error_validation_failed}` };
  }
  return { text: `${outcome} ${problemMessage(error, strings)}` };
}

/** An error line (empty and hidden until it says something), announced when it does. */
const problemLine = (id?: string) => el('p', '', { class: 'problem', role: 'alert', ...(id ? { id } : {}) });

/** Ties `line` to `control` as its description, so the field's error is read with it. */
function describe(control: HTMLInputElement | HTMLTextAreaElement, line: HTMLElement): void {
  control.setAttribute('aria-describedby', line.id);
  // Typing again takes the complaint away.
  control.addEventListener('input', () => {
    line.textContent = '';
    control.removeAttribute('aria-invalid');
  });
}

/**
 * Marks `button` busy until the returned function is called: it says what is under way and is
 * `aria-disabled` (not `disabled`, which would drop the focus); callers ignore presses meanwhile.
 */
function busy(button: HTMLButtonElement, label: string): () => void {
  const idle = button.textContent ?? '';
  button.setAttribute('aria-disabled', 'true');
  button.textContent = label;
  return () => {
    button.removeAttribute('aria-disabled');
    button.textContent = idle;
  };
}

let problemIds = 0;

export function updateComposer(api: PortalClient) {
  const form = document.querySelector<HTMLFormElement>('#update')!;
  const picker = document.querySelector<HTMLDivElement>('#update-resources')!;
  const status = document.querySelector<HTMLElement>('#update-status')!;
  const past = document.querySelector<HTMLDivElement>('#past-updates')!;
  const pastStatus = document.querySelector<HTMLElement>('#past-status')!;
  const publishButton = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const fields: Record<Field, { control: HTMLInputElement | HTMLTextAreaElement; line: HTMLElement }> = {
    title: { control: form.querySelector<HTMLInputElement>('#update-title')!, line: problemLine('update-title-problem') },
    body: { control: form.querySelector<HTMLTextAreaElement>('#update-body')!, line: problemLine('update-body-problem') },
  };
  for (const { control, line } of Object.values(fields)) {
    control.after(line);
    describe(control, line);
  }
  /** The form's own error line, under the button: what is not about one field. */
  const formProblem = problemLine('update-problem');
  status.after(formProblem);
  // The message is checked here (trimmed), in words, rather than by the browser's bubble.
  form.noValidate = true;
  let publishing = false;
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
    const problem = problemLine();
    let removing = false;
    no.addEventListener('click', () => {
      if (removing) return;
      ask.replaceWith(actions);
      actions.querySelector('button')?.focus();
    });
    yes.addEventListener('click', async () => {
      if (removing) return;
      removing = true;
      problem.textContent = '';
      pastStatus.textContent = '';
      const done = busy(yes, 'Deleting…');
      no.setAttribute('aria-disabled', 'true');
      try {
        await api.updates.remove(projectId, update.id);
      } catch (error) {
        // Gone already: removed from another tab, or by this very request when the client
        // repeated it after losing the first answer (docs/http-api.md#retries). Either way, done.
        if (!(error instanceof NotFoundError)) {
          problem.textContent = explain(error, 'Not deleted.', 'deleting', () => undefined).text;
          return;
        }
      } finally {
        removing = false;
        done();
        no.removeAttribute('aria-disabled');
      }
      shown = shown.filter((u) => u.id !== update.id);
      attachmentsChanged();
      const next = card.nextElementSibling ?? card.previousElementSibling;
      card.remove();
      if (!shown.length) renderList();
      pastStatus.textContent = 'Update deleted. Clients no longer see it.';
      // The focus was on the removed card: it goes to the next one's first button, or the list.
      (next?.querySelector('button') ?? past.querySelector('button'))?.focus();
    });
    const buttons = el('div', undefined, { class: 'actions' });
    buttons.append(yes, no);
    ask.append(question, buttons, problem);
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
    // The fields' error lines sit after their labels, so they are not read as part of the name.
    const editFields: Record<Field, { control: HTMLInputElement | HTMLTextAreaElement; line: HTMLElement }> = {
      title: { control: title, line: problemLine(`edit-problem-${++problemIds}`) },
      body: { control: body, line: problemLine(`edit-problem-${++problemIds}`) },
    };
    for (const { control, line } of Object.values(editFields)) describe(control, line);
    const attach = el('fieldset', undefined, { class: 'attach' });
    attach.append(el('legend', 'Attached resources'), resourcePicker(update.resources));
    const problem = problemLine();
    const actions = el('div', undefined, { class: 'actions' });
    const save = el('button', 'Save changes', { type: 'submit', class: 'primary' });
    const cancel = el('button', 'Cancel', { type: 'button', class: 'secondary' });
    actions.append(save, cancel);
    edit.append(titleLabel, editFields.title.line, bodyLabel, editFields.body.line, attach, actions, problem);
    edit.noValidate = true;
    let saving = false;
    cancel.addEventListener('click', () => {
      if (saving) return;
      const card = view(update);
      edit.replaceWith(card);
      card.querySelector('button')?.focus();
    });
    edit.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (saving) return;
      clear(editFields, problem);
      pastStatus.textContent = '';
      if (!body.value.trim()) return say(editFields, problem, { field: 'body', text: 'Write a message before saving.' });
      const resources = picked(attach);
      saving = true;
      const done = busy(save, 'Saving…');
      cancel.setAttribute('aria-disabled', 'true');
      let saved: Update;
      try {
        saved = await api.updates.edit(projectId, update.id, { title: title.value.trim() || null, body: body.value, resources });
      } catch (error) {
        say(editFields, problem, explain(error, 'Not saved.', 'saving', (i) => resources[i] && nameOf(resources[i])));
        return;
      } finally {
        saving = false;
        done();
        cancel.removeAttribute('aria-disabled');
      }
      shown = shown.map((u) => (u.id === saved.id ? saved : u));
      attachmentsChanged();
      const card = view(saved);
      edit.replaceWith(card);
      card.querySelector('button')?.focus();
      pastStatus.textContent = 'Update saved. Clients see the new version, marked “Edited”.';
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
      if (mine !== generation) return;
      const line = problemLine();
      line.textContent = `Could not load past updates. ${problemMessage(error, translations())}`;
      past.replaceChildren(line);
    }
  }

  /** Empties a form's error lines. */
  function clear(lines: Record<Field, { control: HTMLElement; line: HTMLElement }>, general: HTMLElement): void {
    general.textContent = '';
    for (const { control, line } of Object.values(lines)) {
      line.textContent = '';
      control.removeAttribute('aria-invalid');
    }
  }

  /** Shows what went wrong as an error: next to the refused field (which gets the focus), else under the buttons. */
  function say(lines: Record<Field, { control: HTMLElement; line: HTMLElement }>, general: HTMLElement, said: Said): void {
    const target = said.field && lines[said.field];
    if (!target) return void (general.textContent = said.text);
    target.line.textContent = said.text;
    target.control.setAttribute('aria-invalid', 'true');
    target.control.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // One update per press: a second submit while the first is out is ignored.
    if (publishing) return;
    clear(fields, formProblem);
    status.textContent = '';
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const body = String(data.get('body') ?? '');
    if (!body.trim()) return say(fields, formProblem, { field: 'body', text: 'Write a message before publishing.' });
    const resources = picked(picker);
    publishing = true;
    const done = busy(publishButton, 'Publishing…');
    try {
      await api.updates.publish(projectId, { body, ...(title ? { title } : {}), resources });
    } catch (error) {
      say(fields, formProblem, explain(error, 'Not published.', 'publishing', (i) => resources[i] && nameOf(resources[i])));
      return;
    } finally {
      publishing = false;
      done();
    }
    form.reset();
    picker.replaceChildren(resourcePicker([]));
    attachmentsChanged();
    status.textContent = 'Published to the project’s clients.';
    await load();
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
