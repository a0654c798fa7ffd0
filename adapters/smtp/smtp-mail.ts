import { domainToASCII } from 'node:url';
import { createTransport, type SMTPPoolOptions, type SMTPTransportOptions } from 'nodemailer';
import { MailError } from '../../src/errors/MailError.js';
import { BIDI_CONTROLS } from '../../src/mail/escape.js';
import { MESSAGE_ID_DOMAIN } from '../../src/mail/message-id.js';
import type { Mail, MailMessage, MailReceipt } from '../../src/ports/mail.js';
import { toMailError } from './classify.js';

/** Where to send: a connection URL (`smtp://user:pass@host:587`, `smtps://…`, `?pool=true`) or nodemailer transport options. */
export type SmtpConnection = { url: string } | { transport: SMTPTransportOptions | SMTPPoolOptions };

export interface SmtpMailOptions {
  /**
   * The From address, e.g. `"Acme Builders" <portal@acme.example>`. Its domain also ends the
   * Message-ID of every email sitegate writes (`<jobId.attempt@acme.example>`).
   */
  from: string;
  /** Headers added to every message (the message's own headers win). */
  headers?: Record<string, string>;
  /**
   * The longest one send may take before it is aborted and reported as transient. Keep it below
   * the outbox lease (default 2 min) so a slow send never overlaps the retry of the same job.
   * Default 60 s.
   */
  sendTimeoutMs?: number;
  /** Adapter name in messages. Default `smtp`. */
  name?: string;
}

export interface SmtpMail extends Mail {
  /** Checks the connection and credentials; throws a `MailError` like `send` does. */
  verify(): Promise<void>;
  /** Closes pooled connections. Call it when the host shuts down. */
  close(): Promise<void>;
}

/**
 * nodemailer's own timeouts are long (2 min to connect, 10 min of socket silence); these keep a
 * dead server from holding a job past its lease. The host's explicit values win.
 */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 45_000 };

/**
 * Header values are one line: a CR or LF in a value would start a header of the sender's
 * choosing. Bidi embeddings, overrides and isolates go too: one left open in a name reverses
 * the rest of the subject or From line in the reader's inbox.
 */
function oneLine(value: string): string {
  return value.replace(BIDI_CONTROLS, '').replace(/[\r\n\t\0]+/g, ' ').trim();
}

/** The From address's domain in ASCII, when it is one a Message-ID can end in: with a dot. */
function domainOf(from: string): string | undefined {
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from;
  const at = address.lastIndexOf('@');
  const domain = at < 0 ? '' : domainToASCII(address.slice(at + 1).trim());
  return domain.includes('.') ? domain : undefined;
}

/**
 * The Message-ID as sent: one sitegate wrote (`…@sitegate.invalid`) under the From domain, so
 * the id names the sender's own domain; any other id as it came. Without a usable From domain
 * sitegate's id stays as it is, still with a dot in its domain.
 */
function messageIdFor(messageId: string, domain: string | undefined): string {
  const id = messageId.startsWith('<') ? messageId : `<${messageId}>`;
  const placeholder = `@${MESSAGE_ID_DOMAIN}>`;
  return domain && id.endsWith(placeholder) ? `${id.slice(0, -placeholder.length)}@${domain}>` : id;
}

/**
 * An SMTP URL, checked before any send: nodemailer would take a malformed or non-SMTP one as
 * "localhost:587" and fail each send as if the server were down, retried for ever.
 */
function checkSmtpUrl(url: unknown): void {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || !parsed.hostname) {
    throw new TypeError(`smtpMail: \`url\` must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:pass@smtp.example.com:587, not ${JSON.stringify(url)}`);
  }
}

function safeHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!-9;-~]+$/.test(name)) throw new MailError(`Invalid mail header name ${JSON.stringify(name)}`, { data: { permanent: true } });
    out[name] = oneLine(value);
  }
  return out;
}

/** The queue id from a reply such as `250 2.0.0 Ok: queued as 4XyZ12`, else the whole reply. */
function providerIdOf(response: string | undefined): string | undefined {
  if (!response) return undefined;
  const queued = /queued as\s+([^\s;]+)/i.exec(response);
  return queued ? queued[1] : response.trim().slice(0, 200);
}

/**
 * Sends mail over SMTP with nodemailer. Failures become `MailError`s whose `permanent` flag
 * tells the outbox whether to retry (see `toMailError`).
 *
 * @example
 * const mail = smtpMail({ url: 'smtp://user:pass@smtp.example.com:587', from: 'portal@acme.example' });
 * // or: smtpMail({ transport: { host, port, auth, pool: true } }, { from: 'portal@acme.example' })
 */
export function smtpMail(connection: SmtpConnection & SmtpMailOptions): SmtpMail;
/** The connection, and the options (`from` among them) apart. */
export function smtpMail(connection: SmtpConnection & Partial<SmtpMailOptions>, options: SmtpMailOptions): SmtpMail;
export function smtpMail(connection: SmtpConnection & Partial<SmtpMailOptions>, options?: SmtpMailOptions): SmtpMail {
  const settings = { ...connection, ...options };
  if (!settings.from) throw new TypeError('smtpMail: `from` is required');
  if (typeof settings.from !== 'string' || !/@[^\s@>]+/.test(settings.from)) throw new TypeError(`smtpMail: \`from\` must be an address, e.g. "Acme Builders" <portal@acme.example>, not ${JSON.stringify(settings.from)}`);
  const base = 'url' in connection ? { url: connection.url } : connection.transport;
  if (!base || ('url' in connection && !connection.url)) throw new TypeError('smtpMail: give `url` or `transport`');
  if ('url' in connection) checkSmtpUrl(connection.url);
  const transporter = createTransport({ ...TIMEOUTS, ...base } as SMTPTransportOptions);
  const sendTimeoutMs = settings.sendTimeoutMs ?? 60_000;
  const defaults = safeHeaders(settings.headers ?? {});
  const from = oneLine(settings.from);
  const domain = domainOf(from);

  return {
    name: settings.name ?? 'smtp',
    async send(message: MailMessage): Promise<MailReceipt> {
      const messageId = messageIdFor(message.messageId, domain);
      try {
        const info = await transporter.sendMail({
          from,
          // An address object, not a string: nodemailer would read `a@x, b@y` as two recipients.
          to: { name: '', address: message.to },
          subject: oneLine(message.subject),
          text: message.text,
          html: message.html,
          headers: { ...defaults, ...safeHeaders(message.headers ?? {}) },
          messageId,
          signal: AbortSignal.timeout(sendTimeoutMs),
        });
        if (info.rejected?.length && !info.accepted?.length) {
          throw new MailError(`SMTP: the server rejected ${info.rejected.join(', ')}`, { data: { permanent: true } });
        }
        const providerId = providerIdOf(info.response);
        return providerId ? { providerId } : {};
      } catch (error) {
        throw toMailError(error);
      }
    },
    async verify() {
      try {
        await transporter.verify();
      } catch (error) {
        throw toMailError(error);
      }
    },
    async close() {
      transporter.close();
    },
  };
}
