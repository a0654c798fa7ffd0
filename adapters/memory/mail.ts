import type { Mail, MailMessage, MailReceipt } from '../../src/ports/mail.js';

export interface MemoryMail extends Mail {
  /** Every message sent, oldest first. */
  readonly messages: MailMessage[];
  /** Forgets the captured messages. */
  clear(): void;
}

/** Keeps sent mail in memory: for tests and the demo's outbox page. */
export function memoryMail(): MemoryMail {
  const messages: MailMessage[] = [];
  let counter = 0;
  return {
    name: 'memory',
    messages,
    async send(message): Promise<MailReceipt> {
      messages.push(structuredClone(message));
      return { providerId: `memory-${++counter}` };
    },
    clear() {
      messages.length = 0;
    },
  };
}

/** Prints each mail to the console (or `log`) — for local development. */
export function consoleMail(log: (line: string) => void = console.log): Mail {
  return {
    name: 'console',
    async send(message) {
      log(`--- mail to ${message.to}: ${message.subject}\n${message.text}\n---`);
      return {};
    },
  };
}
