import { html, isServer, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Client, ClientDetails, ClientStatus } from '../../src/model/client.js';
import type { Frequency } from '../../src/model/notification.js';
import type { Project } from '../../src/model/resource.js';
import type { Role } from '../../src/model/role.js';
import type { PortalClient } from '../context.js';
import { focusLost, focusOutcome, said } from '../base/a11y.js';
import { SgElement } from '../base/sg-element.js';
import { SgAccessRevokedEvent, SgClientInvitedEvent, SgClientUpdatedEvent, type ClientChange } from '../events.js';
import { common, clientListStrings, moduleStrings, type SgStrings } from '../i18n/en.js';
import { conflictData, errorCode, errorIssues, issuesByField, type FieldIssue } from '../util/problem.js';
import styles from './client-list.styles.js';
import { clientRow, type RowHost } from './client-row.js';
import { ClientsController } from './clients-controller.js';
import { inFlight, plainReason, rawReason } from './delivery.js';
import { DeliveryPoll } from './delivery-poll.js';
import { disableDialog } from './disable-dialog.js';
import { NoticeController } from './notice.js';
import { displayName, type DialogEvent, type DialogProps } from './dialog-parts.js';
import { editDialog, type EditInput } from './edit-dialog.js';
import { inviteDialog, type InviteInput } from './invite-dialog.js';
import { permissionsDialog, type DigestState } from './permissions-dialog.js';
import { projectsDialog } from './projects-dialog.js';
import { revokeDialog } from './revoke-dialog.js';
import { menuTemplate, placeMenu, type MenuItem } from './row-menu.js';
import { RowWindow } from './row-window.js';
import { checkInvite } from './validate.js';

const STATUSES: ClientStatus[] = ['not_invited', 'invited', 'expired', 'active', 'disabled', 'archived'];
/** How long a first load may take before "Loading…" shows (a load that is quicker shows no spinner). */
const LOADING_DELAY_MS = 200;
/**
 * What inviting an existing client says, by its status: an archived one stays archived and a
 * disabled one stays locked out (the server sends no invite), so "project added" alone would
 * read as access given.
 */
const EXISTING: Partial<Record<ClientStatus, keyof SgStrings>> = { archived: 'clientExistingArchived', disabled: 'clientExistingDisabled' };

/**
 * The words for a 409 that is no change made elsewhere but the portal refusing the action
 * whatever the row shows: a password reset to a client whose new address waits to be confirmed,
 * to a builder's clients who sign in with emailed links only, or from a portal with no
 * `resetUrl`. Undefined for any other error.
 */
function refusal(error: unknown): keyof SgStrings | undefined {
  const { reason } = conflictData(error);
  const key = `resetRefused_${String(reason)}`;
  return errorCode(error) === 'conflict' && typeof reason === 'string' && key in clientListStrings ? (key as keyof SgStrings) : undefined;
}

/**
 * The dialog open, with what it is about. `ticked`: the projects ticked when the projects could
 * no longer be read (read again after a project was removed, say), so boxes drawn anew after
 * "Try again" come back as the builder left them.
 */
type OpenDialog =
  | { kind: 'invite'; ticked?: string[] }
  | { kind: 'revoke' | 'disable'; client: Client }
  /** `confirmNone`: saved with no project ticked, it asks first (see `setProjects`). */
  | { kind: 'projects'; client: Client; confirmNone?: boolean; ticked?: string[] }
  | { kind: 'edit'; client: Client; fix?: boolean }
  | { kind: 'permissions'; client: Client; details?: ClientDetails | undefined; digest?: DigestState | undefined };

/** Where the row holding `el` sits in the list shown (1-based), or 0 when `el` is in no row. */
const rowAt = (el: Element | undefined): number => Number(el?.closest('[data-client]')?.getAttribute('aria-posinset')) || 0;

/** The client a dialog is about; an invite's is not known yet. */
const clientOf = (dialog: OpenDialog | undefined): string | undefined => (dialog && dialog.kind !== 'invite' ? dialog.client.id : undefined);

/**
 * @summary The builder's "Client portal" page: every client (across projects, or of one
 * project), their status, invite dates and live invite delivery ("Sending…", "Retrying", "Not
 * delivered" with the reason and "Fix email", updated without a reload), search and filter
 * (archived clients too), invite, and per-client actions: edit details, project access, (re)send
 * invite, password reset, permissions and email digest, portal access, archive / restore, revoke.
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
 * @cssproperty --sg-client-list-height - Greatest height of the scrolling list (default 30rem).
 * @cssproperty --sg-client-list-row-height - Minimum row height (default 3.5rem).
 *
 * @tag sg-client-list
 */
export class SgClientList extends SgElement {
  static override styles = styles;
  static override defaultStrings: Partial<SgStrings> = { ...common, ...clientListStrings, ...moduleStrings };

  @property({ attribute: 'project-id' }) projectId = '';

  @state() private q = '';
  /** The search the count in the live region speaks for: `q` once typing pauses, not each keystroke's. */
  @state() private spokenQ = '';
  #spokenTimer?: ReturnType<typeof setTimeout>;
  @state() private status: ClientStatus | '' = '';
  @state() private menu?: { client: Client; trigger: HTMLElement } | undefined;
  @state() private dialog?: OpenDialog | undefined;
  /**
   * The invite dialogs whose request is out (a new client has no row to go by; see `working`).
   * A reply belongs to the dialog that sent it: it closes that one or shows its error there, and
   * is said in the notice if that dialog has closed meanwhile.
   */
  private sending = new Set<OpenDialog>();
  /**
   * Clients with a request out — a one-click action's or a dialog's — and what it is doing
   * ("Sending…"), said on the row. A second one waits for it: a menu choice does nothing, and a
   * dialog closed and opened again on that client shows the request out, busy, not a fresh form
   * that would send it twice.
   */
  @state() private working: Record<string, keyof SgStrings> = {};
  @state() private dialogError?: unknown;
  @state() private fieldErrors: Record<string, string> = {};
  /** The tenant's roles, for the edit dialog's picker (loaded when it first opens). */
  @state() private roles: Role[] = [];
  /**
   * The header count appears once every page is in (until then it would be a count of the pages
   * so far), a frame after the rows it counts: it is written with `Intl.NumberFormat`, and a
   * page's first one loads the browser's number data (35–120 ms in Chromium, more on a busy
   * machine), which neither the first rows nor the pages after them should wait for.
   */
  private countShown = 0; // 0: not yet, 1: after the next frame, 2: shown
  /**
   * Nothing is drawn until the first page of clients (or an error) comes in, for at most
   * `LOADING_DELAY_MS`: a list that loads quickly appears in one paint, rows and all. Drawing the
   * card and a spinner first costs a frame of its own — style, layout and paint of everything
   * but the rows, done again once they come (a fifth of the CPU time to the first rows, more of
   * the wall time on a busy machine) — for a spinner seen a few milliseconds. Only the first
   * load is held: later ones (another project, the archived filter) keep the card on screen.
   * Server-side rendering shows the loading state at once.
   */
  private held = !isServer;
  @query('dialog') private dialogEl!: HTMLDialogElement;
  private data = new ClientsController(this);
  private opener?: HTMLElement | undefined;
  /**
   * Where the opener's row sat in the list (1-based, 0: not a row's): when the action takes the
   * row out of the list, focus goes to the row now in its place (see `restoreFocus`).
   */
  private openerAt = 0;
  /** `closeDialog` already did what the coming `close` event would. */
  private closedHere = false;
  /** Only the rows in and near view are in the DOM, whatever the number of clients. */
  private rows = new RowWindow<Client>(this, (c) => c.id);
  /** What the last action did or what went wrong: successes fade, errors stay until dismissed. */
  private notes = new NoticeController(this, () => this.restoreFocus());
  /** The rows rendered last: the delivery poll asks only about these. */
  private shown: Client[] = [];
  private poll = new DeliveryPoll(this);

  /**
   * What an empty list says. The "Archived" filter loads only archived clients, so none there is
   * not "no clients yet".
   */
  private get emptyWords(): 'clientsEmpty' | 'clientsNoneArchived' {
    return this.archived ? 'clientsNoneArchived' : 'clientsEmpty';
  }

  /** The archived clients are shown (the "Archived" filter): they load on their own. */
  get archived(): boolean {
    return this.status === 'archived';
  }

  /** Every client loaded (all pages). */
  get clients(): Client[] | undefined {
    return this.data.clients;
  }

  /** The tenant's projects, for names and pickers. */
  get projects(): Project[] {
    return this.data.projects ?? [];
  }

  protected override willUpdate(): void {
    // The project boxes go when the projects do (a read that failed, whichever asked for it):
    // what was ticked is kept for the boxes drawn again after "Try again".
    const dialog = this.dialog;
    if ((dialog?.kind === 'invite' || dialog?.kind === 'projects') && !this.data.projects) {
      const form = this.dialogEl?.querySelector('form');
      if (form?.querySelector('input[name=projectIds]')) dialog.ticked = new FormData(form).getAll('projectIds').map(String);
    }
  }

  protected override updated(): void {
    // After the frame that painted the rows (or the empty state): requestAnimationFrame runs before that paint.
    if (this.data.complete && !this.countShown) {
      this.countShown = 1;
      requestAnimationFrame(() => setTimeout(() => ((this.countShown = 2), this.requestUpdate())));
    }
    const menu = this.menu && this.renderRoot.querySelector<HTMLElement>('[role="menu"]');
    if (menu) placeMenu(menu, this.menu!.trigger, getComputedStyle(this).direction === 'rtl');
  }

  /** Loads every page of clients (the list filters locally, so search is instant). */
  load(): Promise<void> {
    return this.data.load(this.client!, this.projectId);
  }

  // ——— menu ———

  private openMenu(client: Client, trigger: HTMLElement): void {
    if (this.menu?.client.id === client.id) return this.closeMenu(true);
    this.menu = { client, trigger };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[role="menuitem"]')?.focus());
  }

  private closeMenu(refocus: boolean): void {
    const trigger = this.menu?.trigger;
    this.menu = undefined;
    if (refocus && trigger?.isConnected) trigger.focus();
  }

  private menuItems(client: Client): MenuItem[] {
    const { status } = client;
    if (status === 'archived') return [{ id: 'restore', label: this.t('actionRestore') }];
    const items: MenuItem[] = [
      { id: 'edit', label: this.t('actionEdit') },
      { id: 'projects', label: this.t('actionProjects') },
    ];
    if (status !== 'active' && status !== 'disabled') {
      items.push({ id: 'invite', label: this.t(status === 'not_invited' ? 'actionSendInvite' : 'actionResendInvite') });
    }
    // With a new address waiting to be confirmed, the server refuses a reset (`email_unconfirmed`).
    if (status === 'active' && !client.pendingEmail) items.push({ id: 'reset', label: this.t('actionPasswordReset') });
    items.push(
      { id: 'permissions', label: this.t('actionPermissions') },
      { id: 'portal', label: this.t(status === 'disabled' ? 'actionEnable' : 'actionDisable') },
      { id: 'archive', label: this.t('actionArchive') },
      // Says how far it reaches: the project shown, or every project.
      { id: 'revoke', label: this.t(this.projectId ? 'actionRevoke' : 'actionRevokeAll'), danger: true },
    );
    return items;
  }

  private choose(action: string): void {
    const menu = this.menu;
    if (!menu) return;
    this.setOpener(menu.trigger);
    this.closeMenu(false);
    const client = menu.client;
    const api = this.client!.clients;
    if (action === 'invite') void this.run(client, 'invite', () => api.sendInvite(client.id), 'inviteSent', 'rowSending');
    else if (action === 'reset') void this.run(client, 'password-reset', () => api.sendPasswordReset(client.id), 'passwordResetSent', 'rowSending');
    else if (action === 'archive') void this.run(client, 'archived', () => api.archive(client.id), 'clientArchived');
    else if (action === 'restore') void this.run(client, 'restored', () => api.restore(client.id), 'clientRestored');
    else if (action === 'portal' && client.status === 'disabled') {
      void this.run(client, 'portal-access', () => api.update(client.id, { portalAccess: true }), 'portalEnabled');
    } else void this.openDialog({ kind: action === 'portal' ? 'disable' : (action as 'projects' | 'revoke' | 'permissions' | 'edit'), client });
  }

  /**
   * Runs a one-click action, saying on its row what it is doing, then announces the result in
   * words. One at a time per row: choosing it again before the answer would send a second mail.
   */
  private async run(client: Client, change: ClientChange, action: () => Promise<Client>, done: keyof SgStrings, doing: keyof SgStrings = 'rowSaving'): Promise<void> {
    const id = client.id;
    if (this.working[id]) return this.restoreFocus();
    this.mark(id, doing);
    this.notes.clear();
    try {
      const updated = await action();
      this.done(updated, done);
      this.dispatchEvent(new SgClientUpdatedEvent({ client: updated, change }));
    } catch (error) {
      const refused = refusal(error);
      if (refused) {
        // Not a change made elsewhere, whatever the row shows: said as it is. A new address waiting
        // to be confirmed may be news to the list: its row shows it, and its menu no longer offers the reset.
        const now = refused === 'resetRefused_email_unconfirmed' && (await this.readRow(id));
        if (now) this.data.replace(now, this.projectId);
        this.notes.show(this.t(refused, { name: client.name || client.email }), true);
      }
      // Any other 409 means the client changed elsewhere since the list was read (the client accepted
      // the invite in their own browser, say): "reload and try again" would send the builder away for
      // what one read of the client shows.
      else if (errorCode(error) !== 'conflict' || !(await this.reread(client, change))) this.notes.show(this.problem(error), true);
    }
    this.mark(id);
    this.restoreFocus();
  }

  /**
   * Reads the client again after a clash, puts it in its row as it is now and says what that
   * means for the action asked for. False when it could not be read: the clash is said as it came.
   */
  private async reread(client: Client, change: ClientChange): Promise<boolean> {
    const now = await this.readRow(client.id);
    if (!now) return false;
    this.data.replace(now, this.projectId);
    const name = now.name || now.email;
    // The invite is moot once they have an account, whatever happened since (access switched off, say).
    if (change === 'invite' && now.activatedAt) this.notes.show(this.t('clientAlreadyAccepted', { name }));
    else this.notes.show(this.t('clientChangedMeanwhile', { name }), true);
    return true;
  }

  /** Marks the client's request out, saying what it does, or answered (without `doing`). */
  private mark(id: string, doing?: keyof SgStrings): void {
    const { [id]: _settled, ...rest } = this.working;
    this.working = doing ? { ...rest, [id]: doing } : rest;
  }

  /** What a menu or dialog gives focus back to when it is done, and where that sits in the list. */
  private setOpener(opener: HTMLElement | undefined): void {
    this.opener = opener;
    this.openerAt = rowAt(opener);
  }

  /**
   * Gives focus back to what opened the menu or dialog. An action may take that row out of the
   * list (archived, restored, or out of the filter or project shown): its button then leaves at
   * the next render, and focus would fall to the page. Focus goes instead to the row now in its
   * place (the one after it, or the last), or to what replaced the list, so a keyboard user goes
   * on from where they were; the notice says what happened.
   */
  private restoreFocus(): void {
    const opener = this.opener;
    if (!opener?.isConnected) return this.focusInstead();
    // Read now: once the row is gone, so is its position.
    this.openerAt = rowAt(opener) || this.openerAt;
    opener.focus();
    void this.updateComplete.then(() => {
      if (!opener.isConnected && focusLost(this)) this.focusInstead();
    });
  }

  /** Focus for an opener no longer there: the row now at its place, the list, what replaced it, or "Invite client". */
  private focusInstead(): void {
    const root = this.renderRoot;
    const visible = this.clients ? this.data.visible(this.q, this.status) : [];
    const next = this.openerAt && visible[Math.min(this.openerAt, visible.length) - 1];
    const row = next && root.querySelector<HTMLElement>(`[data-client="${CSS.escape(next.id)}"] [part="row-menu-button"]`);
    const target = row || (this.openerAt && root.querySelector<HTMLElement>('[role=list], .state[tabindex]'));
    (target || root.querySelector<HTMLElement>('[part="invite-button"]'))?.focus();
  }

  // ——— dialogs ———

  private async openDialog(dialog: OpenDialog): Promise<void> {
    if (dialog.kind === 'invite') this.setOpener(this.renderRoot.querySelector<HTMLElement>('[part="invite-button"]') ?? undefined);
    this.dialog = dialog;
    this.dialogError = undefined;
    this.fieldErrors = {};
    await this.updateComplete;
    this.dialogEl.querySelector('form')?.reset();
    if (!this.dialogEl.open) this.dialogEl.showModal();
    // "Fix email": straight to the address, selected, so typing replaces it.
    const email = dialog.kind === 'edit' && dialog.fix && this.dialogEl.querySelector<HTMLInputElement>('#f-email');
    if (email) (email.focus(), email.select());
    if (dialog.kind === 'edit' && !this.roles.length) {
      // Without the list the picker offers the client's current role only; the rest still works.
      this.roles = await this.client!.roles.list().catch(() => []);
    }
    if (dialog.kind === 'permissions') {
      const api = this.client!;
      const id = dialog.client.id;
      // The digest is extra: a server without notifications leaves it out, and the details still show.
      void Promise.resolve()
        .then(() => api.notifications.getFor(id))
        .then((preference) => this.toDetails(id, { digest: { preference } }), () => undefined);
      try {
        this.toDetails(id, { details: await api.clients.get(id) });
      } catch (error) {
        this.dialogError = error;
      }
    }
  }

  /**
   * Closes the dialog and forgets it at once. The `close` event comes a task later, by when the
   * next dialog may already be open: it must not close that one too.
   */
  private closeDialog = (): void => {
    if (!this.dialogEl?.open) return;
    this.closedHere = true;
    this.dialogEl.close();
    this.dialogClosed();
  };

  /** The native dialog closed (Escape, or `closeDialog`): forget it and give focus back. */
  private dialogClosed(): void {
    this.dialog = undefined;
    this.restoreFocus();
  }

  private dialogCloseEvent(): void {
    if (this.closedHere) this.closedHere = false;
    // Shown again since (`turn`): the dialog goes on.
    else if (!this.dialogEl.open) this.dialogClosed();
  }

  /** Cancel: in the projects dialog's confirmation, back to its boxes; elsewhere the dialog closes. */
  private cancelDialog = (): void => {
    if (!this.backToBoxes()) this.closeDialog();
  };

  /** Escape does what Cancel does (the browser closes the dialog unless told not to). */
  private escape = (event: Event): void => {
    if (this.backToBoxes()) event.preventDefault();
  };

  private backToBoxes(): boolean {
    const dialog = this.dialog;
    if (dialog?.kind !== 'projects' || !dialog.confirmNone) return false;
    void this.turn(dialog, false);
    return true;
  }

  /**
   * Turns the projects dialog to its confirmation or back to its boxes, which stay in the form
   * (hidden), ticked as they were. It is shown afresh, as a dialog opens: a screen reader says its
   * new title, and focus goes to its first control, as in the other confirmations.
   */
  private async turn(dialog: Extract<OpenDialog, { kind: 'projects' }>, confirmNone: boolean): Promise<void> {
    dialog.confirmNone = confirmNone;
    this.dialogError = undefined;
    this.requestUpdate();
    await this.updateComplete;
    if (this.dialog !== dialog) return;
    this.dialogEl.close();
    this.dialogEl.showModal();
  }

  /** What the open dialog's request out is doing ("Saving…"), if one is: it looks busy and ignores another press. */
  private get busy(): keyof SgStrings | undefined {
    const dialog = this.dialog;
    const id = clientOf(dialog);
    return id ? this.working[id] : dialog && this.sending.has(dialog) ? 'rowSending' : undefined;
  }

  /**
   * Runs what the open dialog asked for; when done closes it (or, with `stay`, keeps it open),
   * or shows what went wrong in it. The same dialog opened again on the same client meanwhile
   * showed this request out, so it is answered there the same way. Any other dialog is left as it
   * is, and what went wrong is said in the notice (what went right says so there anyway).
   */
  private async act(work: (api: PortalClient['clients'], client: Client) => Promise<void>, stay = false): Promise<void> {
    const dialog = this.dialog;
    if (!dialog || this.busy) return;
    const id = clientOf(dialog);
    if (id) this.mark(id, 'rowSaving');
    else this.sending.add(dialog);
    this.dialogError = undefined;
    this.requestUpdate();
    let error: unknown;
    const ok = await work(this.client!.clients, (dialog as { client: Client }).client).then(() => true, (e: unknown) => ((error = e), false));
    if (id) this.mark(id);
    else this.sending.delete(dialog);
    this.requestUpdate();
    const open = this.dialog;
    if (open !== dialog && !(id && open?.kind === dialog.kind && clientOf(open) === id)) return void (ok || this.notes.show(this.problem(error), true));
    if (ok && !stay) return this.closeDialog();
    if (!ok) {
      // The server's "invalid email" in the words of the element's own check, in the page's language.
      const issues = errorIssues(error).map((i) => (i.path[0] === 'email' && i.code === 'invalid_format' ? { path: i.path, message: this.t('invalidEmail') } : i));
      // A project removed meanwhile: the projects are read again, so its box goes (what was typed
      // and ticked stays), and the projects' own error says so — "Some fields need attention" adds nothing.
      const gone = issues.some((i) => i.code === 'project_missing');
      if (gone) {
        await this.data.loadProjects(this.client!);
        if (this.dialog !== open) return;
      }
      this.fieldErrors = issuesByField({ issues }, this.stringTable);
      this.dialogError = gone ? undefined : error;
    }
    await this.focusAnswer();
  }

  /** Puts the changed client in place, also in a dialog open on it, and says what happened. */
  private done(updated: Client, text: keyof SgStrings): void {
    this.data.replace(updated, this.projectId);
    // Opened while this was out, it showed the client as it was: fields not typed in take the saved values.
    const open = this.dialog;
    if (clientOf(open) === updated.id) Object.assign(open!, { client: updated });
    this.notes.show(this.t(text, { name: updated.name || updated.email, email: updated.email }));
  }

  private invite = ({ detail: { email, name, projectIds } }: DialogEvent<InviteInput>): void => {
    if (this.busy) return;
    // Not before the projects are in: focus goes to why they could not be loaded (see `setProjects`).
    if (!this.data.projects) return void this.focusAnswer();
    const checks = checkInvite({ email, projectIds });
    this.fieldErrors = Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, this.t(v)]));
    if (Object.keys(checks).length) return void this.focusAnswer();
    void this.act(async (api) => {
      const added = await api.add({ email, projectIds, ...(name ? { name } : {}) }).catch((error: unknown) => {
        // Another client is confirming this address as theirs: say it next to the field.
        throw errorCode(error) === 'conflict' && conflictData(error).field === 'email' ? this.emailTaken(error) : error;
      });
      // An existing client only got the projects: say so rather than "invited" (and what still keeps it out),
      // and that nothing changed when the list already showed it with every project chosen.
      const before = this.data.clients?.find((c) => c.id === added.id);
      const unchanged = !!before && projectIds.every((id) => before.projectIds.includes(id));
      const existing = EXISTING[added.status] ?? (unchanged ? 'clientExistingUnchanged' : 'clientExisting');
      this.done(added, added.created === false ? existing : 'clientInvited');
      this.dispatchEvent(new SgClientInvitedEvent({ client: added }));
    });
  };

  /** A 409 on the address typed, as the email field's error: another client uses it, or is confirming it as theirs. */
  private emailTaken(error: unknown): { code: string; issues: FieldIssue[] } {
    const confirming = conflictData(error).reason === 'email_being_confirmed';
    return { code: 'validation_failed', issues: [{ path: ['email'], message: this.t(confirming ? 'emailConfirming' : 'emailTaken') }] };
  }

  /** Sends only what changed; a corrected email re-sends the invite, or asks an active client to confirm it. */
  private editClient = ({ detail: input }: DialogEvent<EditInput>): void => {
    if (this.busy) return;
    const email = checkInvite({ email: input.email, projectIds: ['-'] }).email;
    this.fieldErrors = email ? { email: this.t(email) } : {};
    if (email) return void this.focusAnswer();
    const fix = this.dialog?.kind === 'edit' && this.dialog.fix;
    void this.act(async (api, client) => {
      const others = {
        ...(input.name && input.name !== (client.name ?? '') ? { name: input.name } : {}),
        ...(input.roleId && input.roleId !== client.roleId ? { roleId: input.roleId } : {}),
      };
      // With a change of address waiting, the field holds the address asked for: the address in
      // use withdraws the change, and the same one saved alone sends a new confirmation link.
      const typed = input.email.toLowerCase();
      const asked = client.pendingEmail?.toLowerCase();
      const sendEmail = typed !== (asked ?? client.email) || (asked !== undefined && !Object.keys(others).length);
      const changes = { ...others, ...(sendEmail ? { email: input.email } : {}) };
      // "Fix email" with the same address (the server was at fault): send the invite again.
      const resend = fix && !changes.email;
      if (!Object.keys(changes).length && !resend) return;
      let updated = client;
      try {
        if (Object.keys(changes).length) updated = await api.update(client.id, changes);
        if (resend) updated = await api.sendInvite(client.id);
      } catch (error) {
        // Another client of the builder has that address, or is confirming it: say it next to the
        // field. A server that says nothing of the clash (an earlier version) meant the address, if one was sent.
        const { field, reason } = conflictData(error);
        const silent = field === undefined && reason === undefined;
        if (errorCode(error) === 'conflict' && (field === 'email' || (silent && changes.email))) throw this.emailTaken(error);
        throw error;
      }
      const pending = updated.pendingEmail;
      this.done(updated, pending ? 'emailConfirmSent' : (changes.email || resend) && updated.status === 'invited' ? 'inviteSent' : 'clientSaved');
      if (pending) this.notes.show(this.t('emailConfirmSent', { email: pending, name: displayName(updated) }));
      this.dispatchEvent(new SgClientUpdatedEvent({ client: updated, change: 'details' }));
    });
  };

  /** Adds what loaded to the details dialog, if it is still open on that client (the same dialog: a request of it may be out). */
  private toDetails(id: string, patch: { details?: ClientDetails; digest?: DigestState }): void {
    const dialog = this.dialog;
    if (dialog?.kind === 'permissions' && dialog.client.id === id) (Object.assign(dialog, patch), this.requestUpdate());
  }

  /** Saves the digest frequency chosen in the details dialog, which stays open and says "Saved". */
  private setFrequency = ({ detail: frequency }: DialogEvent<Frequency>): Promise<void> =>
    this.act(async (_, client) => {
      const preference = await this.client!.notifications.setFor(client.id, { frequency });
      this.toDetails(client.id, { digest: { preference, saved: true } });
    }, true);

  private disable = (): Promise<void> =>
    this.act(async (api, client) => {
      const updated = await api.update(client.id, { portalAccess: false });
      this.done(updated, 'portalDisabled');
      this.dispatchEvent(new SgClientUpdatedEvent({ client: updated, change: 'portal-access' }));
    });

  /**
   * No project ticked takes every project from the client, as "Revoke access to all projects"
   * does: the dialog first asks as that one does, and sends only once confirmed.
   */
  private setProjects = ({ detail: projectIds }: DialogEvent<string[]>): void => {
    const dialog = this.dialog;
    // Projects that could not be loaded are no boxes ticked, not "no projects": nothing is sent,
    // and focus goes to why they could not be (while they load, it stays).
    if (this.busy) return;
    if (!this.data.projects) return void this.focusAnswer();
    if (dialog?.kind === 'projects' && !projectIds.length && dialog.client.projectIds.length && !dialog.confirmNone) return void this.turn(dialog, true);
    void this.act(async (api, client) => {
      const updated = await api.setProjects(client.id, projectIds);
      this.done(updated, 'accessUpdated');
      this.dispatchEvent(new SgClientUpdatedEvent({ client: updated, change: 'projects' }));
      const removed = client.projectIds.filter((id) => !projectIds.includes(id));
      if (removed.length) this.dispatchEvent(new SgAccessRevokedEvent({ client: updated, projectIds: removed }));
    });
  };

  /** "Try again" where the projects could not be loaded; focus then goes to the first project, or to why again. */
  private retryProjects = async (): Promise<void> => {
    const dialog = this.dialog;
    await this.data.loadProjects(this.client!);
    await this.updateComplete;
    if (this.dialog === dialog) this.dialogEl.querySelector<HTMLElement>('fieldset :is(input, [tabindex])')?.focus();
  };

  /** From the project shown, or from every project. */
  private revoke = (): Promise<void> =>
    this.act(async (api, client) => {
      const projectId = this.projectId;
      const updated = projectId ? await api.revokeProject(client.id, projectId) : await api.setProjects(client.id, []);
      this.done(updated, 'accessRevoked');
      this.dispatchEvent(new SgAccessRevokedEvent({ client: updated, projectIds: projectId ? [projectId] : client.projectIds }));
    });

  /** After a dialog's request: its refused field, else its error; else focus stays on the button. */
  private focusAnswer(): Promise<void> {
    return focusOutcome(this.dialogEl, this.updateComplete);
  }

  // ——— render ———

  private readonly rowHost: RowHost = {
    t: (key, params) => this.t(key, params),
    projectName: (id) => this.data.projectName(id),
    date: (value) => this.formatDate(value),
    openMenu: (client, trigger) => this.openMenu(client, trigger),
    fixEmail: (client) => {
      this.setOpener(this.renderRoot.querySelector<HTMLElement>(`[data-client="${CSS.escape(client.id)}"] .fix`) ?? undefined);
      void this.openDialog({ kind: 'edit', client, fix: true });
    },
    relayout: () => this.requestUpdate(),
    doing: (id) => this.working[id],
  };

  // ——— live delivery ———

  /** @internal Ids of the rows on screen whose invite mail is on its way (for the delivery poll). */
  inFlight(): string[] {
    return this.shown.filter(inFlight).map((c) => c.id);
  }

  /**
   * One client read again as its row shows it (without its permissions); undefined when it could
   * not be read, or the element was given another api client meanwhile.
   */
  private async readRow(id: string): Promise<Client | undefined> {
    const api = this.client;
    const got = await api?.clients.get(id).catch(() => undefined);
    if (!got || this.client !== api) return undefined;
    const { permissions: _permissions, ...row } = got;
    return row;
  }

  /** @internal Asks for these rows again; an invite that turns out undelivered is also said in the alert. */
  async refresh(ids: string[]): Promise<void> {
    await Promise.all(
      ids.map(async (id) => {
        const updated = await this.readRow(id);
        const before = this.clients?.find((c) => c.id === id);
        if (!updated || !before) return;
        this.data.replace(updated, this.projectId);
        if (inFlight(before) && updated.inviteDelivery?.state === 'failed') {
          const reason = this.t(plainReason(rawReason(updated)) ?? 'deliveryRefused');
          this.notes.show(this.t('deliveryFailedNotice', { email: updated.email, reason }), true);
        }
      }),
    );
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.held && !this.clients && !this.data.error) return nothing;
    this.held = false;
    this.rowHost.menuOpenFor = this.menu?.client.id;
    const count = this.clients?.length ?? 0;
    return html`<div part="base" class="card">
      <div class="head">
        <slot name="title"><h2>${this.t('clientsTitle')}</h2></slot>
        ${this.clients && this.data.complete && this.countShown > 1 ? html`<span class="muted count">${this.t(this.archived ? 'clientsCountArchived' : 'clientsCount', { count })}</span>` : nothing}
      </div>
      <div part="toolbar" class="toolbar">
        <input
          type="search"
          aria-label=${this.t('clientsSearch')}
          placeholder=${this.t('clientsSearch')}
          .value=${this.q}
          @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)}
        />
        <select aria-label=${this.t('clientsStatusFilter')} @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as ClientStatus)}>
          <option value="">${this.t('statusAll')}</option>
          ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${this.t(`status_${s}` as keyof SgStrings)}</option>`)}
        </select>
        <button part="invite-button" class="btn primary" ?disabled=${!this.client} @click=${() => this.openDialog({ kind: 'invite' })}>
          ${this.t('clientsInvite')}
        </button>
      </div>
      ${this.notes.render(this.t('dismiss'))} ${said(this.outcome())} ${said(this.doing())} ${this.body()}
      ${this.menu
        ? menuTemplate({
            label: this.t('rowActions', { name: this.menu.client.name || this.menu.client.email }),
            items: this.menuItems(this.menu.client),
            choose: (id) => this.choose(id),
            close: (refocus) => this.closeMenu(refocus),
          })
        : nothing}
      <dialog
        part="dialog"
        aria-labelledby="dialog-title"
        @close=${this.dialogCloseEvent}
        @cancel=${this.escape}
        @dialog-cancel=${this.cancelDialog}
        @invite-request=${this.invite}
        @edit-request=${this.editClient}
        @projects-request=${this.setProjects}
        @projects-retry=${this.retryProjects}
        @revoke-request=${this.revoke}
        @disable-request=${this.disable}
        @frequency-request=${this.setFrequency}
      >
        ${this.dialogTemplate()}
      </dialog>
    </div>`;
  }

  private body(): TemplateResult {
    this.shown = [];
    if (!this.client) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    if (this.data.error) {
      return html`<div class="state error" role="alert" tabindex="-1">
        <p>${this.problem(this.data.error)}</p>
        <button class="btn" @click=${this.retry}>${this.t('retry')}</button>
      </div>`;
    }
    if (!this.clients) return html`<div class="state" role="status"><span class="spinner" aria-hidden="true"></span>${this.t('loading')}</div>`;
    // Said in the live region too (`outcome`): these replace the list, where focus may have been.
    if (!this.clients.length) return html`<div class="state empty" tabindex="-1">${this.t(this.emptyWords)}</div>`;
    const visible = this.data.visible(this.q, this.status);
    if (!visible.length) return html`<div class="state empty" tabindex="-1">${this.t('clientsNoMatch')}</div>`;
    const { start, end } = this.rows.range(visible);
    this.shown = visible.slice(start, end);
    return html`<div class="columns" aria-hidden="true">
        <span>${this.t('clientsColName')}</span><span>${this.t('clientsColProjects')}</span><span>${this.t('clientsColStatus')}</span><span></span>
      </div>
      <div part="list" class="list" @scroll=${this.listScrolled}>
        <div role="list" tabindex="-1" aria-label=${this.t('clientsTitle')} ${ref(this.rows.attach)}>
          ${repeat(
            this.shown,
            (c) => c.id,
            (c, i) => clientRow(this.rowHost, c, start + i, visible.length),
          )}
        </div>
      </div>`;
  }

  /** The list narrows at each keystroke; its count is said once typing pauses, so it does not talk over the typing. */
  private search(q: string): void {
    this.q = q;
    clearTimeout(this.#spokenTimer);
    this.#spokenTimer = setTimeout(() => (this.spokenQ = this.q), 600);
  }

  /**
   * What the live region says: that there are no clients, or how many a search or filter shows
   * (the rows change where focus is not). A first load with clients says nothing: its count would
   * load the browser's number data before the first rows (see `countShown`).
   */
  private outcome(): string {
    if (!this.clients || this.data.error) return '';
    if (!this.clients.length) return this.t(this.emptyWords);
    if (!this.spokenQ && !this.status) return '';
    const count = this.data.visible(this.spokenQ, this.status).length;
    return count ? this.t('clientsShown', { count }) : this.t('clientsNoMatch');
  }

  /** What the latest row action out is doing ("Sending…"), said where focus is not: on its row. */
  private doing(): string {
    const latest = Object.values(this.working).pop();
    return latest ? this.t(latest) : '';
  }

  /** Loads again; focus goes to what took the error's place: the list, or the message instead of it. */
  private retry = async (): Promise<void> => {
    await this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[role=list], .state[tabindex]')?.focus();
  };

  private listScrolled = (): void => {
    if (this.menu) this.closeMenu(false);
    this.rows.scrolled();
  };

  private dialogTemplate(): TemplateResult | typeof nothing {
    const dialog = this.dialog;
    if (!dialog) return nothing;
    const props: DialogProps = {
      t: (key, params) => this.t(key, params),
      problem: (error) => this.problem(error),
      busy: this.busy,
      error: this.dialogError,
      fieldErrors: this.fieldErrors,
      projectsError: this.data.projectsError,
    };
    const { projects } = this.data;
    switch (dialog.kind) {
      case 'invite':
        return inviteDialog({ ...props, projects, presetProjectId: this.projectId, ticked: dialog.ticked });
      case 'projects':
        return projectsDialog({ ...props, client: dialog.client, projects, confirmNone: dialog.confirmNone, ticked: dialog.ticked });
      case 'edit':
        return editDialog({ ...props, client: dialog.client, roles: this.roles, fix: dialog.fix });
      case 'disable':
        return disableDialog({ ...props, client: dialog.client });
      case 'revoke': {
        const id = this.projectId;
        const project = id ? (projects?.find((p) => p.id === id) ?? { tenantId: '', id, name: id }) : undefined;
        return revokeDialog({ ...props, client: dialog.client, project });
      }
      case 'permissions':
        return permissionsDialog({ ...props, client: dialog.client, details: dialog.details, digest: dialog.digest });
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.outside, true);
    if (this.held) setTimeout(() => this.held && ((this.held = false), this.requestUpdate()), LOADING_DELAY_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#spokenTimer);
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
