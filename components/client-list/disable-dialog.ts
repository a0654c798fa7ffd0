import { html, type TemplateResult } from 'lit';
import type { Client } from '../../src/model/client.js';
import { buttons, displayName, emitOnSubmit, errorNotice, type DialogProps } from './dialog-parts.js';

/**
 * "Disable portal access?": says what switching it off does (signed out at once, links and a
 * pending invite cancelled, projects kept) before it happens. Confirming emits `disable-request`.
 */
export function disableDialog(props: DialogProps & { client: Client }): TemplateResult {
  return html`<form method="dialog" @submit=${emitOnSubmit('disable-request')}>
    <h2 id="dialog-title">${props.t('disableTitle')}</h2>
    <p>${props.t('disableText', { name: displayName(props.client) })}</p>
    ${errorNotice(props)} ${buttons(props, props.t('actionDisable'), true)}
  </form>`;
}
