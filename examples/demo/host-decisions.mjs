// What the demo host does with a decision it hears: an approval settled in the portal settles the
// item in the host's own records, as a platform would update its change order or selection from
// the `approval.completed` event. Without it the item's status would still read "pending" beside
// an approval the client has just given.

/**
 * Sets the decided item's `status` (and `meta.status`, where the host keeps one) to the
 * approval's outcome (`approval.completed`), and a selection's chosen option, with its price, to
 * the one a client approved (`approval.decided`, which carries the `optionId`). Other events,
 * and items no longer in the content, are left alone.
 *
 * @param {import('sitegate/adapters/memory').MemoryContent} content
 * @param {{ type: string, tenantId: string, at: Date | string, data: Record<string, unknown> }} event
 */
export async function settleDecidedItem(content, event) {
  if (event.type === 'approval.decided') return void noteChosenOption(event);
  if (event.type !== 'approval.completed') return;
  const { projectId, module, id, status } = event.data;
  if (typeof projectId !== 'string' || typeof module !== 'string' || typeof id !== 'string' || (status !== 'approved' && status !== 'declined')) return;
  const [item] = await content.resolve(event.tenantId, [{ projectId, module, id }]);
  const chosen = withChosenOption(event, item?.meta, status === 'approved');
  if (!item || (item.status === status && chosen === item.meta)) return;
  const meta = chosen && typeof chosen.status === 'string' ? { ...chosen, status } : chosen;
  content.put({ ...item, status, ...(meta ? { meta } : {}), updatedAt: new Date(event.at) });
}

/**
 * The option each approval's clients approved with, by approval, until it completes: changing
 * the item at the first decision would change what the other approvers of an approval asking
 * all of them decide on (their decisions would be refused as stale). Events come in order per
 * tenant, so an approval's decisions come before its completion, on a replay at start too.
 */
const chosenOptions = new Map();

function noteChosenOption(event) {
  const { approvalId, decision, optionId } = event.data;
  if (decision === 'approved' && typeof optionId === 'string' && typeof approvalId === 'string') chosenOptions.set(`${event.tenantId}/${approvalId}`, optionId);
}

/** The item's meta with the option its approval was approved with chosen, at that option's price (approved only). */
function withChosenOption(event, meta, approved) {
  const key = `${event.tenantId}/${event.data.approvalId}`;
  const optionId = chosenOptions.get(key);
  chosenOptions.delete(key);
  const option = approved && optionId !== undefined && Array.isArray(meta?.options) ? meta.options.find((o) => o && o.id === optionId) : undefined;
  if (!option) return meta;
  return { ...meta, chosenOptionId: optionId, ...(typeof option.price === 'number' ? { price: option.price } : {}) };
}
