import type { ContentFixture } from 'sitegate/adapters/memory';
import type { TenantSettings } from 'sitegate';

/** The demo builder's content, in the shape `memoryContent()` takes. */
export function demoContent(): ContentFixture;
export const DEMO_TENANT: string;
export const demoTenant: TenantSettings;
