import { html, nothing, type TemplateResult } from 'lit';
import type { Client, ClientDetails } from '../../src/model/client.js';
import type { Project } from '../../src/model/resource.js';
import type { SgStrings } from '../i18n/en.js';

export type DialogKind = 'invite' | 'projects' | 'revoke' | 'permissions';

export interface DialogHost {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  problem(error: unknown): string;
  projects: Project[];
  /** Projects preselected in the invite dialog (the list's `project-id`). */
  presetProjectId: string;
  busy: boolean;
  error?: unknown;
  fieldErrors: Record<string, string>;
  details?: ClientDetails | undefined;
  submit(event: SubmitEvent): void;
  cancel(): void;
}

const displayName = (c: Client): string => c.name || c.email;

function errorNotice(host: DialogHost): TemplateResult | typeof nothing {
  return host.error ? html`<p class="notice error" role="alert">${host.problem(host.error)}</p>` : nothing;
}

function buttons(host: DialogHost, submitLabel: string, danger = false): TemplateResult {
  return html`<div class="actions">
    <button type="button" class="btn" @click=${host.cancel}>${host.t('cancel')}</button>
    <button type="submit" class="btn ${danger ? 'danger' : 'primary'}" ?disabled=${host.busy}>${submitLabel}</button>
  </div>`;
}

function projectChecks(host: DialogHost, checked: (id: string) => boolean, legend: string): TemplateResult {
  const error = host.fieldErrors.projectIds;
  return html`<fieldset aria-describedby="projectIds-error" aria-invalid=${error ? 'true' : 'false'}>
    <legend>${legend}</legend>
    <div class="checks">
      ${host.projects.map(
        (p) => html`<label class="check"><input type="checkbox" name="projectIds" value=${p.id} ?checked=${checked(p.id)} />${p.name}</label>`,
      )}
    </div>
    <span id="projectIds-error" class="field-error">${error ?? ''}</span>
  </fieldset>`;
}

function field(host: DialogHost, name: string, label: string, type: string, autocomplete: string): TemplateResult {
  const error = host.fieldErrors[name];
  return html`<div class="field">
    <label for=${`f-${name}`}>${label}</label>
    <input
      id=${`f-${name}`}
      name=${name}
      type=${type}
      autocomplete=${autocomplete}
      ?required=${name === 'email'}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${`${name}-error`}
    />
    <span id=${`${name}-error`} class="field-error">${error ?? ''}</span>
  </div>`;
}

/** The body of the one `<dialog>` the list reuses for every action. */
export function dialogBody(host: DialogHost, kind: DialogKind, client?: Client, revokeProject?: Project): TemplateResult {
  if (kind === 'invite') {
    return html`<form method="dialog" novalidate @submit=${host.submit}>
      <h2 id="dialog-title">${host.t('inviteTitle')}</h2>
      ${errorNotice(host)} ${field(host, 'email', host.t('inviteEmail'), 'email', 'off')}
      ${field(host, 'name', host.t('inviteName'), 'text', 'off')}
      ${projectChecks(host, (id) => id === host.presetProjectId, host.t('inviteProjects'))} ${buttons(host, host.t('inviteSubmit'))}
    </form>`;
  }
  if (!client) return html``;
  const name = displayName(client);
  if (kind === 'projects') {
    return html`<form method="dialog" novalidate @submit=${host.submit}>
      <h2 id="dialog-title">${host.t('projectsTitle', { name })}</h2>
      ${errorNotice(host)} ${projectChecks(host, (id) => client.projectIds.includes(id), host.t('inviteProjects'))}
      ${buttons(host, host.t('save'))}
    </form>`;
  }
  if (kind === 'revoke') {
    const text = revokeProject ? host.t('revokeOne', { name, project: revokeProject.name }) : host.t('revokeAll', { name });
    return html`<form method="dialog" @submit=${host.submit}>
      <h2 id="dialog-title">${host.t('revokeTitle')}</h2>
      <p>${text}</p>
      ${errorNotice(host)} ${buttons(host, host.t('revokeConfirm'), true)}
    </form>`;
  }
  const details = host.details;
  return html`<form method="dialog" @submit=${host.submit}>
    <h2 id="dialog-title">${host.t('permissionsTitle', { name })}</h2>
    ${errorNotice(host)}
    ${!details && !host.error
      ? html`<p role="status" class="muted">${host.t('loading')}</p>`
      : details && !details.permissions.length
        ? html`<p>${host.t('permissionsNone')}</p>`
        : details
          ? html`<table class="permissions">
              <thead>
                <tr>
                  <th scope="col">${host.t('permissionsModule')}</th>
                  <th scope="col">${host.t('permissionsActions')}</th>
                </tr>
              </thead>
              <tbody>
                ${details.permissions.map(
                  (p) => html`<tr>
                    <th scope="row">${host.t(`module_${p.module}` as keyof SgStrings)}</th>
                    <td>${p.actions.map((a) => host.t(`action_${a}` as keyof SgStrings)).join(', ')}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : nothing}
    <div class="actions"><button type="submit" class="btn primary" autofocus>${host.t('close')}</button></div>
  </form>`;
}
