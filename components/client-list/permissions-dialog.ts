import { html, nothing, type TemplateResult } from 'lit';
import type { Client, ClientDetails } from '../../src/model/client.js';
import type { NotificationPreference } from '../../src/model/notification.js';
import { FREQUENCIES } from '../../src/model/notification-lists.js';
import type { SgStrings } from '../i18n/en.js';
import { disabledWhile } from '../base/a11y.js';
import { displayName, emitOnSubmit, errorNotice, type DialogProps } from './dialog-parts.js';

/** The client's digest: how often it gets an email about what is new; staff may change it. */
export interface DigestState {
  preference: NotificationPreference;
  saved?: boolean;
}

function digest(props: DialogProps, state: DigestState): TemplateResult {
  const { t } = props;
  const save = (event: Event): void => {
    const frequency = (event.currentTarget as HTMLElement).parentElement!.querySelector('select')!.value;
    event.currentTarget!.dispatchEvent(new CustomEvent('frequency-request', { detail: frequency, bubbles: true }));
  };
  return html`<div class="field">
    <label for="f-frequency">${t('digestLabel')}</label>
    <div class="digest">
      <select id="f-frequency" aria-describedby="frequency-hint">
        ${FREQUENCIES.map((f) => html`<option value=${f} ?selected=${f === state.preference.frequency}>${t(`frequency_${f}`)}</option>`)}
      </select>
      <button type="button" class="btn" aria-disabled=${disabledWhile(!!props.busy)} @click=${save}>${t(props.busy ?? 'save')}</button>
    </div>
    <span id="frequency-hint" class="hint" role="status">${state.saved ? t('digestSaved') : state.preference.isDefault ? t('digestDefault') : ''}</span>
  </div>`;
}

/**
 * "Show permissions" (the client's details): what the client may do, module by module, once
 * `details` have loaded, and its email digest frequency once that has (`frequency-request`
 * with the chosen one saves it).
 */
export function permissionsDialog(props: DialogProps & { client: Client; details?: ClientDetails | undefined; digest?: DigestState | undefined }): TemplateResult {
  const { details, t } = props;
  return html`<form method="dialog" @submit=${emitOnSubmit('dialog-cancel')}>
    <h2 id="dialog-title">${t('permissionsTitle', { name: displayName(props.client) })}</h2>
    ${errorNotice(props)}
    ${!details && !props.error
      ? html`<p role="status" class="muted">${t('loading')}</p>`
      : details && !details.permissions.length
        ? html`<p>${t('permissionsNone')}</p>`
        : details
          ? html`<table class="permissions">
              <thead>
                <tr>
                  <th scope="col">${t('permissionsModule')}</th>
                  <th scope="col">${t('permissionsActions')}</th>
                </tr>
              </thead>
              <tbody>
                ${details.permissions.map(
                  (p) => html`<tr>
                    <th scope="row">${t(`module_${p.module}` as keyof SgStrings)}</th>
                    <td>${p.actions.map((a) => t(`action_${a}` as keyof SgStrings)).join(', ')}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : nothing}
    ${props.digest ? digest(props, props.digest) : nothing}
    <div class="actions"><button type="submit" class="btn primary" autofocus>${t('close')}</button></div>
  </form>`;
}
