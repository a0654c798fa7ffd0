import type { StaffActor } from '../model/actor.js';
import type { Portal } from '../portal/create-portal.js';

/** The password every seeded account signs in with. */
export const MOCK_PASSWORD = 'portal-password';

/** The latest invite token mailed to `email`, read from the captured mail. */
export type TokenReader = (email: string) => string | undefined;

/**
 * A tenant that looks lived-in: clients in every status, shared folders, items, daily logs,
 * schedules and an update — so a UI under test has something to show from the first render.
 * `shiftClock` moves the mock's clock, which is how one invite gets to be expired.
 */
export async function seedPortal(portal: Portal, staff: StaffActor, tokenOf: TokenReader, shiftClock: (ms: number) => void): Promise<void> {
  const day = 24 * 60 * 60 * 1000;
  const accept = async (email: string) => {
    await portal.outbox.flush();
    const token = tokenOf(email);
    if (!token) throw new Error(`sitegate mocks: no invite mail to ${email}`);
    return portal.invites.accept(token, { password: MOCK_PASSWORD });
  };

  // Sent 15 days ago, so it shows as expired today.
  shiftClock(-15 * day);
  await portal.clients.add(staff, { email: 'gus@example.com', name: 'Gus Expired', projectIds: ['p-oak'] });
  await portal.outbox.flush();
  shiftClock(15 * day);

  await portal.clients.add(staff, { email: 'dana@example.com', name: 'Dana Client', projectIds: ['p-maple', 'p-harbor'] });
  await accept('dana@example.com');
  await portal.clients.add(staff, { email: 'eli@example.com', name: 'Eli Invited', projectIds: ['p-maple'] });
  await portal.clients.add(staff, { email: 'fay@example.com', name: 'Fay Prospect', projectIds: ['p-oak'], invite: false });
  const hal = await portal.clients.add(staff, { email: 'hal@example.com', name: 'Hal Disabled', projectIds: ['p-harbor'] });
  await accept('hal@example.com');
  await portal.clients.update(staff, hal.id, { portalAccess: false });
  await portal.outbox.flush();

  await portal.shares.share(staff, 'p-maple', [
    { module: 'documents', id: 'd-contracts', kind: 'folder' },
    { module: 'drawings', id: 'dr-a101', kind: 'item' },
    { module: 'photos', id: 'ph-week1', kind: 'folder' },
    { module: 'dailyLogs', id: 'dl-1', kind: 'item' },
    { module: 'dailyLogs', id: 'dl-2', kind: 'item' },
    { module: 'reports', id: 'r-inspection', kind: 'item' },
    { module: 'schedule', id: 'schedule', kind: 'item' },
  ]);
  await portal.shares.share(staff, 'p-harbor', [
    { module: 'documents', id: 'd-contracts', kind: 'folder' },
    { module: 'schedule', id: 'schedule', kind: 'item' },
  ]);
  await portal.updates.publish(staff, 'p-maple', {
    title: 'Foundation poured',
    body: 'The foundation was poured on Monday. Framing starts in two weeks.',
    resources: [{ module: 'photos', id: 'ph-1' }],
  });
}
