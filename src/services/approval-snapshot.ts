import type { ApprovalSnapshot } from '../model/approval.js';
import type { Resource } from '../model/resource.js';
import { sha256Hex } from '../tokens/sha256.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * A value as canonical JSON: object keys sorted (by UTF-16 code units, the same in every
 * process), members whose value is `undefined` left out, dates as ISO strings, and numbers that
 * JSON cannot hold (NaN, Infinity) as `null`, as `JSON.stringify` writes them. The same value
 * always gives the same text, whatever order the host built its objects in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  // `Array.from` visits holes too (as undefined, so `null`); `map` would skip them and leave `,,`.
  if (Array.isArray(value)) return `[${Array.from(value, (v) => canonicalJson(v)).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined && typeof value[k] !== 'function')
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value) ?? 'null';
}

/** NUL and unpaired surrogates (see model/text.ts): no store keeps them as given. */
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/gu;

/** Every string of a JSON value with what no store can keep replaced by U+FFFD. */
const storable = (value: unknown): unknown => {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD');
  if (Array.isArray(value)) return value.map(storable);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v)]));
  return value;
};

/**
 * A plain-JSON copy (what storage keeps and the wire carries), so the stored snapshot hashes
 * the same. A host's text with NUL or a lone surrogate would fail in one store and be altered
 * in another: it is replaced here, the same way at request and at decision, so hashes agree.
 */
const plain = (value: unknown): unknown => storable(JSON.parse(canonicalJson(value)));

/**
 * What an approval freezes of a resource: name, status, amount, currency, options and meta, as
 * the content source resolves it now. `updatedAt` and `url` are left out: a host touching a
 * timestamp or re-signing a file URL has not changed what was asked.
 */
export function snapshotOf(resource: Resource, tenantCurrency?: string): ApprovalSnapshot {
  const meta = isRecord(resource.meta) ? (plain(resource.meta) as Record<string, unknown>) : undefined;
  const amount = typeof meta?.amount === 'number' ? meta.amount : typeof meta?.price === 'number' ? meta.price : undefined;
  const currency = typeof meta?.currency === 'string' ? meta.currency : tenantCurrency;
  const options = Array.isArray(meta?.options) ? (meta.options as unknown[]).filter(isRecord) : undefined;
  const snapshot: ApprovalSnapshot = {
    module: resource.module,
    id: resource.id,
    name: storable(resource.name) as string,
    ...(resource.status === undefined ? {} : { status: storable(resource.status) as string }),
    ...(amount === undefined ? {} : { amount }),
    ...(currency === undefined ? {} : { currency }),
    ...(options === undefined ? {} : { options }),
    ...(meta === undefined ? {} : { meta }),
  };
  return snapshot;
}

/** SHA-256 (lower-case hex) of the snapshot's canonical JSON. */
export function snapshotHash(snapshot: ApprovalSnapshot): string {
  return sha256Hex(canonicalJson(snapshot));
}

/** The ids of the snapshot's options (a selection's choices), as strings. */
export function optionIds(snapshot: ApprovalSnapshot): string[] {
  return (snapshot.options ?? []).flatMap((o) => (typeof o.id === 'string' || typeof o.id === 'number' ? [String(o.id)] : []));
}
