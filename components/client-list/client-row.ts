import { html, nothing, type TemplateResult } from 'lit';
import type { Client } from '../../src/model/client.js';
import type { SgStrings } from '../i18n/en.js';

export interface RowHost {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  projectName(id: string): string;
  openMenu(client: Client, trigger: HTMLElement): void;
  date(value: Date | string): string;
  menuOpenFor?: string | undefined;
}

/**
 * One client line: who, which projects, status badge, delivery problem, actions button. `index`
 * and `count` tell assistive technology where the row sits, as most rows are not in the DOM.
 */
export function clientRow(host: RowHost, client: Client, index: number, count: number): TemplateResult {
  const name = client.name || client.email;
  const projects = client.projectIds.map((id) => host.projectName(id)).join(', ');
  const failed = client.inviteDelivery?.state === 'failed';
  const open = host.menuOpenFor === client.id;
  // A pending invite says when it went out and until when its link works.
  const expires = (client.status === 'invited' || client.status === 'expired') && client.inviteExpiresAt;
  const sent = client.inviteDelivery?.state === 'sent' && client.inviteDelivery.at;
  const keydown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      host.openMenu(client, event.currentTarget as HTMLElement);
    }
  };
  return html`<div class="row" role="listitem" part="row" data-client=${client.id} aria-posinset=${index + 1} aria-setsize=${count}>
    <div class="who">
      <span class="name">${name}</span>
      ${client.name ? html`<span class="email">${client.email}</span>` : nothing}
      ${client.pendingEmail ? html`<span class="email">${host.t('emailPending', { email: client.pendingEmail })}</span>` : nothing}
    </div>
    <div class="projects ${projects ? '' : 'none'}">${projects || host.t('clientsNoProjects')}</div>
    <div class="cell-status">
      <span part="badge" class="badge ${client.status}">${host.t(`status_${client.status}` as keyof SgStrings)}</span>
      ${failed
        ? html`<span class="delivery" part="delivery-problem" title=${client.inviteDelivery?.reason ?? ''}>⚠ ${host.t('inviteNotDelivered')}</span>`
        : nothing}
      ${expires
        ? html`<span class="dates">${sent ? host.t('inviteDates', { sent: host.date(sent), expires: host.date(expires) }) : host.t('inviteExpires', { expires: host.date(expires) })}</span>`
        : nothing}
    </div>
    <button
      class="btn quiet more"
      part="row-menu-button"
      aria-haspopup="menu"
      aria-expanded=${open ? 'true' : 'false'}
      aria-label=${host.t('rowActions', { name })}
      @click=${(e: Event) => host.openMenu(client, e.currentTarget as HTMLElement)}
      @keydown=${keydown}
    >
      <span aria-hidden="true">⋯</span>
    </button>
  </div>`;
}
