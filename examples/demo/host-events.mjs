// The demo host's `onEvent`: what a platform would forward to a webhook or its CRM. The demo
// keeps the latest 200 events it heard in a JSON file, readable by its owner only, for the dev
// events page. Delivery is at least once: an event heard again (same id) is kept once.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEPT = 200;

export function hostEvents(file) {
  const events = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const save = () => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    events.splice(0, Math.max(0, events.length - KEPT));
    writeFileSync(file, JSON.stringify(events, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  };
  return {
    events,
    /** @param {import('sitegate').TypedPortalEvent} event */
    onEvent(event) {
      if (events.some((heard) => heard.id === event.id)) return;
      events.push({ id: event.id, type: event.type, at: event.at.toISOString(), data: event.data });
      save();
    },
  };
}
