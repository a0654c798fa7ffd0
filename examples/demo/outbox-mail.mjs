// The demo's mail: every message is kept in a JSON file so the dev outbox page can list it,
// across restarts. With SMTP_URL set, messages also go out over SMTP.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function outboxMail(file, forward) {
  const messages = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const save = () => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(messages.slice(-200), null, 2));
  };
  return {
    name: forward ? `outbox+${forward.name}` : 'outbox',
    messages,
    async send(message) {
      const receipt = forward ? await forward.send(message) : { providerId: `demo-${messages.length + 1}` };
      messages.push({ ...message, sentAt: new Date().toISOString() });
      save();
      return receipt;
    },
  };
}
