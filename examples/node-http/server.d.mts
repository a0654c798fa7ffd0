// Types of server.mjs, for hosts' (and our tests') TypeScript.
import type { PasswordHasher, Portal } from 'sitegate';
import type { MemoryMail } from 'sitegate/adapters/memory';

export interface RunningApp {
  url: string;
  portal: Portal;
  mail: MemoryMail;
  server: import('node:http').Server;
  close(): Promise<void>;
}

export function start(options?: { port?: number; host?: string; passwords?: PasswordHasher }): Promise<RunningApp>;
