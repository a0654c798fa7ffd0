import { html, nothing, type TemplateResult } from 'lit';
import type { Client } from '../../src/model/client.js';
import type { SgStrings } from '../i18n/en.js';
import { plainReason, rawReason } from './delivery.js';

export interface RowHost {
  t(key: keyof SgStrings, params?: Record<string, string | number>): string;
  projectName(id: string): string;
  openMenu(client: Client, trigger: HTMLElement): void;
  date(value: Date | string): string;
  /** Opens "Edit details" on the email field, to correct an address the invite did not reach. */
  fixEmail(client: Client): void;
  /** A row changed height on its own (its delivery details opened): measure again. */
  relayout(): void;
  /** What the row's one-click action out is doing ("Sending…"), if one is. */
  doing(id: string): keyof SgStrings | undefined;
  menuOpenFor?: string | undefined;
}

/**
 * Where the invite mail stands, while it matters: "Sending…", "Retrying — why", or "Invite not
 * delivered: why" in plain words, with the server's own words under "Details" and "Fix email".
 */
function delivery(host: RowHost, client: Client): TemplateResult | typeof nothing {
  // Only a pending invite's mail matters: once the client joined (or left), an old failure does not.
  const state = (client.status === 'invited' || client.status === 'expired') && client.inviteDelivery?.state;
  const raw = rawReason(client);
  const plain = plainReason(raw);
  if (state === 'queued') {
    const said = raw.length > 120 ? `${raw.slice(0, 119)}…` : raw;
    const why = plain ? host.t(plain) : host.t('deliveryServerSaid', { reason: said });
    return html`<span class="sending" title=${raw}>${raw ? host.t('deliveryRetrying', { reason: why }) : host.t('deliverySending')}</span>`;
  }
  if (state !== 'failed') return nothing;
  return html`<span class="delivery" part="delivery-problem" title=${raw}>⚠ ${host.t('deliveryFailed', { reason: host.t(plain ?? 'deliveryRefused') })}</span>
    ${raw ? html`<details @toggle=${host.relayout}><summary>${host.t('deliveryDetails')}</summary><code>${raw}</code></details>` : nothing}
    <button class="btn fix" @click=${() => host.fixEmail(client)}>${host.t('deliveryFix')}</button>`;
}

/**
 * One client line: who, which projects, status badge, delivery problem, actions button. `index`
 * and `count` tell assistive technology where the row sits, as most rows are not in the DOM.
 */
export function clientRow(host: RowHost, client: Client, index: number, count: number): TemplateResult {
  const name = client.name || client.email;
  const projects = client.projectIds.map((id) => host.projectName(id)).join(', ');
  // Without any project the client sees nothing, whatever its account status (after "Revoke access").
  const noAccess = !client.projectIds.length && client.status !== 'archived' && client.status !== 'disabled';
  const open = host.menuOpenFor === client.id;
  const doing = host.doing(client.id);
  // A pending invite says when it went out and until when its link works.
  const expires = (client.status === 'invited' || client.status === 'expired') && client.inviteExpiresAt;
  const sent = client.inviteDelivery?.state === 'sent' && client.inviteDelivery.at;
  // Past tense once the link stopped working; also for a row read before then, on a page left open.
  const expired = !!expires && (client.status === 'expired' || new Date(expires).getTime() <= Date.now());
  // The badge says the same as the dates beside it.
  const status = expired ? 'expired' : client.status;
  const keydown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      host.openMenu(client, event.currentTarget as HTMLElement);
    }
  };
  return html`<div class="row" role="listitem" part="row" data-client=${client.id} aria-posinset=${index + 1} aria-setsize=${count}>
    <div class="who">
      <span class="name" title=${name}>${name}</span>
      ${client.name ? html`<span class="email" title=${client.email}>${client.email}</span>` : nothing}
      ${client.pendingEmail ? html`<span class="email">${host.t('emailPending', { email: client.pendingEmail })}</span>` : nothing}
    </div>
    <div class="projects ${projects ? '' : 'none'}">${projects || host.t('clientsNoProjects')}</div>
    <div class="cell-status">
      <span part="badge" class="badge ${status}">${host.t(`status_${status}` as keyof SgStrings)}</span>
      ${noAccess ? html`<span part="badge" class="badge none">${host.t('badgeNoAccess')}</span>` : nothing}
      ${doing ? html`<span class="sending">${host.t(doing)}</span>` : delivery(host, client)}
      ${expires
        ? html`<span class="dates">${sent
            ? host.t(expired ? 'inviteDatesExpired' : 'inviteDates', { sent: host.date(sent), expires: host.date(expires) })
            : host.t(expired ? 'inviteExpired' : 'inviteExpires', { expires: host.date(expires) })}</span>`
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
