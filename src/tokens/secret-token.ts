import { Id } from '../model/ids.js';
import { fromBase64Url, toBase64Url } from './encoding.js';
import { sha256Hex } from './sha256.js';

/** 32 bytes = 256 bits from the platform CSPRNG. */
const SECRET_BYTES = 32;

/**
 * Invite and session tokens are `<tenant>.<secret>`: the tenant part (base64url of the tenant id)
 * routes the lookup to the tenant's rows, so every index can lead with `tenant_id`; the secret
 * is 256 random bits. Only the SHA-256 of the whole token is stored.
 */
export interface ParsedToken {
  tenantId: string;
  token: string;
}

export function mintToken(tenantId: string): string {
  const secret = new Uint8Array(SECRET_BYTES);
  crypto.getRandomValues(secret);
  return `${toBase64Url(new TextEncoder().encode(tenantId))}.${toBase64Url(secret)}`;
}

/** base64url of 32 bytes, unpadded: 43 characters, the last one carrying 2 zero bits. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * Splits a token, or `null` for anything that cannot be one. The shape is checked in full
 * before any lookup: the tenant part must be the canonical base64url of a valid tenant id and
 * the secret exactly 256 bits of canonical base64url. So a token whose tenant part decodes to
 * NUL or garbage never reaches storage, and is answered like an unknown token.
 */
export function parseToken(token: unknown): ParsedToken | null {
  if (typeof token !== 'string' || token.length > 600) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const tenantPart = token.slice(0, dot);
  if (!SECRET_SHAPE.test(token.slice(dot + 1))) return null;
  const tenantBytes = fromBase64Url(tenantPart);
  if (!tenantBytes || toBase64Url(tenantBytes) !== tenantPart) return null;
  let tenantId: string;
  try {
    tenantId = new TextDecoder('utf-8', { fatal: true }).decode(tenantBytes);
  } catch {
    return null;
  }
  if (!Id.safeParse(tenantId).success) return null;
  return { tenantId, token };
}

/**
 * SHA-256 of the token, hex: what storage keeps and looks up by. Synchronous, so a session
 * lookup never queues behind password hashing on libuv's thread pool.
 */
export function hashToken(token: string): string {
  return sha256Hex(token);
}
