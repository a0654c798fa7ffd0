import { refuseUnknownOptions } from '../kernel/known-options.js';

export interface FlushOptions {
  batchSize?: number;
  tenantId?: string;
}

export interface StartOptions {
  intervalMs?: number;
  batchSize?: number;
  tenantIds?: readonly string[];
}

const FLUSH: Record<keyof FlushOptions, true> = { batchSize: true, tenantId: true };
const START: Record<keyof StartOptions, true> = { intervalMs: true, batchSize: true, tenantIds: true };

/** A tenant id an outbox call may take: a non-empty string. */
export const isTenantId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Options given to an outbox call `where`: an object of known members, else a `TypeError`; none is `{}`. */
export function checkedOptions(where: string, options: unknown, known: Record<string, true>): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`${where}: options must be an object`);
  refuseUnknownOptions(where, options, known);
  return options as Record<string, unknown>;
}

/**
 * Refuses outbox options that would do something else than asked, with a `TypeError` naming
 * them: a batch of -1 or 2.5 jobs reached the claim as they were (the memory store took -1 as
 * "all but the last", SQL failed on 2.5), and a worker ticking every NaN ms spins.
 */
export function checkWorkerOptions(where: 'outbox.flush' | 'outbox.start', options: unknown): FlushOptions & StartOptions {
  const o = checkedOptions(where, options, where === 'outbox.flush' ? FLUSH : START) as FlushOptions & StartOptions;
  if (o.batchSize !== undefined && !(Number.isInteger(o.batchSize) && o.batchSize >= 1 && o.batchSize <= 1000)) {
    throw new TypeError(`${where}: batchSize must be a whole number from 1 to 1000 (got ${String(o.batchSize)})`);
  }
  if (o.intervalMs !== undefined && !(typeof o.intervalMs === 'number' && Number.isFinite(o.intervalMs) && o.intervalMs >= 0)) {
    throw new TypeError(`${where}: intervalMs must be a number of milliseconds, 0 or more (got ${String(o.intervalMs)})`);
  }
  if (o.tenantId !== undefined && !isTenantId(o.tenantId)) throw new TypeError(`${where}: tenantId must be a non-empty string`);
  if (o.tenantIds !== undefined && !(Array.isArray(o.tenantIds) && o.tenantIds.every(isTenantId))) {
    throw new TypeError(`${where}: tenantIds must be an array of non-empty strings`);
  }
  return o;
}
