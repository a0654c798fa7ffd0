import { toBase64Url } from './encoding.js';

/** Random, URL-safe record ids (128 bits) with a readable prefix: `cl_…`, `sh_…`. */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `${prefix}_${toBase64Url(bytes)}`;
}
