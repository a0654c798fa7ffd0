/**
 * The page the client-list benchmark drives in headless Chromium: the real `<sg-client-list>`
 * inside `<sg-portal-provider>`, fed by an in-page client holding N clients, so the figures are
 * the element's own (no network, no storage adapter behind it).
 */
import '../../components/portal-provider/register.js';
import '../../components/client-list/register.js';
import type { PortalClient } from '../../src/client/types.js';
import type { Client } from '../../src/model/client.js';

interface ListElement extends HTMLElement {
  clients?: Client[];
}

const at = new Date('2026-01-01T00:00:00Z');

function makeClients(n: number): Client[] {
  return Array.from({ length: n }, (_, i) => ({
    tenantId: 'bench',
    id: `c-${i}`,
    email: `client-${i}@bench.example`,
    name: `Client ${i}`,
    roleId: 'client',
    projectIds: [`p-${i % 100}`],
    portalAccess: true,
    createdAt: at,
    updatedAt: at,
    // As the model has them: an invited client's row shows when its invite expires.
    ...(i % 3 === 0 ? { status: 'active' as const } : { status: 'invited' as const, inviteExpiresAt: new Date(Date.now() + ((i % 14) + 1) * 86_400_000) }),
  }));
}

/** Only what the list calls; anything else would be a benchmark bug, so it throws. */
function fakeClient(all: Client[]): PortalClient {
  const api = {
    clients: {
      async list(query: { limit?: number; cursor?: string } = {}) {
        // A response always arrives in a task of its own (never a microtask), as a real fetch
        // does; the network time itself is left out.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const start = Number(query.cursor ?? 0);
        const end = Math.min(all.length, start + (query.limit ?? 50));
        return { items: all.slice(start, end), nextCursor: end < all.length ? String(end) : null };
      },
    },
    projects: { list: async () => Array.from({ length: 100 }, (_, i) => ({ tenantId: 'bench', id: `p-${i}`, name: `Project ${i}` })) },
  };
  return new Proxy(api, {
    get: (target, key) => {
      if (!(key in target)) throw new Error(`the benchmark's client has no ${String(key)}`);
      return target[key as keyof typeof target];
    },
  }) as unknown as PortalClient;
}

/** Resolves at the first frame after `ready()` holds: what a user would see. */
function painted(ready: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    const check = () => (ready() ? requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))) : requestAnimationFrame(check));
    check();
  });
}

const rowsOf = (list: HTMLElement) => list.shadowRoot?.querySelectorAll('[part="row"]') ?? [];

async function benchClientList(n: number) {
  const all = makeClients(n);
  document.body.replaceChildren();
  const provider = document.createElement('sg-portal-provider') as HTMLElement & { client?: PortalClient };
  const list = document.createElement('sg-client-list') as ListElement;
  provider.client = fakeClient(all);
  provider.append(list);
  const start = performance.now();
  document.body.append(provider);
  const firstRows = (await painted(() => rowsOf(list).length > 0)) - start;
  const allLoaded = (await painted(() => list.clients?.length === n && rowsOf(list).length > 0)) - start;
  const domRows = rowsOf(list).length;

  // One row changes, as after "disable portal access": the list gets a new array with one new record.
  // Where the element keeps its clients read-only (it loads them itself), this is not measured: NaN.
  const first = list.clients![0]!;
  const before = performance.now();
  let update = Number.NaN;
  try {
    (list as { clients?: Client[] }).clients = list.clients!.map((c) => (c.id === first.id ? { ...c, name: 'Renamed client' } : c));
    update = (await painted(() => (rowsOf(list)[0]?.textContent ?? '').includes('Renamed client'))) - before;
  } catch {
    // A getter without a setter: nothing to time.
  }

  // Scroll to the middle: rows in the DOM must stay bounded wherever the user is.
  const scroller = list.shadowRoot!.querySelector('[part="list"]') as HTMLElement;
  scroller.scrollTop = scroller.scrollHeight / 2;
  await painted(() => true);
  await painted(() => true);
  const domRowsScrolled = rowsOf(list).length;
  return { firstRows, allLoaded, update, domRows, domRowsScrolled };
}

/** The baseline: every row rendered into a plain list at once, no virtualisation, no framework. */
async function benchNaiveList(n: number) {
  const all = makeClients(n);
  document.body.replaceChildren();
  const start = performance.now();
  const ul = document.createElement('ul');
  ul.style.cssText = 'height:30rem;overflow:auto';
  for (const c of all) {
    const li = document.createElement('li');
    li.textContent = `${c.name} ${c.email} ${c.projectIds.join(', ')} ${c.status}`;
    ul.append(li);
  }
  document.body.append(ul);
  const render = (await painted(() => true)) - start;
  const before = performance.now();
  ul.firstElementChild!.textContent = 'Renamed client';
  const update = (await painted(() => true)) - before;
  return { render, update, domRows: ul.childElementCount };
}

Object.assign(window, { benchClientList, benchNaiveList, benchReady: true });
