import type { ResourceRef } from '../model/resource.js';
import type { Receipt } from '../model/receipt.js';
import type { ReceiptKey, StorageOps } from '../ports/storage.js';
import { grantsFrom, type ProjectGrants } from './coverage.js';

type GrantSources = Pick<StorageOps, 'listShares' | 'listUpdates' | 'readGrants'>;

/** Up to this many refs are deduplicated by comparison rather than through a set of keys. */
const FEW = 16;

function includes(refs: readonly ResourceRef[], module: string, id: string): boolean {
  for (const ref of refs) if (ref.id === id && ref.module === module) return true;
  return false;
}

/** `refs` once each, in their first order. */
function distinct(refs: readonly ResourceRef[]): ResourceRef[] {
  const asked: ResourceRef[] = [];
  if (refs.length <= FEW) {
    // A check's resource and its ancestors: comparing with those already asked beats keying a set.
    for (const { module, id } of refs) if (!includes(asked, module, id)) asked.push({ module, id });
  } else {
    const seen = new Set<string>();
    for (const { module, id } of refs) {
      // Ids never contain a newline (see `Id`), so the key is unambiguous.
      if (!seen.has(`${module}\n${id}`)) seen.add(`${module}\n${id}`), asked.push({ module, id });
    }
  }
  return asked;
}

/**
 * The part of a project's grants that can matter for `refs` — the shares and attachments of
 * exactly those resources (pass each resource with its ancestors) — in one storage read
 * (`readGrants`: two indexed lookups, one statement on SQL), whatever the project holds.
 * `coverageOf` answers for those resources as it would over the whole project.
 */
export async function loadGrantsAround(storage: GrantSources, tenantId: string, projectId: string, refs: readonly ResourceRef[]): Promise<ProjectGrants> {
  const asked = distinct(refs);
  if (asked.length === 0) return new Map();
  const { shares, attached } = await storage.readGrants(tenantId, projectId, asked);
  return grantsFrom(shares, attached);
}

/**
 * `loadGrantsAround`, and the client's read receipt of the resource it opens in the same read:
 * a view is recorded after the check, and needs no write when the last is under a minute old.
 * `receipt` is undefined when the storage did not answer it (an adapter written before
 * `receiptOf`); `noteView` then reads it itself.
 */
export async function loadGrantsAndReceipt(
  storage: GrantSources,
  tenantId: string,
  projectId: string,
  refs: readonly ResourceRef[],
  receiptOf: ReceiptKey,
): Promise<{ grants: ProjectGrants; receipt: Receipt | null | undefined }> {
  const { shares, attached, receipt } = await storage.readGrants(tenantId, projectId, distinct(refs), { receiptOf });
  return { grants: grantsFrom(shares, attached), receipt };
}
