import { html, nothing, type TemplateResult } from 'lit';
import type { Client, ClientDetails } from '../../src/model/client.js';
import type { SgStrings } from '../i18n/en.js';
import { displayName, emitOnSubmit, errorNotice, type DialogProps } from './dialog-parts.js';

/** "Show permissions": what the client may do, module by module, once `details` have loaded. */
export function permissionsDialog(props: DialogProps & { client: Client; details?: ClientDetails | undefined }): TemplateResult {
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
    <div class="actions"><button type="submit" class="btn primary" autofocus>${t('close')}</button></div>
  </form>`;
}
