/**
 * The portal's place in `location.hash` (`#sg-project=p-1&sg-module=invoices`), for the
 * `sync-hash` attribute. Other parameters a host keeps in the hash are left as they are.
 */
const PROJECT = 'sg-project';
const MODULE = 'sg-module';

const params = (): URLSearchParams => new URLSearchParams(location.hash.replace(/^#/, ''));

export function readHash(): { projectId?: string; module?: string } {
  // A server renderer runs `willUpdate` without a page: no place to read there.
  if (typeof location === 'undefined') return {};
  const p = params();
  return { projectId: p.get(PROJECT) ?? undefined, module: p.get(MODULE) ?? undefined };
}

/**
 * Writes the place; a reload lands on it. Another section replaces the entry (no history step
 * per click); another project chosen by the client is a step of its own (`step`), so Back
 * returns to the project before rather than leaving the page.
 */
export function writeHash(projectId: string, module: string | undefined, step = false): void {
  const p = params();
  if (projectId) p.set(PROJECT, projectId);
  else p.delete(PROJECT);
  if (module) p.set(MODULE, module);
  else p.delete(MODULE);
  const hash = p.toString();
  if (hash === location.hash.replace(/^#/, '')) return;
  const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`;
  if (step) history.pushState(null, '', url);
  else history.replaceState(history.state, '', url);
}
