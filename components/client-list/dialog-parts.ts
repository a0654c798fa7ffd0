import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Client } from '../../src/model/client.js';
import type { Project } from '../../src/model/resource.js';
import type { SgStrings } from '../i18n/en.js';
import { disabledWhile } from '../base/a11y.js';

/** What every dialog of the list shows besides its own data: strings, progress and errors. */
export interface DialogProps {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  problem(error: unknown): string;
  /** What its request out is doing ("Saving…"), if one is: its button says so and ignores presses. */
  busy: keyof SgStrings | undefined;
  error?: unknown;
  fieldErrors: Record<string, string>;
  /** Why the projects could not be loaded, if they could not: the project pickers say it. */
  projectsError?: unknown;
}

/**
 * What a dialog asks of the list, emitted from its form: `dialog-cancel`, or the dialog's own
 * request with what was filled in as `detail`. It bubbles to the `<dialog>` and no further (not
 * composed: it is not part of the element's API). The list does the work, then closes the
 * dialog or shows the error in it.
 */
export type DialogEvent<T = undefined> = CustomEvent<T>;

const emit = (target: EventTarget, type: string, detail?: unknown): boolean => target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));

/** Cancel, or Close: the list closes the dialog and gives focus back (as after Escape). */
export const cancel = (event: Event): boolean => emit(event.target!, 'dialog-cancel');

/** A submit handler that reads the form and emits `type` with what `read` made of it. */
export const emitOnSubmit =
  <T>(type: string, read?: (data: FormData) => T) =>
  (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    emit(form, type, read?.(new FormData(form)));
  };

export const displayName = (c: Client): string => c.name || c.email;
export const checkedProjects = (data: FormData): string[] => data.getAll('projectIds').map(String);

export function errorNotice(props: DialogProps): TemplateResult | typeof nothing {
  return props.error ? html`<p class="notice error" role="alert" tabindex="-1">${props.problem(props.error)}</p>` : nothing;
}

/** Cancel and the submit button; `off`: it cannot be sent yet (its handler ignores it too). */
export function buttons(props: DialogProps, submitLabel: string, danger = false, off = false): TemplateResult {
  return html`<div class="actions">
    <button type="button" class="btn" @click=${cancel}>${props.t('cancel')}</button>
    <button type="submit" class="btn ${danger ? 'danger' : 'primary'}" aria-disabled=${disabledWhile(!!props.busy || off)}>${props.busy ? props.t(props.busy) : submitLabel}</button>
  </div>`;
}

/**
 * A checkbox per project; while the projects load, "Loading…"; when they could not, why, with
 * "Try again" (it emits `projects-retry`), never an empty list that would read as no projects.
 * Each box stays with its project when the list is read again: the ones ticked stay ticked.
 */
export function projectChecks(props: DialogProps, projects: Project[] | undefined, checked: (id: string) => boolean, legend: string): TemplateResult {
  const { t, projectsError } = props;
  const error = props.fieldErrors.projectIds;
  return html`<fieldset aria-describedby="projectIds-error" aria-invalid=${error ? 'true' : 'false'}>
    <legend>${legend}</legend>
    ${projects
      ? html`<div class="checks">
          ${repeat(
            projects,
            (p) => p.id,
            (p) => html`<label class="check"><input type="checkbox" name="projectIds" value=${p.id} ?checked=${checked(p.id)} />${p.name}</label>`,
          )}
        </div>`
      : projectsError
        ? html`<p class="notice error" role="alert" tabindex="-1">
            <span>${t('projectsLoadFailed')} ${props.problem(projectsError)}</span>
            <button type="button" class="btn" @click=${(e: Event) => emit(e.target!, 'projects-retry')}>${t('retry')}</button>
          </p>`
        : html`<p class="muted" role="status">${t('loading')}</p>`}
    <span id="projectIds-error" class="field-error">${error ?? ''}</span>
  </fieldset>`;
}

/** The server's length limits (PersonName, Email): typing stops there instead of a refusal after sending. */
const MAX_LENGTH: Record<string, number> = { name: 200, email: 254 };

/** A labelled input; `value` is its default, so the form's `reset()` brings it back. */
export function field(props: DialogProps, name: string, label: string, type: string, autocomplete: string, value = '', hint = ''): TemplateResult {
  const error = props.fieldErrors[name];
  return html`<div class="field">
    <label for=${`f-${name}`}>${label}</label>
    <input
      id=${`f-${name}`}
      name=${name}
      type=${type}
      autocomplete=${autocomplete}
      value=${value}
      ?required=${name === 'email'}
      maxlength=${MAX_LENGTH[name] ?? nothing}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${hint ? `${name}-hint ${name}-error` : `${name}-error`}
    />
    ${hint ? html`<span id=${`${name}-hint`} class="hint">${hint}</span>` : nothing}
    <span id=${`${name}-error`} class="field-error">${error ?? ''}</span>
  </div>`;
}
