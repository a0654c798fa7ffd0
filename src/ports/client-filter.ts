import { storedStatus, type ClientRecord, type ClientStatus } from '../model/client.js';
import type { ClientListQuery } from './storage.js';

export type ClientStatusFilter = Pick<ClientListQuery, 'status' | 'notStatus' | 'inviteExpiresAfter' | 'inviteExpiresAtOrBefore'>;

/**
 * The status a person asks for, as plain filters on stored fields: `invited` and `expired` are
 * both stored as `invited` and told apart by the invite's expiry against `now`. The core does
 * this once, so no store needs a clock or the expiry rule.
 */
export function clientStatusFilter(status: ClientStatus | undefined, now: Date): ClientStatusFilter {
  // Archived clients are listed only when asked for by name.
  if (status === undefined) return { notStatus: 'archived' };
  if (status === 'invited') return { status: 'invited', inviteExpiresAfter: now };
  if (status === 'expired') return { status: 'invited', inviteExpiresAtOrBefore: now };
  return { status };
}

/**
 * Text as the client search compares it: composed (NFC), so an accent typed as its own mark
 * (`e` + U+0301, as macOS and some forms send it) matches the letter that carries it (`é`), and
 * lower-cased by `toLowerCase()`, the same in every locale.
 */
export function searchText(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/**
 * Whether `client` passes the filters of `query` (all but paging): for stores that filter in
 * memory. The search compares `searchText` of each side and takes every character literally.
 */
export function clientMatches(client: ClientRecord, query: Omit<ClientListQuery, 'limit' | 'cursor'>): boolean {
  if (query.projectId !== undefined && !client.projectIds.includes(query.projectId)) return false;
  if (query.status !== undefined && storedStatus(client) !== query.status) return false;
  if (query.notStatus !== undefined && storedStatus(client) === query.notStatus) return false;
  const expires = client.inviteExpiresAt?.getTime();
  if (query.inviteExpiresAfter && (expires === undefined || expires <= query.inviteExpiresAfter.getTime())) return false;
  if (query.inviteExpiresAtOrBefore && (expires === undefined || expires > query.inviteExpiresAtOrBefore.getTime())) return false;
  if (query.q) {
    const q = searchText(query.q);
    if (!searchText(client.email).includes(q) && !(client.name !== undefined && searchText(client.name).includes(q))) return false;
  }
  return true;
}
