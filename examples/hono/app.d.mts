// Types of app.mjs, for hosts' (and our tests') TypeScript.
import type { Hono } from 'hono';
import type { PasswordHasher, Portal } from 'sitegate';
import type { MemoryMail } from 'sitegate/adapters/memory';

export function createApp(options?: { origin?: string; passwords?: PasswordHasher }): { app: Hono; portal: Portal; mail: MemoryMail };
