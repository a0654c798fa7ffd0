/**
 * One truth about what is shared, for every element that talks through the same api client
 * (normally the one `<sg-portal-provider>` holds): after a share or unshare, every share button
 * of that project re-reads its status, so unsharing a folder updates the "Shared via folder"
 * buttons of its children, and sharing one daily log updates the "all daily logs" button —
 * without a reload. Keyed by the client object, so two providers on a page (two tenants, say)
 * keep their own.
 */
const stores = new WeakMap<object, EventTarget>();

/** Fired on a client's share store after a change; `detail` is the project id. */
export const SHARES_CHANGED = 'sg-shares-changed';

/**
 * Fired on a client's share store when a resource was seen by a client meanwhile (an approval
 * button read a new decision: deciding is viewing); `detail` says which resource.
 */
export const RECEIPTS_CHANGED = 'sg-receipts-changed';

export type ReceiptsChange = { projectId: string; module: string; id: string };

export function shareStore(client: object): EventTarget {
  let store = stores.get(client);
  if (!store) stores.set(client, (store = new EventTarget()));
  return store;
}

/** Tells every subscriber of `client` that the shares of `projectId` changed. */
export function sharesChanged(client: object, projectId: string): void {
  shareStore(client).dispatchEvent(new CustomEvent(SHARES_CHANGED, { detail: projectId }));
}

/** Tells every subscriber of `client` that a client has seen this resource since it last read. */
export function receiptsChanged(client: object, change: ReceiptsChange): void {
  shareStore(client).dispatchEvent(new CustomEvent(RECEIPTS_CHANGED, { detail: change }));
}
