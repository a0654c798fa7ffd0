import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ModuleId } from '../../src/model/modules.js';
import type { ShareStatus } from '../../src/model/share.js';
import { SgElement } from '../base/sg-element.js';
import { common, receiptStrings, shareButtonStrings, type SgStrings } from '../i18n/en.js';
import { SgShareChangeEvent } from '../events.js';
import { RECEIPTS_CHANGED, SHARES_CHANGED, shareStore, sharesChanged, type ReceiptsChange } from './share-store.js';
import { loadReceipts, receiptsLine } from './receipts.js';
import styles from './share-button.styles.js';
import { errorCode, issueByCode } from '../util/problem.js';

/** `resource-ids="a b"` or `"a,b"`. */
const splitIds = (value: string | null): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean);

/**
 * @summary "Share with client" toggle for one resource or folder (or, with `multiple`, several
 * at once, e.g. daily logs), showing shared / shared via folder / not shared.
 *
 * @attr project-id - The project whose clients see the share.
 * @attr module - The module (`documents`, `photos`, `dailyLogs`, …).
 * @attr resource-id - The resource or folder id.
 * @attr kind - `item` (default) or `folder`.
 * @attr multiple - Share the ids in `resource-ids` together.
 * @attr resource-ids - Space- or comma-separated ids for `multiple`.
 * @attr show-receipts - Also show who viewed it ("Viewed by Dana · 2 hours ago"); reads receipts and clients as staff.
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`).
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-share-change - Shared or unshared; `detail: { projectId, module, resourceIds, shared }`.
 * @csspart base - The wrapper.
 * @csspart button - The toggle button.
 * @csspart error - The problem message after a failed change.
 * @csspart attached - Said when clients see it without a share, through an update it is attached to.
 * @csspart receipts - Who viewed it, with `show-receipts`.
 * @cssproperty --sg-share-button-shared-bg - Background of the button while shared.
 *
 * @tag sg-share-button
 */
export class SgShareButton extends SgElement {
  static override styles = styles;
  static override defaultStrings: Partial<SgStrings> = { ...common, ...shareButtonStrings, ...receiptStrings };

  @property({ attribute: 'project-id' }) projectId = '';
  @property() module: ModuleId = 'documents';
  @property({ attribute: 'resource-id' }) resourceId = '';
  @property() kind: 'item' | 'folder' = 'item';
  @property({ type: Boolean, reflect: true }) multiple = false;
  @property({ attribute: 'resource-ids', converter: { fromAttribute: splitIds, toAttribute: (ids: string[]) => ids.join(' ') } })
  resourceIds: string[] = [];
  @property({ attribute: 'show-receipts', type: Boolean }) showReceipts = false;

  /** Status per id, as last read from the server. */
  @state() statuses: ShareStatus[] = [];
  @state() private busy = false;
  @state() private loaded = false;
  @state() private error?: unknown;
  /** Who viewed it, with `show-receipts`; undefined until read. */
  @state() private receipts?: Awaited<ReturnType<typeof loadReceipts>>;

  private get ids(): string[] {
    return this.multiple ? this.resourceIds : this.resourceId ? [this.resourceId] : [];
  }

  /** The share store this button listens to: the one of its current client. */
  #store?: EventTarget;
  #onSharesChanged = (event: Event) => {
    // The button that made the change (busy) re-reads on its own, before it reports the change.
    if ((event as CustomEvent<string>).detail === this.projectId && !this.busy) void this.refresh();
  };
  #onReceiptsChanged = (event: Event) => {
    const { projectId, module, id } = (event as CustomEvent<ReceiptsChange>).detail;
    if (this.showReceipts && projectId === this.projectId && module === this.module && this.ids.includes(id)) void this.#rereadReceipts();
  };

  /** Bumped by every read of the status: only the newest read's reply is shown (see `refresh`). */
  #reads = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const keys = ['client', 'projectId', 'module', 'resourceId', 'resourceIds', 'multiple'] as const;
    if (changed.has('client')) this.#listen();
    if (keys.some((k) => changed.has(k))) {
      // Another resource: the status read for the last one must not be toggled here.
      this.loaded = false;
      this.statuses = [];
      this.error = undefined;
    }
    if (changed.has('showReceipts') || keys.some((k) => changed.has(k))) void this.refresh();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#store?.removeEventListener(SHARES_CHANGED, this.#onSharesChanged);
    this.#store?.removeEventListener(RECEIPTS_CHANGED, this.#onReceiptsChanged);
    this.#store = undefined;
  }

  /** Follows the shares of the current client's store (and only that one). */
  #listen(): void {
    const store = this.client && this.isConnected ? shareStore(this.client) : undefined;
    if (store === this.#store) return;
    this.#store?.removeEventListener(SHARES_CHANGED, this.#onSharesChanged);
    this.#store?.removeEventListener(RECEIPTS_CHANGED, this.#onReceiptsChanged);
    store?.addEventListener(SHARES_CHANGED, this.#onSharesChanged);
    store?.addEventListener(RECEIPTS_CHANGED, this.#onReceiptsChanged);
    this.#store = store;
  }

  /**
   * Re-reads the status from the server. Buttons on the same client do this on their own after
   * any of them changes a share; call it after sharing through another client or the API.
   */
  async refresh(): Promise<void> {
    const { client, projectId, module, ids } = this;
    if (!client || !projectId || !ids.length) return;
    // A reply to an older read (another project, client or resource since, or a newer read of
    // the same) is dropped: a late one would show, and let the button change, the wrong share.
    const read = ++this.#reads;
    try {
      const statuses = await client.shares.status(projectId, module, ids);
      if (read !== this.#reads) return;
      this.statuses = statuses;
      this.loaded = true;
      this.error = undefined;
      // Who viewed it is beside the point of the button: unreadable receipts (a role without the
      // audit permission) leave the lines out, not the button in error.
      const receipts = this.showReceipts ? await loadReceipts(client, projectId, module, ids).catch(() => undefined) : undefined;
      if (read === this.#reads) this.receipts = receipts;
    } catch (error) {
      if (read === this.#reads) this.error = error;
    }
  }

  /**
   * Reads who viewed it again, leaving the status as it is. A newer read of the status (which
   * reads receipts too) wins over this one.
   */
  async #rereadReceipts(): Promise<void> {
    const { client, projectId, module, ids } = this;
    if (!client || !this.loaded) return;
    const read = this.#reads;
    try {
      const receipts = await loadReceipts(client, projectId, module, ids);
      if (read === this.#reads && this.showReceipts) this.receipts = receipts;
    } catch {
      // The receipts shown stay; the next read of the status tries again.
    }
  }

  private async toggle(): Promise<void> {
    const { client, projectId, module } = this;
    // The status could not be read: the button says "Try again", and reads it again.
    if (!this.loaded && this.error) {
      this.error = undefined;
      return this.refresh();
    }
    if (!client || this.busy || !this.loaded) return;
    const notShared = this.statuses.filter((s) => s.status === 'not_shared').map((s) => s.id);
    const direct = this.statuses.filter((s) => s.status === 'shared');
    if (!notShared.length && !direct.length) return; // everything comes via a folder
    const sharing = notShared.length > 0;
    this.busy = true;
    this.error = undefined;
    try {
      if (sharing) {
        await client.shares.share(projectId, notShared.map((id) => ({ module, id, kind: this.multiple ? 'item' : this.kind })));
      } else {
        // One share can back several ids (a folder); remove each grant once.
        for (const shareId of new Set(direct.map((s) => s.shareId).filter((s): s is string => !!s))) {
          // Already unshared (elsewhere, or by another button): what was asked is done.
          await client.shares.unshare(projectId, shareId).catch((error: unknown) => {
            if (errorCode(error) !== 'not_found') throw error;
          });
        }
      }
      // Every button of the project re-reads its status, this one included.
      sharesChanged(client, projectId);
      await this.refresh();
      const resourceIds = sharing ? notShared : direct.map((s) => s.id);
      this.dispatchEvent(new SgShareChangeEvent({ projectId, module, resourceIds, shared: sharing }));
    } catch (error) {
      // What did happen is read again (of several shares, some may have gone), the failure still said.
      await this.refresh();
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  /** Why a change failed: a refused resource by its issue's code where the page has words for it (a draft report), else as any error. */
  private refusal(error: unknown): string {
    return issueByCode(error, this.stringTable) ?? this.problem(error);
  }

  /** The button's words, whether it reads as pressed (`mixed`: some of several are shared), and whether a folder decides. */
  private label(): { text: string; pressed: boolean | 'mixed'; via: boolean } {
    const count = this.statuses.length;
    const shared = this.statuses.filter((s) => s.status !== 'not_shared').length;
    const direct = this.statuses.filter((s) => s.status === 'shared').length;
    if (!this.multiple) {
      const status = this.statuses[0]?.status ?? 'not_shared';
      if (status === 'via_folder') return { text: this.t('shareViaFolder'), pressed: true, via: true };
      return { text: this.t(status === 'shared' ? 'shareShared' : 'shareAction'), pressed: status === 'shared', via: false };
    }
    if (shared === count && count > 0) return { text: this.t('shareManyShared', { count }), pressed: true, via: direct === 0 };
    if (shared > 0) return { text: this.t('shareSomeShared', { shared, count }), pressed: 'mixed', via: false };
    return { text: this.t('shareMany', { count }), pressed: false, via: false };
  }

  /**
   * Said beside the button when clients see some of these without a share, because they are
   * attached to an update: otherwise "Share with client" reads as "hidden", also right after
   * unsharing one that stays attached.
   */
  private attachedNote(): TemplateResult | typeof nothing {
    // `attached` comes only with `not_shared`.
    const attached = this.statuses.filter((s) => s.attached).length;
    if (!this.loaded || !attached) return nothing;
    const text = this.multiple ? this.t('shareAttachedMany', { count: attached }) : this.t('shareAttached');
    return html`<span part="attached" class="attached">${text}</span>`;
  }

  protected override render(): TemplateResult {
    const { text, pressed, via } = this.label();
    const hint = via ? this.t('shareViaFolderHint') : pressed === true ? this.t('shareUnshareHint') : '';
    return html`<span part="base">
      <button
        part="button"
        class="btn ${via ? 'via' : ''} ${pressed === true ? 'on' : 'off'}"
        aria-pressed=${String(pressed)}
        aria-disabled=${via || !(this.loaded || this.error) || this.busy ? 'true' : 'false'}
        aria-describedby="hint"
        title=${hint}
        @click=${this.toggle}
      >
        <span class="dot" aria-hidden="true"></span>${this.loaded ? text : this.t(this.error ? 'retry' : 'loading')}
      </button>
      <span id="hint" class="sr-only">${hint}</span>
      ${this.attachedNote()}
      ${receiptsLine((key, params) => this.t(key, params), this.locale, this.receipts, this.statuses.some((s) => s.status !== 'not_shared' || s.attached))}
      ${this.error ? html`<span part="error" role="alert">${this.refusal(this.error)}</span>` : nothing}
      ${!this.client ? html`<span part="error" role="alert">${this.t('noClient')}</span>` : nothing}
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-share-button': SgShareButton;
  }
}
