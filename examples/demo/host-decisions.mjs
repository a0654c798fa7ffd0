// What the demo host does with a decision it hears: an approval settled in the portal settles the
// item in the host's own records, as a platform would update its change order or selection from
// the `approval.completed` event. Without it the item's status would still read "pending" beside
// an approval the client has just given.

/**
 * Sets the decided item's `status` (and `meta.status`, where the host keeps one) to the
 * approval's outcome. Other events, and items no longer in the content, are left alone.
 *
 * @param {import('sitegate/adapters/memory').MemoryContent} content
 * @param {{ type: string, tenantId: string, at: Date | string, data: Record<string, unknown> }} event
 */
export async function settleDecidedItem(content, event) {
  if (event.type !== 'approval.completed') return;
  const { projectId, module, id, status } = event.data;
  if (typeof projectId !== 'string' || typeof module !== 'string' || typeof id !== 'string' || (status !== 'approved' && status !== 'declined')) return;
  const [item] = await content.resolve(event.tenantId, [{ projectId, module, id }]);
  if (!item || item.status === status) return;
  const meta = item.meta && typeof item.meta.status === 'string' ? { ...item.meta, status } : item.meta;
  content.put({ ...item, status, ...(meta ? { meta } : {}), updatedAt: new Date(event.at) });
}
