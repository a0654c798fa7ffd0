import { html, nothing, type TemplateResult } from 'lit';
import type { TenantLook } from '../../src/model/tenant-look.js';
import type { PortalClient } from '../../src/client/types.js';
import { brandProperties, safeColor } from './safe-color.js';

/**
 * Puts the brand's colours on a page's card through the CSSOM (a strict CSP refuses style
 * attributes in markup): the accent in the theme whose surface it reads on, the top border always.
 * Call it after each render (`updated`); an empty value removes the property.
 */
export function paintBrand(card: HTMLElement | null | undefined, look: TenantLook | undefined): void {
  const properties = brandProperties(look?.brand?.accentColor);
  for (const name in properties) card?.style.setProperty(name, properties[name]!);
}

/** The card's classes: `branded` draws the brand colour on its top edge. */
export const cardClass = (look: TenantLook | undefined): string => (safeColor(look?.brand?.accentColor) ? 'card branded' : 'card');

/** Only an absolute http(s) URL is a logo; anything else (javascript:, data:, relative) is dropped. */
function logoUrl(value: unknown): string | undefined {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The builder's logo above a page's card content, named by its alt text; nothing without an http(s) logo. */
export function brandLogo(look: TenantLook | undefined): TemplateResult | typeof nothing {
  const logo = look?.brand?.logoUrl && logoUrl(look.brand.logoUrl);
  return logo ? html`<div class="brand"><img part="logo" class="logo" src=${logo} alt=${look?.name ?? ''} /></div>` : nothing;
}

/**
 * A builder's name and brand for a page that knows only its tenant id. A failure is not the
 * page's problem: it keeps the default look.
 */
export async function lookUp(client: PortalClient | undefined, tenantId: string): Promise<TenantLook | undefined> {
  if (!client || !tenantId) return undefined;
  try {
    return await client.tenants.look(tenantId);
  } catch {
    return undefined;
  }
}
