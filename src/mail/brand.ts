import type { TenantSettings } from '../model/tenant.js';
import { safeColor, safeUrl } from './escape.js';

const DEFAULT_COLOR = '#1f6feb';

/** `#abc` → `#aabbcc`; anything else as it is (`safeColor` then decides). */
function longHex(value: string | undefined): string | undefined {
  return value && /^#[0-9a-fA-F]{3}$/.test(value) ? `#${[...value.slice(1)].map((c) => c + c).join('')}` : value;
}

/**
 * The colour and logo an email is drawn with: `brand` (the pages' branding) wins, member by
 * member, over the older `branding`; only a hex colour and an http(s) logo are used.
 */
export function emailBrand(tenant: TenantSettings): { color: string; logo: string | undefined } {
  const color = safeColor(longHex(tenant.brand?.accentColor), '') || safeColor(tenant.branding?.color, DEFAULT_COLOR);
  return { color, logo: safeUrl(tenant.brand?.logoUrl) ?? safeUrl(tenant.branding?.logoUrl) };
}
