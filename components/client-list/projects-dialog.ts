import { html, type TemplateResult } from 'lit';
import type { Client } from '../../src/model/client.js';
import type { Project } from '../../src/model/resource.js';
import { buttons, checkedProjects, displayName, emitOnSubmit, errorNotice, projectChecks, type DialogProps } from './dialog-parts.js';

/**
 * "Project access": one checkbox per project, the client's checked. Saving emits
 * `projects-request` with the ids checked: the client gets exactly these.
 */
export function projectsDialog(props: DialogProps & { client: Client; projects: Project[] }): TemplateResult {
  const { client } = props;
  return html`<form method="dialog" novalidate @submit=${emitOnSubmit('projects-request', checkedProjects)}>
    <h2 id="dialog-title">${props.t('projectsTitle', { name: displayName(client) })}</h2>
    ${errorNotice(props)} ${projectChecks(props, props.projects, (id) => client.projectIds.includes(id), props.t('inviteProjects'))}
    ${buttons(props, props.t('save'))}
  </form>`;
}
