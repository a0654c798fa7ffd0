import type { Client, Portal, StaffActor } from 'sitegate';

export const demoStaff: StaffActor;
export const DEMO_CLIENT: { email: string; password: string };
export const DEMO_CO_OWNER: { email: string; password: string };
export function seedIfEmpty(portal: Portal, options: { acceptToken: (email: string) => string | undefined }): Promise<Client | false>;
