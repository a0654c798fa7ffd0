import type { TenantBrand } from './brand.js';
import { portalTenant } from './portal-tenant.js';
import type { TenantSettings } from './tenant.js';

/**
 * What a public page (sign-in, password reset, invite) may learn of a builder: its name and
 * brand, nothing else (not its modules, currency or sign-in methods). An unknown tenant is `{}`.
 */
export interface TenantLook {
  name?: string;
  brand?: TenantBrand;
}

/** The name and brand (`brand`, else the older `branding`) from the host's settings. */
export function tenantLook(settings: TenantSettings): TenantLook & { name: string } {
  const { name, brand } = portalTenant(settings);
  return brand ? { name, brand } : { name };
}
