import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Client, ClientStatus } from '../../src/model/client.js';
import type { Project } from '../../src/model/resource.js';
import type { PortalClient } from '../context.js';

const PAGE = 500;

/** The element the controller serves: it says which api client and project to load for. */
export interface ClientsHost extends ReactiveControllerHost {
  client?: PortalClient | undefined;
  projectId: string;
  /** Show the archived clients (the server lists them only when asked). */
  archived: boolean;
}

/**
 * The clients data behind `<sg-client-list>`: every client (all pages, so search and filter are
 * instant), the tenant's projects for their names, the load error, and the filtered view. It
 * loads again whenever the host's api client or project changes, and the host re-renders
 * whenever any of it changes.
 */
export class ClientsController implements ReactiveController {
  #host: ClientsHost;
  #loadedFor?: { client: PortalClient; projectId: string; archived: boolean };
  /** Every client loaded so far; `undefined` while the first page loads. */
  clients?: Client[] | undefined;
  /** Every page is in: `clients` is the whole list (what the count may say). */
  complete = false;
  /** The tenant's projects; `undefined` until they load, or when they could not (`projectsError`). */
  projects?: Project[] | undefined;
  projectsError?: unknown;
  #projectsLoad = 0;
  error?: unknown;
  #visible?: { clients: Client[] | undefined; q: string; status: string; items: Client[] };
  /** The frame that will show the pages loaded since the last render (0: none pending). */
  #frame = 0;

  constructor(host: ClientsHost) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    const { client, projectId, archived } = this.#host;
    const last = this.#loadedFor;
    if (!client) this.#loadedFor = undefined; // the same client set again later loads afresh
    else if (client !== last?.client || projectId !== last.projectId || archived !== last.archived) void this.load(client, projectId);
  }

  #set(change: Partial<Pick<ClientsController, 'clients' | 'complete' | 'projects' | 'projectsError' | 'error'>>): void {
    Object.assign(this, change);
    this.#host.requestUpdate();
  }

  /**
   * Shows the pages loaded so far at the next frame. Pages can arrive faster than frames (a fast
   * server, many pages): each render filters and lays out every client, so they are shown once
   * per frame, not once per page, and the first rows' frame is not held up by the pages after it.
   * A frame that comes after the last page, an error or a newer load has nothing left to show.
   */
  #showSoon(all: Client[], load: object): void {
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      if (this.#loadedFor === load && !this.complete && !this.error) this.#set({ clients: [...all] });
    });
  }

  /** Loads every page of clients (of one project when `projectId` is set) and the projects. */
  async load(api: PortalClient, projectId: string): Promise<void> {
    const archived = this.#host.archived;
    const load = (this.#loadedFor = { client: api, projectId, archived });
    this.#set({ error: undefined, clients: undefined, complete: false });
    void this.loadProjects(api);
    try {
      const all: Client[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.clients.list({
          limit: PAGE,
          ...(projectId ? { projectId } : {}),
          ...(archived ? { status: 'archived' as const } : {}),
          ...(cursor ? { cursor } : {}),
        });
        // A newer load (another project, the archived filter) took over: its pages, not these.
        if (this.#loadedFor !== load) return;
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        // The first page and the last are shown at once; those between, once per frame.
        if (!cursor || !this.clients) this.#set({ clients: [...all], complete: !cursor });
        else this.#showSoon(all, load);
      } while (cursor);
    } catch (error) {
      if (this.#loadedFor === load) this.#set({ error });
    }
  }

  /**
   * Loads the tenant's projects. When they cannot be, names fall back to ids and the list itself
   * still works; the dialogs that pick projects say why and offer to try again.
   */
  loadProjects(api: PortalClient): Promise<void> {
    // Only the latest load's answer counts: an older one (another client's list, or a failure
    // overtaken by "Try again") arriving last must not replace it.
    const load = ++this.#projectsLoad;
    this.#set({ projectsError: undefined });
    return api.projects.list().then(
      (projects) => void (load === this.#projectsLoad && this.#set({ projects })),
      (projectsError: unknown) => void (load === this.#projectsLoad && this.#set({ projects: undefined, projectsError })),
    );
  }

  /** Puts a changed or new client in place; drops it when it left the project or the view shown (archived or not). */
  replace(updated: Client, projectId: string): void {
    const list = this.clients ?? [];
    const keep = (!projectId || updated.projectIds.includes(projectId)) && (updated.status === 'archived') === this.#host.archived;
    const i = list.findIndex((c) => c.id === updated.id);
    if (i < 0) this.#set({ clients: keep ? [updated, ...list] : list });
    else this.#set({ clients: keep ? list.map((c) => (c.id === updated.id ? updated : c)) : list.filter((c) => c.id !== updated.id) });
  }

  /** The filtered clients; the same array while nothing changed, so the row window keeps its layout. */
  visible(q: string, status: ClientStatus | ''): Client[] {
    const cached = this.#visible;
    if (cached && cached.clients === this.clients && cached.q === q && cached.status === status) return cached.items;
    const needle = q.trim().toLowerCase();
    const items = (this.clients ?? []).filter(
      (c) => (!status || c.status === status) && (!needle || c.email.includes(needle) || (c.name ?? '').toLowerCase().includes(needle)),
    );
    this.#visible = { clients: this.clients, q, status, items };
    return items;
  }

  projectName = (id: string): string => this.projects?.find((p) => p.id === id)?.name ?? id;
}
