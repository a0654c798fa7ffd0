import { ConflictError } from '../../src/errors/ConflictError.js';
import type { StoredEvent } from '../../src/model/portal-event.js';
import type { EventStore } from '../../src/ports/storage.js';
import { copyRecord } from '../../src/model/copy-record.js';
import { k, Table } from './table.js';
import { deleteEnded, endedBy, type MemoryPurgers } from './retention.js';
import { countBacklog } from '../../src/ports/count-backlog.js';

/** The stored event and its place in the tenant's queue (insertion order), kept inside the adapter. */
type Row = StoredEvent & { seq: number };

const open = (e: StoredEvent) => e.state === 'pending' || e.state === 'delivering';
const strip = ({ seq: _seq, ...event }: Row): StoredEvent => copyRecord(event);

/**
 * Events for the host in memory; `record` is the journal hook of `memoryOps`, so transactions
 * undo them too. Registers in `purgers` how delivered and failed events are purged.
 */
export function memoryEventOps(record: () => ((undo: () => void) => void) | undefined, purgers: MemoryPurgers): EventStore {
  const events = new Table<Row>((e) => k(e.tenantId, e.id), record).index('tenant', (e) => e.tenantId);
  // Gaps left by rolled-back inserts are harmless: only the order matters.
  let seq = 0;
  purgers.events = (query) => deleteEnded(events, query, (e) => !open(e) && endedBy(e.updatedAt, query));

  return {
    async insertEvent(event) {
      if (events.get(k(event.tenantId, event.id))) throw new ConflictError(`Event ${event.id} already exists`);
      events.put({ ...event, seq: ++seq });
    },
    async listEvents(tenantId, query = {}) {
      return events
        .peekBy('tenant', tenantId)
        .filter((e) => !query.state || e.state === query.state)
        .sort((a, b) => a.seq - b.seq)
        .map(strip);
    },
    async claimEvents(now, limit, leaseUntil, tenantId) {
      if (limit <= 0) return [];
      // Each tenant's head: its first event not yet delivered or given up.
      const heads = new Map<string, Row>();
      for (const e of events.rows.values()) {
        if (!open(e) || (tenantId !== undefined && e.tenantId !== tenantId)) continue;
        const head = heads.get(e.tenantId);
        if (!head || e.seq < head.seq) heads.set(e.tenantId, e);
      }
      const due = [...heads.values()]
        .filter((e) => e.runAt.getTime() <= now.getTime())
        .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.seq - b.seq)
        .slice(0, limit);
      return due.map((e) => {
        const claimed: Row = { ...e, state: 'delivering', attempts: e.attempts + 1, runAt: leaseUntil, updatedAt: now };
        events.put(claimed);
        return strip(claimed);
      });
    },
    async settleEvent(tenantId, eventId, attempts, outcome) {
      const current = events.get(k(tenantId, eventId));
      if (!current || current.state !== 'delivering' || current.attempts !== attempts) return false;
      const { lastError: _previous, ...rest } = current;
      const { lastError, ...settled } = outcome;
      events.put({ ...rest, ...settled, ...(lastError === undefined ? {} : { lastError }) });
      return true;
    },
    async eventBacklog(now, tenantId) {
      return countBacklog(tenantId === undefined ? events.rows.values() : events.peekBy('tenant', tenantId), now, 'delivering');
    },
    async retryFailedEvents(tenantId, now, ids) {
      const only = ids && new Set(ids);
      const queue = events.peekBy('tenant', tenantId);
      const failed = queue.filter((e) => e.state === 'failed' && (!only || only.has(e.id)));
      // Due once the tenant's event in flight is settled or its lease lapses (see the port).
      const runAt = new Date(Math.max(now.getTime(), ...queue.filter((e) => e.state === 'delivering').map((e) => e.runAt.getTime())));
      for (const e of failed) events.put({ ...e, state: 'pending', attempts: 0, runAt, updatedAt: now });
      return failed.length;
    },
  };
}
