import { html, type TemplateResult } from 'lit';
import type { Project } from '../../src/model/resource.js';
import { buttons, checkedProjects, emitOnSubmit, errorNotice, field, projectChecks, type DialogProps } from './dialog-parts.js';

export interface InviteInput {
  email: string;
  name: string;
  projectIds: string[];
}

const read = (data: FormData): InviteInput => ({
  email: String(data.get('email') ?? '').trim(),
  name: String(data.get('name') ?? '').trim(),
  projectIds: checkedProjects(data),
});

/**
 * "Invite client": email, name and projects (the list's own project preselected). Sending emits
 * `invite-request` with the `InviteInput`: add the client and invite them. It cannot be sent
 * until the projects are loaded.
 */
export function inviteDialog(props: DialogProps & { projects: Project[] | undefined; presetProjectId: string; ticked?: string[] | undefined }): TemplateResult {
  const { ticked } = props;
  return html`<form method="dialog" novalidate @submit=${emitOnSubmit('invite-request', read)}>
    <h2 id="dialog-title">${props.t('inviteTitle')}</h2>
    ${errorNotice(props)} ${field(props, 'email', props.t('inviteEmail'), 'email', 'off')} ${field(props, 'name', props.t('inviteName'), 'text', 'off')}
    ${projectChecks(props, props.projects, (id) => (ticked ? ticked.includes(id) : id === props.presetProjectId), props.t('inviteProjects'))} ${buttons(props, props.t('inviteSubmit'), false, !props.projects)}
  </form>`;
}
