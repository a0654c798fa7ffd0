import { html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Feed, OpenedResource } from '../../src/model/feed.js';
import type { ModuleId } from '../../src/model/modules.js';
import type { Project, Resource } from '../../src/model/resource.js';
import { focusLost, said } from '../base/a11y.js';
import { SgElement } from '../base/sg-element.js';
import { SgResourceOpenEvent, SgSignInRequestEvent } from '../events.js';
import { approvalStrings, common, moduleStrings, portalViewStrings, waitingStrings, type SgStrings } from '../i18n/en.js';
import { cssomStyle } from '../util/cssom-style.js';
import { formatDayRange } from '../util/dates.js';
import { brandProperties } from '../util/safe-color.js';
import { safeImageUrl, safeUrl } from '../util/safe-url.js';
import { errorCode } from '../util/problem.js';
import { detailsPanel } from './details.js';
import { readHash, writeHash } from './location-hash.js';
import { MODULE_ORDER } from './modules.js';
import { SgNavigateEvent } from './navigate-event.js';
import { moduleNav, overview, type OverviewHost } from './overview.js';
import styles from './portal-view.styles.js';
import { WaitingOnYou } from './waiting-on-you.js';
import waitingStyles from './waiting-on-you.styles.js';
import { photoGrid, resourceList, scheduleView, updatesFeed, type SectionHost } from './sections.js';
import { withNextPage } from './feed-more.js';
import { newBadge, newBadgeStyles } from './new-badges.js';
import { NotificationPreferences, preferencesStyles } from './notification-preferences.js';
import { statusText } from './status.js';

type OpenState = { loading: true } | { error: unknown } | OpenedResource;

/** Where a resource's open state and last view are kept: two projects can have the same folder id. */
const keyOf = (r: Resource): string => `${r.projectId}/${r.module}/${r.id}`;

/** Amounts without a currency of their own or the tenant's are shown in this one. */
export const DEFAULT_CURRENCY = 'USD';
/** A resource's view is sent again only after this long: the server keeps its time to the minute. */
const RECORD_QUIET_MS = 60_000;

/**
 * How the server refuses a resource the client may not see (anymore): `not_found` (it does not
 * tell an unshared resource from one that never was) or `forbidden`.
 */
const refused = (error: unknown): boolean => {
  const code = errorCode(error);
  return code === 'not_found' || code === 'forbidden';
};

/** A 401: the session expired or ended. Loading again gets the same answer; signing in helps. */
const signedOut = (error: unknown): boolean => {
  const code = errorCode(error);
  return code === 'session_invalid' || code === 'unauthenticated';
};

/**
 * @summary The client's portal: the builder's logo, a project switcher, an overview (what is
 * new, what waits on the client, the next milestone), jump links, then one section per module
 * that is enabled and shared — each item with its details (amounts in the builder's currency,
 * invoices with "Pay", drawings with every revision).
 *
 * @attr project-id - The project to show (default: the first one).
 * @attr module - The section the client went to last; set it to jump there.
 * @attr sync-hash - Keep project and section in `location.hash`, so a reload keeps the place.
 * @attr sign-in-url - Where "Sign in" leads when the session has ended (a 401 loading the page);
 *   without it the button fires `sg-sign-in-request` for the page to show `<sg-sign-in>`.
 * @prop {PortalClient} client - The api client (normally from `<sg-portal-provider>`).
 * @prop {Partial<SgStrings>} strings - Replaces some strings.
 * @attr theme - `light` (default), `dark` or `auto`.
 * @event sg-resource-open - A resource link was followed, a folder or an item's details opened; `detail: { projectId, resource }`.
 * @event sg-navigate - The client chose a project or section; cancelable (route, then set `project-id`/`module`); `detail: { projectId, module? }`.
 * @event sg-sign-in-request - "Sign in" was pressed where the session had ended (no `sign-in-url` set).
 * @slot header - Content above everything (e.g. `<sg-sign-in>`).
 * @slot waiting - First in the overview: what waits on the client (e.g. approvals).
 * @csspart base - The wrapper.
 * @csspart logo - The builder's logo.
 * @csspart switcher - The project select.
 * @csspart overview - The overview at the top.
 * @csspart waiting - "Waiting on you": the approvals that name the client, first in the overview.
 * @csspart approval - One approval in "Waiting on you".
 * @csspart tile - One overview tile.
 * @csspart nav - The jump links.
 * @csspart section - Each module section.
 * @csspart pay - An invoice's "Pay" link.
 * @csspart viewer - The photo viewer dialog.
 * @csspart show-more - "Show more" under a section that has more than one page.
 * @csspart new-badge - "New" on an item or update shared or published since the client's last visit.
 * @csspart new-count - How many items of a section are new, beside its jump link.
 * @csspart notifications - "Email notifications": the client's digest frequency.
 * @csspart access-ended - Says the client's access to the project shown ended while the page was open.
 * @csspart sign-in - "Sign in", in place of "Try again" when the session has ended.
 * @cssproperty --sg-portal-photo-size - Thumbnail size in the photo grid.
 *
 * @tag sg-portal-view
 */
export class SgPortalView extends SgElement {
  static override styles = [styles, waitingStyles, newBadgeStyles, preferencesStyles];
  static override defaultStrings: Partial<SgStrings> = { ...common, ...moduleStrings, ...portalViewStrings, ...approvalStrings, ...waitingStrings };

  @property({ attribute: 'project-id', reflect: true }) projectId = '';
  @property({ reflect: true }) module = '';
  @property({ attribute: 'sync-hash', type: Boolean }) syncHash = false;
  @property({ attribute: 'sign-in-url' }) signInUrl = '';

  @state() projects?: Project[];
  @state() feed?: Feed;
  @state() private error?: unknown;
  @state() private opened = new Map<string, OpenState>();
  @state() private photos: Resource[] = [];
  @state() private photoIndex = 0;
  /** Said above the portal once the client's access to the project it showed has ended. */
  @state() private accessEnded = '';
  /** Listed resources found no longer shared with the client while the page was open, by `keyOf`. */
  @state() private gone = new Set<string>();
  /** What the live region says: what "Show more" or "Try again" brought, where focus is not. */
  @state() private said = '';
  /** The project select changed by keys on it while closed (see `switcher`), not yet chosen. */
  private switchPending = false;
  /** A key that changes the closed select's value is down: the coming `change` is not a choice yet. */
  private switchKeyed = false;
  /** When each resource's view was last sent (`recordView`), by `keyOf`. */
  private readonly recordedAt = new Map<string, number>();
  /** Bumped when the client or project changes (see `restart`). */
  private generation = 0;
  /** The project shown when the newest load started: its feed is read once (see `willUpdate`). */
  private loading?: string;
  /** The photo viewer ("Waiting on you" has a dialog of its own, earlier in the tree). */
  @query('dialog[part="viewer"]') private viewer!: HTMLDialogElement;
  /**
   * The section the client picked: its heading gets focus once that section is on screen, also
   * when a host router took the choice over and set `module` itself. Any other reveal clears it.
   */
  private focusModule?: string;
  private readonly onHash = (): void => this.fromHash();
  /** "Waiting on you": approvals naming the client, loaded with each project's feed. */
  private readonly waiting = new WaitingOnYou({
    client: () => this.client,
    updated: () => this.updateComplete,
    requestUpdate: () => this.requestUpdate(),
    reload: () => this.loadFeed(),
    t: (key, params) => this.t(key, params),
    date: (value, withTime) => this.formatDate(value, withTime),
    money: (amount, currency) => this.money(amount, currency),
    problem: (error) => this.problem(error),
  });

  /** "Email notifications": the signed-in client's digest frequency. */
  private readonly preferences = new NotificationPreferences({
    client: () => this.client,
    requestUpdate: () => this.requestUpdate(),
    updated: () => this.updateComplete,
    t: (key, params) => this.t(key, params),
    problem: (error) => this.problem(error),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  /** The page's `lang`, else the builder's language. */
  protected override get locale(): string | undefined {
    return super.locale ?? this.feed?.tenant?.locale;
  }

  private fromHash(): void {
    if (!this.syncHash) return;
    const { projectId, module } = readHash();
    if (projectId) this.projectId = projectId;
    this.module = module ?? '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('syncHash')) this.fromHash();
    if (changed.has('client') && this.client) void this.loadProjects();
    // Not again when `loadProjects` chose the project and reads its feed already.
    else if (changed.has('projectId') && this.client && this.projects && this.projectId !== this.loading) void this.loadFeed();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Another section, or a project's first page of the feed, brings the section into view; a
    // next page ("Show more") is neither, and must not pull the page away from where it grew.
    const firstPage = changed.has('feed') && changed.get('feed') === undefined;
    if ((changed.has('module') || firstPage) && this.module && this.feed) this.reveal();
  }

  /** Brings the chosen section into view; its heading takes focus when the client chose it. */
  private reveal(): void {
    const section = this.renderRoot.querySelector<HTMLElement>(`section[data-module="${CSS.escape(this.module)}"]`);
    if (!section) return;
    section.scrollIntoView?.({ block: 'start' });
    if (this.focusModule === this.module) section.querySelector<HTMLElement>('h3')?.focus({ preventScroll: true });
    this.focusModule = undefined;
  }

  /**
   * A choice by the client: announced first, so a host router can take it over. Another project
   * is a history step with `sync-hash` (`step`), unless the page moves off one the client lost.
   */
  private navigate(projectId: string, module: string, step = true): void {
    this.focusModule = module || undefined;
    // The section already shown changes nothing to update: it is brought into view here.
    const same = projectId === this.projectId && module === this.module;
    if (!this.dispatchEvent(new SgNavigateEvent({ projectId, ...(module ? { module } : {}) }))) return void (same && module && this.reveal());
    const another = !!this.projectId && projectId !== this.projectId;
    this.projectId = projectId;
    this.module = module;
    if (this.syncHash) writeHash(projectId, module, step && another);
    if (same && module) this.reveal();
  }

  /**
   * Starts a load for the current client and project; the answer says whether a reply is still
   * for them. A slow reply for the client or project shown before must not land in this one.
   */
  private restart(): () => boolean {
    this.loading = this.projectId;
    const generation = ++this.generation;
    return () => generation === this.generation;
  }

  private async loadProjects(): Promise<void> {
    const live = this.restart();
    this.error = undefined;
    this.accessEnded = '';
    try {
      const projects = await this.client!.view.projects();
      if (!live()) return;
      this.projects = projects;
      if (!projects.some((p) => p.id === this.projectId)) this.projectId = projects[0]?.id ?? '';
      // The project shown is in the address from the start, so Back from another one returns to it.
      if (this.syncHash && this.projectId) writeHash(this.projectId, this.module);
      await this.loadFeed();
    } catch (error) {
      if (live()) this.error = error;
    }
  }

  private async loadFeed(): Promise<void> {
    const live = this.restart();
    const projectId = this.projectId;
    this.feed = undefined;
    this.opened = new Map();
    this.gone = new Set();
    if (!projectId) return;
    // Read alongside the feed; done when both are (it reports its own problems).
    const waiting = this.waiting.load(projectId, live);
    try {
      const feed = await this.client!.view.feed(projectId);
      if (live()) this.feed = feed;
    } catch (error) {
      if (live()) this.error = error;
    }
    await waiting;
  }

  /**
   * The next page of one section, appended (the feed answers a page per module; `more` holds the
   * cursor), and how many came said. After the last page "Show more" is gone: focus goes to the
   * first item it brought.
   */
  private async showMore(module: ModuleId): Promise<void> {
    const feed = this.feed;
    const cursor = feed?.more?.[module];
    if (!feed || !cursor) return;
    const section = () => this.renderRoot.querySelector(`section[data-module="${module}"]`);
    const before = new Set(section()?.querySelectorAll('li'));
    this.said = '';
    try {
      const page = await this.client!.view.feed(feed.project.id, { module, cursor });
      if (this.feed !== feed) return;
      this.feed = withNextPage(feed, module, page);
      const added = (page.modules as Record<string, unknown>)[module];
      this.said = this.t('portalMoreShown', { count: Array.isArray(added) ? added.length : 0 });
      await this.updateComplete;
      const now = section();
      const first = now?.querySelector('[data-more]') ? undefined : [...now!.querySelectorAll('li')].find((li) => !before.has(li));
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
    } catch (error) {
      if (this.feed === feed) this.error = error;
    }
  }

  /**
   * Loads again. Focus goes to what took the error's place (the project's heading, the message
   * that there is none, or the error again with its button), and a page with nothing to show
   * says so in the live region.
   */
  private async retry(): Promise<void> {
    this.error = undefined;
    this.said = '';
    await (this.projects ? this.loadFeed() : this.loadProjects());
    await this.updateComplete;
    const root = this.renderRoot;
    this.said = root.querySelector('.empty-page')?.textContent ?? '';
    root.querySelector<HTMLElement>('.notice.error .btn, h2, .empty-page')?.focus();
  }

  /** Opens a folder or an item's details through `view.open` (the server records the view); again closes it. */
  private async toggle(resource: Resource): Promise<void> {
    const key = keyOf(resource);
    const current = this.opened.get(key);
    if (current && !('error' in current)) {
      const next = new Map(this.opened);
      next.delete(key);
      this.opened = next;
      return;
    }
    const loading = { loading: true } as const;
    this.opened = new Map(this.opened).set(key, loading);
    this.dispatchEvent(new SgResourceOpenEvent({ projectId: this.projectId, resource }));
    let state: OpenState;
    try {
      state = await this.client!.view.open(this.projectId, resource.module, resource.id);
    } catch (error) {
      state = { error };
    }
    // Closed meanwhile, opened again, or another project or client loaded: not this reply's place.
    if (this.opened.get(key) !== loading) return;
    if ('error' in state && refused(state.error)) {
      // Refused: the whole project may have been revoked, or only this item unshared. Which one is
      // said once the projects are read again, rather than "could not be found" meanwhile.
      await this.refusedOne(resource);
      // Still waiting: the access ended but the host kept the page where it is (a cancelled
      // `sg-navigate`). The refusal is what is left to show.
      if (this.opened.get(key) === loading) this.opened = new Map(this.opened).set(key, state);
      return;
    }
    this.opened = new Map(this.opened).set(key, state);
    if ('error' in state) void this.recheckAccess();
  }

  /**
   * The server refused a listed resource (`view.open` or the view receipt of a followed link).
   * When the client's access to the project ended, `recheckAccess` says so; otherwise only this
   * resource was unshared: its row says it is no longer shared with the client and offers nothing
   * more to follow. Focus lost with the link or toggle that went goes to that sentence.
   */
  private async refusedOne(resource: Resource): Promise<void> {
    const generation = this.generation;
    if (await this.recheckAccess()) return;
    // Another project or client loaded meanwhile: its list does not hold this resource.
    if (generation !== this.generation || resource.projectId !== this.feed?.project.id) return;
    const key = keyOf(resource);
    const opened = new Map(this.opened);
    opened.delete(key);
    this.opened = opened;
    this.gone = new Set(this.gone).add(key);
    await this.updateComplete;
    const notice = this.renderRoot.querySelector<HTMLElement>(`[data-gone="${CSS.escape(`${resource.module}/${resource.id}`)}"] .no-longer-shared`);
    if (notice && focusLost(this)) notice.focus();
    else this.said = this.t('portalNoLongerShared');
  }

  /**
   * Something the feed listed could not be opened. When the client's access to the whole project
   * ended meanwhile (revoked while the page was open), the page says so and shows what is left,
   * rather than leaving every other item of that project to fail in turn.
   */
  private async recheckAccess(): Promise<boolean> {
    const project = this.projects?.find((p) => p.id === this.projectId);
    const generation = this.generation;
    const projects = await this.client?.view.projects().catch(() => undefined);
    if (!project || !projects || generation !== this.generation || projects.some((p) => p.id === project.id)) return false;
    this.said = this.accessEnded = this.t('portalAccessEnded', { project: project.name });
    this.projects = projects;
    this.navigate(projects[0]?.id ?? '', '', false);
    return true;
  }

  private money(amount: number, currency?: string): string {
    const code = currency ?? this.feed?.tenant?.currency ?? DEFAULT_CURRENCY;
    try {
      return new Intl.NumberFormat(this.locale, { style: 'currency', currency: code }).format(amount);
    } catch {
      // A malformed currency code or language tag from data: the number alone, never a failure.
      return new Intl.NumberFormat().format(amount);
    }
  }

  private readonly host: SectionHost & OverviewHost = {
    t: (key, params) => this.t(key, params),
    date: (value, withTime) => this.formatDate(value, withTime),
    money: (amount, currency) => this.money(amount, currency),
    status: (value) => statusText((key) => this.t(key), value),
    yours: (r) => this.waiting.yours(r),
    gone: (r) => this.gone.has(keyOf(r)),
    dayRange: (start, end) => formatDayRange(start, end, this.locale),
    folder: (r, where) => this.folderTemplate(r, where),
    details: (r, where) => this.detailsTemplate(r, where),
    opened: (r) => {
      this.dispatchEvent(new SgResourceOpenEvent({ projectId: this.projectId, resource: r }));
      this.recordView(r);
    },
    viewPhoto: (photos, index) => this.openViewer(photos, index),
    get module() {
      return '';
    },
    go: (module) => this.navigate(this.projectId, module),
  };

  private folderTemplate(folder: Resource, where: string): TemplateResult {
    const key = keyOf(folder);
    const id = `f-${where}${key}`;
    const state = this.opened.get(key);
    const open = !!state && !('error' in state);
    const contents = (): TemplateResult | typeof nothing => {
      if (!state) return nothing;
      if ('loading' in state) return html`<p class="meta" role="status">${this.t('loading')}</p>`;
      if ('error' in state) return html`<p class="notice error" role="alert">${this.problem(state.error)}</p>`;
      const children = state.children ?? [];
      if (!children.length) return html`<p class="empty">${this.t('portalFolderEmpty')}</p>`;
      return folder.module === 'photos' ? photoGrid(this.host, children, where) : resourceList(this.host, children, where);
    };
    return html`<button class="disclosure" aria-expanded=${open ? 'true' : 'false'} aria-controls=${id} @click=${() => this.toggle(folder)}>
        <span class="chevron" aria-hidden="true"></span><span class="icon" aria-hidden="true">▭</span>${folder.name}${newBadge(this.host.t, folder)}
      </button>
      <div class="children" id=${id} role="group" aria-label=${folder.name}>${contents()}</div>`;
  }

  private detailsTemplate(item: Resource, where: string): TemplateResult {
    const key = keyOf(item);
    const id = `d-${where}${key}`;
    const state = this.opened.get(key);
    const open = !!state && !('error' in state);
    const panel = (): TemplateResult | typeof nothing => {
      if (!state) return nothing;
      if ('loading' in state) return html`<p class="meta" role="status">${this.t('loading')}</p>`;
      if ('error' in state) return html`<p class="notice error" role="alert">${this.problem(state.error)}</p>`;
      return detailsPanel(this.host, state.resource);
    };
    return html`<button class="disclosure more" aria-expanded=${open ? 'true' : 'false'} aria-controls=${id} @click=${() => this.toggle(item)}>
        <span class="chevron" aria-hidden="true"></span>${this.t('portalDetails')}<span class="sr-only"> ${item.name}</span>
      </button>
      <div class="panel" id=${id} role="group" aria-label=${this.t('portalDetailsFor', { name: item.name })} ?hidden=${!state}>${panel()}</div>`;
  }

  /**
   * The client followed a resource's link, or saw a photo in the viewer: the builder's receipts
   * count it, as `view.open` counts an opened folder or Details panel. At most once a minute per
   * resource (the server keeps a view's time to the minute too); a receipt that cannot be
   * written never troubles the client. One the server refuses tells that the resource is no
   * longer the client's to see (the file it opened said only "not found"): the page learns it as
   * when a folder or Details is opened (`refusedOne`).
   */
  private recordView(resource: Resource): void {
    const key = keyOf(resource);
    const now = Date.now();
    if (now - (this.recordedAt.get(key) ?? -Infinity) < RECORD_QUIET_MS) return;
    this.recordedAt.set(key, now);
    const ref = { projectId: resource.projectId, module: resource.module, id: resource.id };
    Promise.resolve()
      .then(() => this.client?.receipts.record(ref))
      .catch((error: unknown) => {
        this.recordedAt.delete(key);
        if (refused(error)) return this.refusedOne(resource);
      })
      .catch(() => undefined);
  }

  private async openViewer(photos: Resource[], index: number): Promise<void> {
    this.photos = photos;
    this.photoIndex = index;
    this.recordView(photos[index]!);
    await this.updateComplete;
    if (!this.viewer.open) this.viewer.showModal();
  }

  private step(delta: number): void {
    const count = this.photos.length;
    this.photoIndex = (this.photoIndex + delta + count) % count;
    this.recordView(this.photos[this.photoIndex]!);
  }

  /**
   * The project select. On the closed select every arrow key (or typed letter) changes the
   * value: a change made so waits for Enter or for focus to leave, so projects passed on the way
   * are neither loaded nor announced; one made with the pointer or in the open list goes at once.
   */
  private switcher(projects: Project[]): TemplateResult {
    const commit = (select: HTMLSelectElement): void => {
      this.switchPending = false;
      this.accessEnded = '';
      if (select.value !== this.projectId) this.navigate(select.value, '');
    };
    return html`<select
      part="switcher"
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Enter' && this.switchPending) {
          e.preventDefault(); // it has chosen: the list need not open
          commit(e.target as HTMLSelectElement);
        } else this.switchKeyed = !e.altKey && (e.key.length === 1 ? e.key !== ' ' : /^(Arrow|Home|End|Page)/.test(e.key));
      }}
      @keyup=${() => (this.switchKeyed = false)}
      @change=${(e: Event) => (this.switchKeyed ? (this.switchPending = true) : commit(e.target as HTMLSelectElement))}
      @blur=${(e: Event) => this.switchPending && commit(e.target as HTMLSelectElement)}
    >
      ${projects.map((p) => html`<option value=${p.id} ?selected=${p.id === this.projectId}>${p.name}</option>`)}
    </select>`;
  }

  private viewerKeys(event: KeyboardEvent): void {
    const rtl = getComputedStyle(this).direction === 'rtl';
    if (event.key === 'ArrowRight') this.step(rtl ? -1 : 1);
    else if (event.key === 'ArrowLeft') this.step(rtl ? 1 : -1);
  }

  protected override render(): TemplateResult {
    return html`<div part="base" ${cssomStyle(brandProperties(this.feed?.tenant?.brand?.accentColor))}>
      <slot name="header"></slot>
      ${this.body()} ${this.viewerTemplate()} ${said(this.said)}
    </div>`;
  }

  private body(): TemplateResult {
    // On the server the client is not provided yet (context arrives in the browser): loading, as there.
    if (!this.client && !isServer) return html`<p class="notice error" role="alert">${this.t('noClient')}</p>`;
    if (this.error) {
      // An ended session answers "Try again" with the same 401: the way on is to sign in.
      const ended = signedOut(this.error);
      const href = ended && safeUrl(this.signInUrl);
      const signIn = this.t('portalSignIn');
      return html`<div class="notice error" role="alert">
        <p>${this.problem(this.error)}</p>
        ${href
          ? html`<a part="sign-in" class="btn" href=${href}>${signIn}</a>`
          : ended
            ? html`<button part="sign-in" class="btn" @click=${() => this.dispatchEvent(new SgSignInRequestEvent())}>${signIn}</button>`
            : html`<button class="btn" @click=${this.retry}>${this.t('retry')}</button>`}
      </div>`;
    }
    if (!this.projects) return html`<p class="meta" role="status">${this.t('loading')}</p>`;
    const ended = this.accessEnded ? html`<p class="notice" part="access-ended">${this.accessEnded}</p>` : nothing;
    if (!this.projects.length) return html`${ended}<p class="empty-page" tabindex="-1">${this.t('portalNoProjects')}</p>`;
    const tenant = this.feed?.tenant;
    const logo = safeImageUrl(tenant?.brand?.logoUrl);
    return html`
      ${ended}
      <div class="top">
        <div class="title">
          ${logo ? html`<img part="logo" class="logo" src=${logo} alt=${tenant?.name ?? ''} />` : nothing}
          <h2 tabindex="-1">${this.projects.find((p) => p.id === this.projectId)?.name ?? ''}</h2>
        </div>
        ${this.projects.length > 1
          ? html`<label class="switcher"
              ><span>${this.t('portalProject')}</span> ${this.switcher(this.projects)}</label
            >`
          : nothing}
      </div>
      ${this.feed ? this.sections(this.feed) : html`<p class="meta" role="status">${this.t('loading')}</p>`}
      ${this.preferences.render()}
    `;
  }

  private sections(feed: Feed): TemplateResult {
    const present = MODULE_ORDER.filter((m) => feed.modules[m] !== undefined);
    const anything = present.some((m) => {
      const v = feed.modules[m];
      return Array.isArray(v) ? v.length > 0 : !!v;
    });
    if (!anything) return html`<p class="empty-page">${this.t('portalNothingShared')}</p>`;
    const nav: OverviewHost = { ...this.host, module: this.module };
    return html`${overview(nav, feed, this.waiting.render())} ${present.length > 1 ? moduleNav(nav, present, feed) : nothing}
    ${present.map(
      (m) => html`<section part="section" class="section" aria-labelledby=${`h-${m}`} data-module=${m}>
        <h3 id=${`h-${m}`} tabindex="-1">${this.t(`module_${m}` as keyof SgStrings)}</h3>
        ${this.section(m, feed)}
        ${feed.more?.[m] ? html`<button class="btn" part="show-more" data-more=${m} @click=${() => void this.showMore(m)}>${this.t('portalShowMore')}</button>` : nothing}
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
    // The caption names the photo (its image's alt does not say it again) and, live, says each step.
    return html`<dialog part="viewer" class="viewer" aria-label=${this.t('portalPhotoViewer')} @keydown=${this.viewerKeys}>
      ${photo
        ? html`<figure>
              ${src ? html`<img src=${src} alt="" />` : html`<div class="placeholder big" aria-hidden="true">▣</div>`}
              <figcaption aria-live="polite" aria-atomic="true">
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
  // On every target, not only elements: it bubbles and crosses shadow roots, so a router listens on `document` too.
  interface GlobalEventHandlersEventMap {
    'sg-navigate': SgNavigateEvent;
  }
}
