import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Feed, OpenedResource } from '../../src/model/feed.js';
import type { ModuleId } from '../../src/model/modules.js';
import type { Project, Resource } from '../../src/model/resource.js';
import { SgElement } from '../base/sg-element.js';
import { SgResourceOpenEvent } from '../events.js';
import { common, moduleStrings, portalViewStrings, type SgStrings } from '../i18n/en.js';
import { safeImageUrl } from '../util/safe-url.js';
import { MODULE_ORDER } from './modules.js';
import styles from './portal-view.styles.js';
import { photoGrid, resourceList, scheduleView, updatesFeed, type SectionHost } from './sections.js';

type FolderState = { loading: true } | { error: unknown } | OpenedResource;

/**
 * @summary The client's portal: a project switcher, then one section per module that is
 * enabled and shared — updates, documents and photos as folders you can open, drawings with
 * revisions, reports, daily logs, the live schedule, selections, change orders and invoices.
 *
 * @attr project-id - The project to show first (default: the first one).
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`).
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-resource-open - A resource link was followed or a folder opened; `detail: { projectId, resource }`.
 * @slot header - Content above the sections (e.g. `<sg-sign-in>`).
 * @csspart base - The wrapper.
 * @csspart switcher - The project select.
 * @csspart section - Each module section.
 * @csspart viewer - The photo viewer dialog.
 * @cssproperty --sg-portal-photo-size - Thumbnail size in the photo grid.
 *
 * @tag sg-portal-view
 */
export class SgPortalView extends SgElement {
  static override styles = styles;
  static override defaultStrings: Partial<SgStrings> = { ...common, ...moduleStrings, ...portalViewStrings };

  @property({ attribute: 'project-id', reflect: true }) projectId = '';

  @state() projects?: Project[];
  @state() feed?: Feed;
  @state() private error?: unknown;
  @state() private folders = new Map<string, FolderState>();
  @state() private photos: Resource[] = [];
  @state() private photoIndex = 0;
  @query('dialog') private viewer!: HTMLDialogElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) void this.loadProjects();
    else if (changed.has('projectId') && this.client && this.projects) void this.loadFeed();
  }

  private async loadProjects(): Promise<void> {
    this.error = undefined;
    try {
      this.projects = await this.client!.view.projects();
      if (!this.projects.some((p) => p.id === this.projectId)) this.projectId = this.projects[0]?.id ?? '';
      await this.loadFeed();
    } catch (error) {
      this.error = error;
    }
  }

  private async loadFeed(): Promise<void> {
    const projectId = this.projectId;
    this.feed = undefined;
    this.folders = new Map();
    if (!projectId) return;
    try {
      const feed = await this.client!.view.feed(projectId);
      if (projectId === this.projectId) this.feed = feed;
    } catch (error) {
      if (projectId === this.projectId) this.error = error;
    }
  }

  private retry(): void {
    void (this.projects ? this.loadFeed() : this.loadProjects());
    this.error = undefined;
  }

  private async toggleFolder(folder: Resource): Promise<void> {
    const key = `${folder.module}/${folder.id}`;
    const next = new Map(this.folders);
    if (next.has(key) && !('error' in next.get(key)!)) {
      next.delete(key);
      this.folders = next;
      return;
    }
    this.folders = new Map(next.set(key, { loading: true }));
    this.dispatchEvent(new SgResourceOpenEvent({ projectId: this.projectId, resource: folder }));
    try {
      const opened = await this.client!.view.open(this.projectId, folder.module, folder.id);
      this.folders = new Map(this.folders.set(key, opened));
    } catch (error) {
      this.folders = new Map(this.folders.set(key, { error }));
    }
  }

  private readonly host: SectionHost = {
    t: (key, params) => this.t(key, params),
    date: (value, withTime) => this.formatDate(value, withTime),
    money: (amount, currency) => {
      try {
        return new Intl.NumberFormat(this.locale, currency ? { style: 'currency', currency } : {}).format(amount);
      } catch {
        return new Intl.NumberFormat(this.locale).format(amount);
      }
    },
    folder: (r) => this.folderTemplate(r),
    opened: (r) => this.dispatchEvent(new SgResourceOpenEvent({ projectId: this.projectId, resource: r })),
    viewPhoto: (photos, index) => this.openViewer(photos, index),
  };

  private folderTemplate(folder: Resource): TemplateResult {
    const key = `${folder.module}/${folder.id}`;
    const state = this.folders.get(key);
    const open = !!state && !('error' in state);
    const contents = (): TemplateResult | typeof nothing => {
      if (!state) return nothing;
      if ('loading' in state) return html`<p class="meta" role="status">${this.t('loading')}</p>`;
      if ('error' in state) return html`<p class="notice error" role="alert">${this.problem(state.error)}</p>`;
      const children = state.children ?? [];
      if (!children.length) return html`<p class="empty">${this.t('portalFolderEmpty')}</p>`;
      return folder.module === 'photos' ? photoGrid(this.host, children) : resourceList(this.host, children);
    };
    return html`<button class="disclosure" aria-expanded=${open ? 'true' : 'false'} aria-controls=${`f-${key}`} @click=${() => this.toggleFolder(folder)}>
        <span class="chevron" aria-hidden="true"></span><span class="icon" aria-hidden="true">▭</span>${folder.name}
      </button>
      <div class="children" id=${`f-${key}`} role="group" aria-label=${folder.name}>${contents()}</div>`;
  }

  private async openViewer(photos: Resource[], index: number): Promise<void> {
    this.photos = photos;
    this.photoIndex = index;
    await this.updateComplete;
    if (!this.viewer.open) this.viewer.showModal();
  }

  private step(delta: number): void {
    const count = this.photos.length;
    this.photoIndex = (this.photoIndex + delta + count) % count;
  }

  private viewerKeys(event: KeyboardEvent): void {
    const rtl = getComputedStyle(this).direction === 'rtl';
    if (event.key === 'ArrowRight') this.step(rtl ? -1 : 1);
    else if (event.key === 'ArrowLeft') this.step(rtl ? 1 : -1);
  }

  protected override render(): TemplateResult {
    return html`<div part="base">
      <slot name="header"></slot>
      ${this.body()} ${this.viewerTemplate()}
    </div>`;
  }

  private body(): TemplateResult {
    if (!this.client) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    if (this.error) {
      return html`<div class="notice error" role="alert">
        <p>${this.problem(this.error)}</p>
        <button class="btn" @click=${this.retry}>${this.t('retry')}</button>
      </div>`;
    }
    if (!this.projects) return html`<p class="meta" role="status">${this.t('loading')}</p>`;
    if (!this.projects.length) return html`<p class="empty-page">${this.t('portalNoProjects')}</p>`;
    return html`
      <header class="top">
        ${this.projects.length > 1
          ? html`<label class="switcher"
              ><span>${this.t('portalProject')}</span>
              <select part="switcher" @change=${(e: Event) => (this.projectId = (e.target as HTMLSelectElement).value)}>
                ${this.projects.map((p) => html`<option value=${p.id} ?selected=${p.id === this.projectId}>${p.name}</option>`)}
              </select></label
            >`
          : nothing}
        <h2>${this.projects.find((p) => p.id === this.projectId)?.name ?? ''}</h2>
      </header>
      ${this.feed ? this.sections(this.feed) : html`<p class="meta" role="status">${this.t('loading')}</p>`}
    `;
  }

  private sections(feed: Feed): TemplateResult {
    const present = MODULE_ORDER.filter((m) => feed.modules[m] !== undefined);
    const anything = present.some((m) => {
      const v = feed.modules[m];
      return Array.isArray(v) ? v.length > 0 : !!v;
    });
    if (!anything) return html`<p class="empty-page">${this.t('portalNothingShared')}</p>`;
    return html`${present.map(
      (m) => html`<section part="section" class="section" aria-labelledby=${`h-${m}`} data-module=${m}>
        <h3 id=${`h-${m}`}>${this.t(`module_${m}` as keyof SgStrings)}</h3>
        ${this.section(m, feed)}
      </section>`,
    )}`;
  }

  private section(module: ModuleId, feed: Feed): TemplateResult {
    const empty = html`<p class="empty">${this.t('portalSectionEmpty')}</p>`;
    if (module === 'updates') return feed.modules.updates?.length ? updatesFeed(this.host, feed.modules.updates) : empty;
    if (module === 'schedule') return feed.modules.schedule ? scheduleView(this.host, feed.modules.schedule) : empty;
    const items = feed.modules[module] ?? [];
    if (!items.length) return empty;
    return module === 'photos' ? photoGrid(this.host, items) : resourceList(this.host, items);
  }

  private viewerTemplate(): TemplateResult {
    const photo = this.photos[this.photoIndex];
    const src = safeImageUrl(photo?.url);
    const many = this.photos.length > 1;
    return html`<dialog part="viewer" class="viewer" aria-label=${this.t('portalPhotoViewer')} @keydown=${this.viewerKeys}>
      ${photo
        ? html`<figure>
              ${src ? html`<img src=${src} alt=${photo.name} />` : html`<div class="placeholder big" aria-hidden="true">▣</div>`}
              <figcaption>
                <strong>${photo.name}</strong>
                <span class="meta">${this.t('portalPhotoOf', { index: this.photoIndex + 1, count: this.photos.length })}</span>
              </figcaption>
            </figure>
            <div class="actions">
              ${many
                ? html`<button class="btn" @click=${() => this.step(-1)}>${this.t('portalPrevious')}</button>
                    <button class="btn" @click=${() => this.step(1)}>${this.t('portalNext')}</button>`
                : nothing}
              <button class="btn primary" autofocus @click=${() => this.viewer.close()}>${this.t('close')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sg-portal-view': SgPortalView;
  }
}
