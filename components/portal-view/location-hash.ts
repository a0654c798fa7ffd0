/**
 * The portal's place in `location.hash` (`#sg-project=p-1&sg-module=invoices`), for the
 * `sync-hash` attribute. Other parameters a host keeps in the hash are left as they are.
 */
const PROJECT = 'sg-project';
const MODULE = 'sg-module';

const params = (): URLSearchParams => new URLSearchParams(location.hash.replace(/^#/, ''));

export function readHash(): { projectId?: string; module?: string } {
  const p = params();
  return { projectId: p.get(PROJECT) ?? undefined, module: p.get(MODULE) ?? undefined };
}

/** Replaces the entry (no new history step per click); a reload lands on the same place. */
export function writeHash(projectId: string, module: string | undefined): void {
  const p = params();
  if (projectId) p.set(PROJECT, projectId);
  else p.delete(PROJECT);
  if (module) p.set(MODULE, module);
  else p.delete(MODULE);
  const hash = p.toString();
  if (hash === location.hash.replace(/^#/, '')) return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`);
}
