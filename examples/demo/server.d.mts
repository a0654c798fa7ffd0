import type { Portal, PortalOptions } from 'sitegate';

export interface DemoOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  smtpUrl?: string;
  log?: (line: string) => void;
  rateLimit?: unknown;
  portalOptions?: Partial<PortalOptions>;
  /** Node server timeouts; defaults in headers.mjs (SERVER_TIMEOUTS). */
  timeouts?: { headersMs?: number; requestMs?: number; keepAliveMs?: number; checkIntervalMs?: number };
}

export interface DemoMessage {
  to: string;
  subject: string;
  text: string;
  sentAt?: string;
  /** A digest's `List-Unsubscribe` header (`<url>`). */
  listUnsubscribe?: string;
}

/** An event the demo host's `onEvent` heard, as the events page shows it. */
export interface DemoHeardEvent {
  id: string;
  tenantId: string;
  type: string;
  /** ISO time. */
  at: string;
  data: Record<string, unknown>;
}

export interface Demo {
  url: string;
  portal: Portal;
  mail: { messages: DemoMessage[] };
  /** What the host's `onEvent` heard, oldest first (the latest 200). */
  heard: { events: DemoHeardEvent[] };
  content: import('sitegate/adapters/memory').MemoryContent;
  close(): Promise<void>;
}

export function startDemo(options?: DemoOptions): Promise<Demo>;
export function latestToken(mail: { messages: DemoMessage[] }, email: string): string | undefined;
