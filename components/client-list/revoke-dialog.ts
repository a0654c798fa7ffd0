import { html, type TemplateResult } from 'lit';
import type { Client } from '../../src/model/client.js';
import type { Project } from '../../src/model/resource.js';
import { buttons, displayName, emitOnSubmit, errorNotice, type DialogProps } from './dialog-parts.js';

/**
 * "Revoke access": from the one project the list shows, else from all. Confirming emits
 * `revoke-request`.
 */
export function revokeDialog(props: DialogProps & { client: Client; project?: Project | undefined }): TemplateResult {
  const name = displayName(props.client);
  const text = props.project ? props.t('revokeOne', { name, project: props.project.name }) : props.t('revokeAll', { name });
  return html`<form method="dialog" @submit=${emitOnSubmit('revoke-request')}>
    <h2 id="dialog-title">${props.t('revokeTitle')}</h2>
    <p>${text}</p>
    ${errorNotice(props)} ${buttons(props, props.t('revokeConfirm'), true)}
  </form>`;
}
