import type { Client } from '../../src/model/client.js';
import type { SgStrings } from '../i18n/en.js';

/**
 * The usual reasons a mail server or adapter gives, in plain words. The outbox records the
 * adapter's own message (`SMTP 550 (RCPT): …: 5.1.1 User unknown`, `SMTP ECONNECTION/ECONNREFUSED: …`),
 * so these match on SMTP enhanced status codes and the words servers commonly use. The first
 * match wins: spam before "rejected", since a spam refusal often says "rejected" too.
 */
const REASONS: [RegExp, keyof SgStrings][] = [
  [/spam|junk|block ?list|black ?list|reputation|5\.7\.1\b/i, 'deliverySpam'],
  [/ENOTFOUND|NXDOMAIN|no mx|(domain|host) (not found|does not exist|unknown)|5\.1\.(2|10)\b/i, 'deliveryNoDomain'],
  [/mailbox (is )?full|quota|5\.2\.2\b/i, 'deliveryMailboxFull'],
  [/unknown (user|recipient)|user unknown|no such|not found|does not exist|mailbox unavailable|recipient .*rejected|5\.1\.1\b/i, 'deliveryNoMailbox'],
  [/E(CONN|HOSTUNREACH|NETUNREACH|AI_AGAIN|SOCKET|TIMEDOUT)|timed? ?out|unreachable|did not answer|aborted/i, 'deliveryUnreachable'],
  [/expired before/i, 'deliveryExpired'],
];

/** The reason in plain words, or undefined when it is none of the usual ones. */
export function plainReason(raw: string | undefined): keyof SgStrings | undefined {
  return raw ? REASONS.find(([re]) => re.test(raw))?.[1] : undefined;
}

/** The server's words without the outbox's own prefix. */
export const rawReason = (client: Client): string => (client.inviteDelivery?.reason ?? '').replace(/^retrying: /, '');

/** The invite mail is still on its way (queued, or waiting to be retried): worth asking again. */
export const inFlight = (client: Client): boolean => client.inviteDelivery?.state === 'queued';
