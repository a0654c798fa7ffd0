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

export interface ConsoleMailOptions {
  /** Where lines go. Default `console.log`. */
  log?: (line: string) => void;
  /**
   * Print links with their tokens. Default false: tokens are replaced by `[redacted]`, because
   * console output ends up in terminals, CI logs and log collectors, and a token there is a
   * working invite (or reset, or sign-in) link for whoever reads it.
   */
  revealTokens?: boolean;
}

/** Token values in links (`#token=…`, `?token=…`) and bare `<tenant>.<secret>` tokens. */
const TOKEN_IN_LINK = /([#?&;]token=)[^\s"'<>&]+/gi;
const BARE_TOKEN = /\b[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** The text with every token replaced by `[redacted]`. */
function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_LINK, '$1[redacted]').replace(BARE_TOKEN, '[redacted]');
}

/**
 * Prints each mail to the console (or `log`) — for local development. Tokens in links are
 * redacted unless `revealTokens: true`; to click through invites locally, keep the mail in
 * `memoryMail()` and read `messages`, or reveal tokens on a machine whose output nobody else reads.
 *
 * @example
 * consoleMail();                                  // subject and text, tokens redacted
 * consoleMail({ revealTokens: true, log: (line) => process.stderr.write(`${line}\n`) });
 */
export function consoleMail(options: ConsoleMailOptions | ((line: string) => void) = {}): Mail {
  const { log = console.log, revealTokens = false } = typeof options === 'function' ? { log: options } : options;
  return {
    name: 'console',
    async send(message) {
      const text = revealTokens ? message.text : redactTokens(message.text);
      log(`--- mail to ${message.to}: ${message.subject}\n${text}\n---`);
      return {};
    },
  };
}
