import { scryptAsync } from '@noble/hashes/scrypt.js';
import { constantTimeEqual, fromBase64Url, toBase64Url } from './encoding.js';

/** Hashes and verifies client passwords. Injectable, so hosts can bring their own. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export interface ScryptParams {
  /** CPU/memory cost, a power of two. OWASP: 2^17. */
  N: number;
  r: number;
  p: number;
}

/** OWASP Password Storage Cheat Sheet: scrypt N=2^17, r=8, p=1. */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

type NodeScrypt = (
  password: string,
  salt: Uint8Array,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
  callback: (error: Error | null, key: Uint8Array) => void,
) => void;

/**
 * Node's native scrypt runs on the libuv pool and leaves the event loop free; browsers (the msw
 * mocks run the core there) get the audited pure-JS one. `getBuiltinModule` avoids a static
 * `node:` import, so this file bundles for any platform.
 */
function nativeScrypt(): NodeScrypt | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:crypto') as { scrypt?: NodeScrypt } | undefined;
  return mod?.scrypt;
}

async function derive(password: string, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  const native = nativeScrypt();
  if (native) {
    return new Promise((resolve, reject) =>
      native(password, salt, KEY_BYTES, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error, key) =>
        error ? reject(error) : resolve(new Uint8Array(key)),
      ),
    );
  }
  return scryptAsync(password, salt, { ...params, dkLen: KEY_BYTES });
}

/**
 * scrypt password hashing. The parameters are stored with each hash
 * (`scrypt$N$r$p$salt$key`), so raising them later still verifies old hashes.
 */
export function scryptPasswords(params: ScryptParams = OWASP_SCRYPT): PasswordHasher {
  return {
    async hash(password) {
      const salt = new Uint8Array(SALT_BYTES);
      crypto.getRandomValues(salt);
      const key = await derive(password.normalize('NFKC'), salt, params);
      return ['scrypt', params.N, params.r, params.p, toBase64Url(salt), toBase64Url(key)].join('$');
    },
    async verify(password, stored) {
      const [scheme, n, r, p, saltText, keyText] = stored.split('$');
      const salt = saltText ? fromBase64Url(saltText) : null;
      if (scheme !== 'scrypt' || !salt || !keyText) return false;
      const stored_params = { N: Number(n), r: Number(r), p: Number(p) };
      if (![stored_params.N, stored_params.r, stored_params.p].every((v) => Number.isInteger(v) && v > 0)) return false;
      const key = await derive(password.normalize('NFKC'), salt, stored_params);
      return constantTimeEqual(toBase64Url(key), keyText);
    },
  };
}
