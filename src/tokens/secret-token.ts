import { fromBase64Url, toBase64Url, toHex } from './encoding.js';

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

/** Splits a token, or `null` for anything that cannot be one (garbage answers like unknown). */
export function parseToken(token: unknown): ParsedToken | null {
  if (typeof token !== 'string' || token.length > 600) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const tenantBytes = fromBase64Url(token.slice(0, dot));
  const secret = fromBase64Url(token.slice(dot + 1));
  if (!tenantBytes || !secret || secret.length !== SECRET_BYTES) return null;
  let tenantId: string;
  try {
    tenantId = new TextDecoder('utf-8', { fatal: true }).decode(tenantBytes);
  } catch {
    return null;
  }
  if (!tenantId) return null;
  return { tenantId, token };
}

/** SHA-256 of the token, hex: what storage keeps and looks up by. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return toHex(new Uint8Array(digest));
}
