import type { MailJob } from '../model/outbox.js';

/**
 * The domain of the Message-IDs sitegate writes. The core does not know the sending domain, so
 * it names one reserved never to exist (`.invalid`, RFC 2606) that still has a dot: spam filters
 * score a Message-ID whose domain has none (SpamAssassin MSGID_NOFQDN1). A mail adapter that
 * knows its From address puts that domain in its place (`smtpMail` does).
 */
export const MESSAGE_ID_DOMAIN = 'sitegate.invalid';

/**
 * The Message-ID of one attempt of a mail job: each attempt carries a freshly minted link, so
 * two attempts are different messages (RFC 5322) that a receiving server must not fold into one.
 */
export function messageIdOf(job: Pick<MailJob, 'id' | 'attempts'>): string {
  return `<${job.id}.${job.attempts}@${MESSAGE_ID_DOMAIN}>`;
}
