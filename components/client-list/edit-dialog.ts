import { html, type TemplateResult } from 'lit';
import type { Client } from '../../src/model/client.js';
import type { Role } from '../../src/model/role.js';
import { buttons, displayName, emitOnSubmit, errorNotice, field, type DialogProps } from './dialog-parts.js';

export interface EditInput {
  name: string;
  email: string;
  roleId: string;
}

const read = (data: FormData): EditInput => ({
  name: String(data.get('name') ?? '').trim(),
  email: String(data.get('email') ?? '').trim(),
  roleId: String(data.get('roleId') ?? ''),
});

/**
 * "Edit details": name, email (a corrected address gets a new link; the old one dies) and role,
 * from the tenant's roles. Saving emits `edit-request` with the `EditInput`. With `fix` (an
 * invite that was not delivered) saving also sends the invite again.
 */
export function editDialog(props: DialogProps & { client: Client; roles: Pick<Role, 'id' | 'name'>[]; fix?: boolean | undefined }): TemplateResult {
  const { client, t } = props;
  // The client's own role stays choosable while the roles load (or if it is not listed).
  const roles = props.roles.some((r) => r.id === client.roleId) ? props.roles : [{ id: client.roleId, name: client.roleId }, ...props.roles];
  return html`<form method="dialog" novalidate @submit=${emitOnSubmit('edit-request', read)}>
    <h2 id="dialog-title">${t('editTitle', { name: displayName(client) })}</h2>
    ${errorNotice(props)} ${field(props, 'name', t('inviteName'), 'text', 'off', client.name ?? '')}
    ${client.pendingEmail
      ? field(props, 'email', t('inviteEmail'), 'email', 'off', client.pendingEmail, t('editEmailPendingHint', { email: client.pendingEmail, current: client.email }))
      : field(props, 'email', t('inviteEmail'), 'email', 'off', client.email, t('editEmailHint'))}
    <div class="field">
      <label for="f-roleId">${t('editRole')}</label>
      <select id="f-roleId" name="roleId">
        ${roles.map((r) => html`<option value=${r.id} ?selected=${r.id === client.roleId}>${r.name}</option>`)}
      </select>
    </div>
    ${buttons(props, t(props.fix ? 'deliveryFixSubmit' : 'save'))}
  </form>`;
}
