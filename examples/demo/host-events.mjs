// The demo host's `onEvent`: what a platform would forward to a webhook or its CRM. The demo
// keeps the latest 200 events it heard in a JSON file, readable by its owner only, for the dev
// events page. Delivery is at least once: an event heard again (same id) among those kept is kept
// once; one redelivered after it left the 200 comes back as the newest.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEPT = 200;

/** An entry as `onEvent` stored it; anything else in the file is dropped. */
const isHeard = (e) => !!e && typeof e === 'object' && typeof e.id === 'string' && typeof e.type === 'string' && typeof e.at === 'string' && !!e.data && typeof e.data === 'object';

/**
 * The events kept from earlier runs. A file that cannot be read as a list (a demo stopped while
 * writing it, a hand edit) is set aside as `events.json.bad` with a line in the log, so the demo
 * starts with an empty list instead of not starting.
 */
function load(file, log) {
  if (!existsSync(file)) return [];
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(stored)) return stored.filter(isHeard);
  } catch {
    // set aside below
  }
  renameSync(file, `${file}.bad`);
  log(`[demo] ${file} could not be read as a list of events; moved to ${file}.bad`);
  return [];
}

export function hostEvents(file, log = console.log) {
  const events = load(file, log);
  // Written whole to a temporary file and renamed over the old one, so a stop mid-write leaves
  // the previous file, never half of one.
  const save = (list) => {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(list, null, 2), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
  };
  return {
    events,
    /** @param {import('sitegate').TypedPortalEvent} event */
    onEvent(event) {
      if (events.some((heard) => heard.id === event.id)) return;
      const heard = { id: event.id, tenantId: event.tenantId, type: event.type, at: event.at.toISOString(), data: event.data };
      const next = [...events, heard].slice(-KEPT);
      // Saved first: if writing fails, onEvent throws, the event is not kept, and its retry writes it.
      save(next);
      events.splice(0, events.length, ...next);
    },
  };
}
