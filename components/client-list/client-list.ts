import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Client, ClientDetails, ClientStatus } from '../../src/model/client.js';
import type { Project } from '../../src/model/resource.js';
import { SgElement } from '../base/sg-element.js';
import { SgAccessRevokedEvent, SgClientInvitedEvent, SgClientUpdatedEvent, type ClientChange } from '../events.js';
import type { SgStrings } from '../i18n/en.js';
import { issuesByField } from '../util/problem.js';
import styles from './client-list.styles.js';
import { clientRow, type RowHost } from './client-row.js';
import { dialogBody, type DialogHost, type DialogKind } from './dialogs.js';
import { menuTemplate, type MenuItem } from './row-menu.js';
import { RowWindow } from './row-window.js';
import { checkInvite } from './validate.js';

const STATUSES: ClientStatus[] = ['not_invited', 'invited', 'expired', 'active', 'disabled'];
const PAGE = 500;

/**
 * @summary The builder's "Client portal" page: every client (across projects, or of one
 * project), their status and mail problems, search and filter, invite, and per-client actions.
 * Windowed: only the rows in view are in the DOM, so it stays smooth with 100,000 clients.
 *
 * @attr project-id - Show only this project's clients; invites preselect it and revoking removes only it.
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`).
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-client-invited - A client was invited; `detail.client`.
 * @event sg-client-updated - Projects, invite or portal access changed; `detail: { client, change }`.
 * @event sg-access-revoked - Access was revoked; `detail: { client, projectIds }`.
 * @slot title - Replaces the heading.
 * @csspart base - The wrapper.
 * @csspart toolbar - Search, filter and invite button.
 * @csspart invite-button - The "Invite client" button.
 * @csspart list - The scrolling list.
 * @csspart row - One client.
 * @csspart badge - A status badge.
 * @csspart delivery-problem - The "invite not delivered" marker.
 * @csspart row-menu-button - The actions button of a row.
 * @csspart menu - The actions menu.
 * @csspart dialog - The dialog used for invite, project access, revoke and permissions.
 * @cssproperty --sg-client-list-height - Height of the scrolling list (default 30rem).
 * @cssproperty --sg-client-list-row-height - Minimum row height (default 3.5rem).
 */
@customElement('sg-client-list')
export class SgClientList extends SgElement {
  static override styles = styles;

  @property({ attribute: 'project-id' }) projectId = '';

  /** Every client loaded (all pages). */
  @state() clients?: Client[];
  @state() projects: Project[] = [];
  @state() private loadError?: unknown;
  @state() private q = '';
  @state() private status: ClientStatus | '' = '';
  @state() private notice?: { text: string; error: boolean } | undefined;
  @state() private menu?: { client: Client; trigger: HTMLElement; style: string } | undefined;
  @state() private dialog?: { kind: DialogKind; client?: Client; details?: ClientDetails } | undefined;
  @state() private busy = false;
  @state() private dialogError?: unknown;
  @state() private fieldErrors: Record<string, string> = {};
  @query('dialog') private dialogEl!: HTMLDialogElement;
  #opener?: HTMLElement | undefined;
  /** `closeDialog` already did what the coming `close` event would. */
  #closedHere = false;
  /** Only the rows in and near view are in the DOM, whatever the number of clients. */
  #window = new RowWindow<Client>(this, (c) => c.id);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('client') || changed.has('projectId')) && this.client) void this.load();
  }

  /** Loads every page of clients (the list filters locally, so search is instant). */
  async load(): Promise<void> {
    const client = this.client!;
    this.loadError = undefined;
    this.clients = undefined;
    void client.projects.list().then(
      (projects) => (this.projects = projects),
      () => (this.projects = []), // names fall back to ids; the list itself still works
    );
    try {
      const all: Client[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.clients.list({ limit: PAGE, ...(this.projectId ? { projectId: this.projectId } : {}), ...(cursor ? { cursor } : {}) });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        this.clients = [...all];
      } while (cursor);
    } catch (error) {
      this.loadError = error;
    }
  }

  #visible?: { clients: Client[] | undefined; q: string; status: string; items: Client[] };

  /** The filtered rows; the same array while nothing changed, so the window keeps its layout. */
  private get visible(): Client[] {
    const cached = this.#visible;
    if (cached && cached.clients === this.clients && cached.q === this.q && cached.status === this.status) return cached.items;
    const q = this.q.trim().toLowerCase();
    const items = (this.clients ?? []).filter(
      (c) => (!this.status || c.status === this.status) && (!q || c.email.includes(q) || (c.name ?? '').toLowerCase().includes(q)),
    );
    this.#visible = { clients: this.clients, q: this.q, status: this.status, items };
    return items;
  }

  private projectName = (id: string): string => this.projects.find((p) => p.id === id)?.name ?? id;

  private replace(updated: Client): void {
    const list = this.clients ?? [];
    const keep = !this.projectId || updated.projectIds.includes(this.projectId);
    const i = list.findIndex((c) => c.id === updated.id);
    if (i < 0) this.clients = keep ? [updated, ...list] : list;
    else this.clients = keep ? list.map((c) => (c.id === updated.id ? updated : c)) : list.filter((c) => c.id !== updated.id);
  }

  // ——— menu ———

  private openMenu(client: Client, trigger: HTMLElement): void {
    if (this.menu?.client.id === client.id) return this.closeMenu(true);
    const r = trigger.getBoundingClientRect();
    const rtl = getComputedStyle(this).direction === 'rtl';
    const side = rtl ? `left:${r.left}px` : `right:${window.innerWidth - r.right}px`;
    const below = r.bottom + 260 < window.innerHeight;
    const vertical = below ? `top:${r.bottom + 4}px` : `bottom:${window.innerHeight - r.top + 4}px`;
    this.menu = { client, trigger, style: `${side};${vertical}` };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[role="menuitem"]')?.focus());
  }

  private closeMenu(refocus: boolean): void {
    const trigger = this.menu?.trigger;
    this.menu = undefined;
    if (refocus && trigger?.isConnected) trigger.focus();
  }

  private menuItems(client: Client): MenuItem[] {
    const items: MenuItem[] = [{ id: 'projects', label: this.t('actionProjects') }];
    if (client.status !== 'active' && client.status !== 'disabled') {
      items.push({ id: 'invite', label: this.t(client.status === 'not_invited' ? 'actionSendInvite' : 'actionResendInvite') });
    }
    items.push({ id: 'permissions', label: this.t('actionPermissions') });
    items.push({ id: 'portal', label: this.t(client.status === 'disabled' ? 'actionEnable' : 'actionDisable') });
    items.push({ id: 'revoke', label: this.t('actionRevoke'), danger: true });
    return items;
  }

  private choose(action: string): void {
    const menu = this.menu;
    if (!menu) return;
    this.#opener = menu.trigger;
    this.closeMenu(false);
    const client = menu.client;
    if (action === 'invite') void this.run(client, 'invite', () => this.client!.clients.sendInvite(client.id), 'inviteSent');
    else if (action === 'portal') {
      const enable = client.status === 'disabled';
      void this.run(client, 'portal-access', () => this.client!.clients.update(client.id, { portalAccess: enable }), enable ? 'portalEnabled' : 'portalDisabled');
    } else void this.openDialog(action as DialogKind, client);
  }

  /** Runs a one-click action, then announces the result in words. */
  private async run(client: Client, change: ClientChange, action: () => Promise<Client>, done: keyof SgStrings): Promise<void> {
    this.notice = undefined;
    try {
      const updated = await action();
      this.replace(updated);
      this.notice = { text: this.t(done, { name: updated.name || updated.email, email: updated.email }), error: false };
      this.dispatchEvent(new SgClientUpdatedEvent({ client: updated, change }));
    } catch (error) {
      this.notice = { text: this.problem(error), error: true };
    }
    this.restoreFocus();
  }

  private restoreFocus(): void {
    const opener = this.#opener;
    if (opener?.isConnected) opener.focus();
    else this.renderRoot.querySelector<HTMLElement>('[part="invite-button"]')?.focus();
  }

  // ——— dialogs ———

  private async openDialog(kind: DialogKind, client?: Client): Promise<void> {
    if (!client) this.#opener = this.renderRoot.querySelector<HTMLElement>('[part="invite-button"]') ?? undefined;
    this.dialog = client ? { kind, client } : { kind };
    this.dialogError = undefined;
    this.fieldErrors = {};
    this.busy = false;
    await this.updateComplete;
    this.dialogEl.querySelector('form')?.reset();
    if (!this.dialogEl.open) this.dialogEl.showModal();
    if (kind === 'permissions' && client) {
      try {
        const details = await this.client!.clients.get(client.id);
        if (this.dialog?.client?.id === client.id) this.dialog = { ...this.dialog, details };
      } catch (error) {
        this.dialogError = error;
      }
    }
  }

  /**
   * Closes the dialog and forgets it at once. The `close` event comes a task later, by when the
   * next dialog may already be open: it must not close that one too.
   */
  private closeDialog(): void {
    if (!this.dialogEl?.open) return;
    this.#closedHere = true;
    this.dialogEl.close();
    this.dialogClosed();
  }

  /** The native dialog closed (Escape, or `closeDialog`): forget it and give focus back. */
  private dialogClosed(): void {
    this.dialog = undefined;
    this.restoreFocus();
  }

  private dialogCloseEvent(): void {
    if (this.#closedHere) this.#closedHere = false;
    else this.dialogClosed();
  }

  private async submitDialog(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const dialog = this.dialog;
    if (!dialog || this.busy) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const projectIds = data.getAll('projectIds').map(String);
    const client = dialog.client;
    if (dialog.kind === 'permissions') return this.closeDialog();
    if (dialog.kind === 'invite') {
      const email = String(data.get('email') ?? '').trim();
      const checks = checkInvite({ email, projectIds });
      this.fieldErrors = Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, this.t(v)]));
      if (Object.keys(checks).length) return this.focusInvalid();
    }
    this.busy = true;
    this.dialogError = undefined;
    try {
      const api = this.client!.clients;
      if (dialog.kind === 'invite') {
        const name = String(data.get('name') ?? '').trim();
        const added = await api.add({ email: String(data.get('email')).trim(), projectIds, ...(name ? { name } : {}) });
        this.replace(added);
        this.notice = { text: this.t('clientInvited', { email: added.email }), error: false };
        this.dispatchEvent(new SgClientInvitedEvent({ client: added }));
      } else if (client && dialog.kind === 'projects') {
        const updated = await api.setProjects(client.id, projectIds);
        this.replace(updated);
        this.notice = { text: this.t('accessUpdated', { name: updated.name || updated.email }), error: false };
        this.dispatchEvent(new SgClientUpdatedEvent({ client: updated, change: 'projects' }));
        const removed = client.projectIds.filter((id) => !projectIds.includes(id));
        if (removed.length) this.dispatchEvent(new SgAccessRevokedEvent({ client: updated, projectIds: removed }));
      } else if (client && dialog.kind === 'revoke') {
        const removed = this.projectId ? [this.projectId] : client.projectIds;
        const updated = this.projectId ? await api.revokeProject(client.id, this.projectId) : await api.setProjects(client.id, []);
        this.replace(updated);
        this.notice = { text: this.t('accessRevoked', { name: updated.name || updated.email }), error: false };
        this.dispatchEvent(new SgAccessRevokedEvent({ client: updated, projectIds: removed }));
      }
      this.busy = false;
      this.closeDialog();
    } catch (error) {
      this.busy = false;
      this.fieldErrors = issuesByField(error);
      this.dialogError = error;
      await this.focusInvalid();
    }
  }

  private async focusInvalid(): Promise<void> {
    await this.updateComplete;
    this.dialogEl.querySelector<HTMLElement>('[aria-invalid="true"] input, input[aria-invalid="true"]')?.focus();
  }

  // ——— render ———

  private readonly rowHost: RowHost = {
    t: (key, params) => this.t(key, params),
    projectName: (id) => this.projectName(id),
    openMenu: (client, trigger) => this.openMenu(client, trigger),
  };

  protected override render(): TemplateResult {
    this.rowHost.menuOpenFor = this.menu?.client.id;
    const count = this.clients?.length ?? 0;
    return html`<div part="base" class="card">
      <header class="head">
        <slot name="title"><h2>${this.t('clientsTitle')}</h2></slot>
        ${this.clients ? html`<span class="muted count">${this.t('clientsCount', { count })}</span>` : nothing}
      </header>
      <div part="toolbar" class="toolbar">
        <input
          type="search"
          aria-label=${this.t('clientsSearch')}
          placeholder=${this.t('clientsSearch')}
          .value=${this.q}
          @input=${(e: Event) => (this.q = (e.target as HTMLInputElement).value)}
        />
        <select aria-label=${this.t('clientsStatusFilter')} @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as ClientStatus)}>
          <option value="">${this.t('statusAll')}</option>
          ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${this.t(`status_${s}` as keyof SgStrings)}</option>`)}
        </select>
        <button part="invite-button" class="btn primary" ?disabled=${!this.client} @click=${() => this.openDialog('invite')}>
          ${this.t('clientsInvite')}
        </button>
      </div>
      <div class="live" role="status">${this.notice && !this.notice.error ? this.notice.text : ''}</div>
      ${this.notice?.error ? html`<p class="notice error" role="alert">${this.notice.text}</p>` : nothing} ${this.body()}
      ${this.menu
        ? menuTemplate({
            label: this.t('rowActions', { name: this.menu.client.name || this.menu.client.email }),
            items: this.menuItems(this.menu.client),
            style: this.menu.style,
            choose: (id) => this.choose(id),
            close: (refocus) => this.closeMenu(refocus),
          })
        : nothing}
      <dialog part="dialog" aria-labelledby="dialog-title" @close=${this.dialogCloseEvent}>${this.dialog ? this.dialogTemplate() : nothing}</dialog>
    </div>`;
  }

  private body(): TemplateResult {
    if (!this.client) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    if (this.loadError) {
      return html`<div class="state error" role="alert">
        <p>${this.problem(this.loadError)}</p>
        <button class="btn" @click=${() => this.load()}>${this.t('retry')}</button>
      </div>`;
    }
    if (!this.clients) return html`<div class="state" role="status"><span class="spinner" aria-hidden="true"></span>${this.t('loading')}</div>`;
    if (!this.clients.length) return html`<div class="state empty">${this.t('clientsEmpty')}</div>`;
    const visible = this.visible;
    if (!visible.length) return html`<div class="state empty" role="status">${this.t('clientsNoMatch')}</div>`;
    const { start, end } = this.#window.range(visible);
    return html`<div class="columns" aria-hidden="true">
        <span>${this.t('clientsColName')}</span><span>${this.t('clientsColProjects')}</span><span>${this.t('clientsColStatus')}</span><span></span>
      </div>
      <div part="list" class="list" @scroll=${this.listScrolled}>
        <div role="list" aria-label=${this.t('clientsTitle')} ${ref(this.#window.attach)}>
          ${repeat(
            visible.slice(start, end),
            (c) => c.id,
            (c, i) => clientRow(this.rowHost, c, start + i, visible.length),
          )}
        </div>
      </div>`;
  }

  private listScrolled = (): void => {
    if (this.menu) this.closeMenu(false);
    this.#window.scrolled();
  };

  private dialogTemplate(): TemplateResult {
    const dialog = this.dialog!;
    const host: DialogHost = {
      t: (key, params) => this.t(key, params),
      problem: (error) => this.problem(error),
      projects: this.projects,
      presetProjectId: this.projectId,
      busy: this.busy,
      error: this.dialogError,
      fieldErrors: this.fieldErrors,
      details: dialog.details,
      submit: (e) => void this.submitDialog(e),
      cancel: () => this.closeDialog(),
    };
    const revokeProject = this.projectId ? (this.projects.find((p) => p.id === this.projectId) ?? { tenantId: '', id: this.projectId, name: this.projectId }) : undefined;
    return dialogBody(host, dialog.kind, dialog.client, revokeProject);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.outside, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.outside, true);
  }

  /** A click anywhere but the menu closes it (without stealing focus back). */
  private outside = (event: PointerEvent): void => {
    if (!this.menu) return;
    const inside = event.composedPath().some((n) => n instanceof HTMLElement && (n.getAttribute('role') === 'menu' || n === this.menu?.trigger));
    if (!inside) this.closeMenu(false);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-client-list': SgClientList;
  }
}
