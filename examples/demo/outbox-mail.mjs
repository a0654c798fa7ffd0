// The demo's mail: every message is kept in a JSON file so the dev outbox page can list it,
// across restarts. With SMTP_URL set, messages also go out over SMTP.
//
// The file holds what the outbox page shows (recipient, subject, plain text, time) and nothing
// more: the HTML part repeats the invite link, so it is not kept. It is readable by its owner
// only, and holds the latest 200 messages.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEPT = 200;

export function outboxMail(file, forward) {
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  // Files written by older versions kept the HTML part too.
  const messages = stored.map(({ to, subject, text, sentAt, listUnsubscribe }) => ({ to, subject, text, sentAt, ...(listUnsubscribe ? { listUnsubscribe } : {}) }));
  const save = () => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    messages.splice(0, Math.max(0, messages.length - KEPT));
    writeFileSync(file, JSON.stringify(messages, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  };
  if (stored.some((m) => 'html' in m)) save();
  return {
    name: forward ? `outbox+${forward.name}` : 'outbox',
    messages,
    async send(message) {
      const receipt = forward ? await forward.send(message) : { providerId: `demo-${Date.now()}-${messages.length + 1}` };
      // A digest's one-click unsubscribe header, so the outbox page can show what a mailbox provider would post to.
      const listUnsubscribe = message.headers?.['List-Unsubscribe'];
      messages.push({ to: message.to, subject: message.subject, text: message.text, sentAt: new Date().toISOString(), ...(listUnsubscribe ? { listUnsubscribe } : {}) });
      save();
      return receipt;
    },
  };
}
