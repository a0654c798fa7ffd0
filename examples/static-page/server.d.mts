// Types of server.mjs, for hosts' (and our tests') TypeScript.
import type { PasswordHasher, Portal, StaffActor } from 'sitegate';
import type { MemoryMail } from 'sitegate/adapters/memory';

export const DEMO_CLIENT: { email: string; password: string };
export function bundleComponents(): Promise<Uint8Array>;
export function start(options?: { port?: number; host?: string; passwords?: PasswordHasher }): Promise<{
  url: string;
  portal: Portal;
  mail: MemoryMail;
  staff: StaffActor;
  close(): Promise<void>;
}>;
