import { html, nothing, type TemplateResult } from 'lit';
import type { Client } from '../../src/model/client.js';
import type { Project } from '../../src/model/resource.js';
import { buttons, checkedProjects, displayName, emitOnSubmit, errorNotice, projectChecks, type DialogProps } from './dialog-parts.js';

/**
 * "Project access": one checkbox per project, the client's checked. Saving emits
 * `projects-request` with the ids checked: the client gets exactly these. With `confirmNone`
 * (saved with none checked) it asks as "Revoke access to all projects" does, the boxes hidden
 * but kept, so confirming sends them as they are and going back shows them as they were. Until
 * the projects are loaded nothing can be saved: no boxes is not "no projects".
 */
export function projectsDialog(props: DialogProps & { client: Client; projects: Project[] | undefined; confirmNone?: boolean | undefined; ticked?: string[] | undefined }): TemplateResult {
  const { client, t, confirmNone } = props;
  const ticked = props.ticked ?? client.projectIds;
  const name = displayName(client);
  return html`<form method="dialog" novalidate @submit=${emitOnSubmit('projects-request', checkedProjects)}>
    <h2 id="dialog-title">${confirmNone ? t('revokeTitle') : t('projectsTitle', { name })}</h2>
    ${confirmNone ? html`<p>${t('revokeAll', { name })}</p>` : nothing} ${errorNotice(props)}
    <div ?hidden=${!!confirmNone}>${projectChecks(props, props.projects, (id) => ticked.includes(id), t('inviteProjects'))}</div>
    ${buttons(props, t(confirmNone ? 'revokeConfirm' : 'save'), confirmNone, !props.projects)}
  </form>`;
}
