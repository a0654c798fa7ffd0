import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailError } from '../errors/MailError.js';
import type { Mail, MailMessage } from '../ports/mail.js';

/** A message as the receiving side saw it. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * The headers received, the first value of each. Names in any case: the suite compares them in
   * lower case. Absent is read as none (so `memoryMail().messages` can be passed as they are).
   */
  headers?: Record<string, string>;
  messageId?: string;
}

export interface MailConformanceOptions {
  /** Shown in the suite title. */
  name: string;
  /** A fresh adapter for each test. */
  create: () => Mail | Promise<Mail>;
  /** What has arrived so far, oldest first. The suite tells its tests apart by recipient, so old mail may stay. */
  inbox: () => ReceivedMail[] | Promise<ReceivedMail[]>;
  /** Called after each test with the adapter from `create` (close pools and sockets here). */
  dispose?: (mail: Mail) => void | Promise<void>;
  /**
   * Adapters set up to fail (e.g. a server answering 550; a port where nothing listens), to
   * check that failures are `MailError`s with the right `permanent` flag. Each is optional.
   */
  failing?: {
    permanent?: () => Mail | Promise<Mail>;
    transient?: () => Mail | Promise<Mail>;
  };
  /** How long a sent message may take to show up in the inbox. Default 5 s. */
  timeoutMs?: number;
}

let sequence = 0;

/** The message with its header names in lower case (header names are case-insensitive, RFC 5322). */
function lowerCaseHeaders(received: ReceivedMail): ReceivedMail & { headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(received.headers ?? {})) headers[name.toLowerCase()] ??= value;
  return { ...received, headers };
}

/** `MailError` from this copy of the package or another one (checks `name` too, like `isSitegateError`). */
function isMailError(error: unknown): error is MailError {
  return error instanceof MailError || (error instanceof Error && error.name === 'MailError' && typeof (error as MailError).permanent === 'boolean');
}

/**
 * The published test suite for mail adapters: run it in a vitest file with your adapter and a
 * way to read what it delivered.
 *
 * @example
 * import { mailConformance } from 'sitegate/testing';
 * import { memoryMail } from 'sitegate/adapters/memory';
 * const mail = memoryMail();
 * mailConformance({ name: 'memory', create: () => mail, inbox: () => mail.messages });
 */
export function mailConformance(options: MailConformanceOptions): void {
  const timeoutMs = options.timeoutMs ?? 5000;

  describe(`mail adapter conformance: ${options.name}`, () => {
    let mail: Mail;
    let to: string;

    beforeEach(async () => {
      mail = await options.create();
      to = `conformance-${++sequence}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    });
    afterEach(async () => {
      await options.dispose?.(mail);
    });

    const message = (over: Partial<MailMessage> = {}): MailMessage => ({
      to,
      subject: 'Your client portal invite',
      text: 'Hello,\n\nAccept the invite: https://builder.example/accept?token=abc\n',
      html: '<p>Hello,</p><p><a href="https://builder.example/accept?token=abc">Accept invite</a></p>',
      headers: { 'X-Sitegate-Invite': 'in_conformance' },
      messageId: `<mj_conformance_${sequence}.1@sitegate>`,
      ...over,
    });

    /** The messages for this test's recipient, once `count` have arrived. */
    async function received(count = 1): Promise<Array<ReceivedMail & { headers: Record<string, string> }>> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mine = (await options.inbox()).filter((m) => m.to.toLowerCase() === to).map(lowerCaseHeaders);
        if (mine.length >= count || Date.now() > deadline) return mine;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    const plain = (html: string) => html.replace(/\r\n/g, '\n');

    it('delivers to, subject, text and html', async () => {
      const sent = message();
      await mail.send(sent);
      const [got] = await received();
      expect(got, 'nothing arrived for the recipient').toBeDefined();
      expect(got!.subject).toBe(sent.subject);
      expect(plain(got!.text).trim()).toBe(sent.text.trim());
      expect(plain(got!.html)).toContain('<a href="https://builder.example/accept?token=abc">Accept invite</a>');
    });

    it('passes the extra headers and the message id through', async () => {
      const sent = message();
      await mail.send(sent);
      const [got] = await received();
      expect(got!.headers['x-sitegate-invite']).toBe('in_conformance');
      expect(got!.messageId?.replace(/^<|>$/g, '')).toBe(sent.messageId.replace(/^<|>$/g, ''));
    });

    it('keeps non-ASCII text intact', async () => {
      const sent = message({ subject: 'Bâtiment Ørsted — rénovation ✓', text: 'Grüße aus der Baustelle 🏗️\n', html: '<p>Façade &amp; toit — 完成</p>' });
      await mail.send(sent);
      const [got] = await received();
      expect(got!.subject).toBe(sent.subject);
      expect(plain(got!.text).trim()).toBe(sent.text.trim());
      expect(plain(got!.html)).toContain('<p>Façade &amp; toit — 完成</p>');
    });

    it('keeps long lines and lines that start with a dot', async () => {
      const long = `<p>${'x'.repeat(2500)}</p>`;
      const sent = message({ text: 'line one\n.\n..two dots\n.end\n', html: long });
      await mail.send(sent);
      const [got] = await received();
      expect(plain(got!.text).trim()).toBe(sent.text.trim());
      expect(plain(got!.html).replace(/\n/g, '')).toContain(long);
    });

    it('resolves with a receipt whose providerId, if any, is a non-empty string', async () => {
      const receipt = await mail.send(message());
      expect(receipt).toBeTypeOf('object');
      if (receipt.providerId !== undefined) {
        expect(receipt.providerId).toBeTypeOf('string');
        expect(receipt.providerId.length).toBeGreaterThan(0);
      }
    });

    it('delivers each message once, in order', async () => {
      for (const n of [1, 2, 3]) await mail.send(message({ subject: `message ${n}`, messageId: `<mj_order_${sequence}.${n}@sitegate>` }));
      const got = await received(3);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await received(3)).map((m) => m.subject)).toEqual(['message 1', 'message 2', 'message 3']);
      expect(got).toHaveLength(3);
    });

    it('never lets a CR/LF in the subject or a header value start a header of its own', async () => {
      await mail.send(message({ subject: 'Hello\r\nBcc: attacker@example.net', headers: { 'X-Sitegate-Invite': 'in_1\r\nBcc: attacker@example.net' } }));
      const [got] = await received();
      expect(got).toBeDefined();
      expect(Object.keys(got!.headers)).not.toContain('bcc');
      const all = await options.inbox();
      expect(all.some((m) => m.to.toLowerCase() === 'attacker@example.net')).toBe(false);
    });

    if (options.failing?.permanent) {
      const create = options.failing.permanent;
      it('reports a permanent failure as a MailError with permanent: true', async () => {
        const failing = await create();
        try {
          const error = await failing.send(message()).then(() => null, (e: unknown) => e);
          expect(isMailError(error), `expected a MailError, got ${String(error)}`).toBe(true);
          expect((error as MailError).permanent).toBe(true);
          expect((error as MailError).code).toBe('mail_failed');
        } finally {
          await options.dispose?.(failing);
        }
      });
    }

    if (options.failing?.transient) {
      const create = options.failing.transient;
      it('reports a transient failure as a MailError with permanent: false', async () => {
        const failing = await create();
        try {
          const error = await failing.send(message()).then(() => null, (e: unknown) => e);
          expect(isMailError(error), `expected a MailError, got ${String(error)}`).toBe(true);
          expect((error as MailError).permanent).toBe(false);
        } finally {
          await options.dispose?.(failing);
        }
      });
    }
  });
}
