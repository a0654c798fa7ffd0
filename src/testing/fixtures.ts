import type { ContentFixture } from '../../adapters/memory/content.js';
import type { StaffActor } from '../model/actor.js';
import { MODULES, type ModuleId } from '../model/modules.js';
import type { TenantSettings } from '../model/tenant.js';

/** Two builders, so every test can check that nothing crosses tenants. */
export const TENANT_A = 'acme';
export const TENANT_B = 'globex';

export const staffA: StaffActor = { type: 'staff', tenantId: TENANT_A, userId: 'u-alice' };
export const staffB: StaffActor = { type: 'staff', tenantId: TENANT_B, userId: 'u-bob' };

export const tenantSettings: Record<string, TenantSettings> = {
  [TENANT_A]: { name: 'Acme Builders', modules: [...MODULES] },
  [TENANT_B]: { name: 'Globex Homes', modules: ['documents', 'photos', 'updates'] },
};

const at = new Date('2026-01-05T09:00:00Z');
const res = (tenantId: string, projectId: string, module: ModuleId, id: string, name: string, extra: Record<string, unknown> = {}) => ({
  tenantId,
  projectId,
  module,
  id,
  kind: 'item' as const,
  name,
  updatedAt: at,
  ...extra,
});
const folder = (tenantId: string, projectId: string, module: ModuleId, id: string, name: string, parentId?: string) =>
  res(tenantId, projectId, module, id, name, { kind: 'folder', ...(parentId ? { parentId } : {}) });

/**
 * A small but complete content fixture: three Acme projects with content in every module, and
 * one Globex project whose ids deliberately reuse Acme's.
 */
export function sampleContent(): ContentFixture {
  const A = TENANT_A;
  return {
    projects: [
      { tenantId: A, id: 'p-maple', name: '12 Maple Street' },
      { tenantId: A, id: 'p-harbor', name: 'Harbor View Townhomes' },
      { tenantId: A, id: 'p-oak', name: 'Oak Lane Renovation' },
      { tenantId: TENANT_B, id: 'p-maple', name: 'Globex Maple Tower' },
    ],
    resources: [
      folder(A, 'p-maple', 'documents', 'd-contracts', 'Contracts'),
      res(A, 'p-maple', 'documents', 'd-contract', 'Building contract.pdf', { parentId: 'd-contracts', url: 'https://files.example/contract.pdf' }),
      folder(A, 'p-maple', 'documents', 'd-permits', 'Permits', 'd-contracts'),
      res(A, 'p-maple', 'documents', 'd-permit', 'Building permit.pdf', { parentId: 'd-permits' }),
      res(A, 'p-maple', 'documents', 'd-budget', 'Internal budget.xlsx'),
      res(A, 'p-maple', 'drawings', 'dr-a101', 'A-101 Floor plan', { meta: { revision: 'C', revisions: ['A', 'B', 'C'] } }),
      res(A, 'p-maple', 'drawings', 'dr-a201', 'A-201 Elevations', { meta: { revision: 'B' } }),
      res(A, 'p-maple', 'reports', 'r-inspection', 'Frame inspection', { status: 'completed' }),
      res(A, 'p-maple', 'reports', 'r-draft', 'Punch list (draft)', { status: 'draft' }),
      folder(A, 'p-maple', 'photos', 'ph-week1', 'Week 1'),
      res(A, 'p-maple', 'photos', 'ph-1', 'Foundation pour.jpg', { parentId: 'ph-week1', url: 'https://files.example/ph-1.jpg' }),
      res(A, 'p-maple', 'dailyLogs', 'dl-1', 'Daily log 2026-01-05', { meta: { weather: 'Sunny' } }),
      res(A, 'p-maple', 'dailyLogs', 'dl-2', 'Daily log 2026-01-06'),
      res(A, 'p-maple', 'dailyLogs', 'dl-3', 'Daily log 2026-01-07'),
      res(A, 'p-maple', 'schedule', 'schedule', 'Project schedule'),
      res(A, 'p-maple', 'selections', 'sel-tile', 'Kitchen tile', { status: 'pending' }),
      res(A, 'p-maple', 'changeOrders', 'co-1', 'CO-1 Extra outlet', { meta: { amount: 420 } }),
      res(A, 'p-maple', 'invoices', 'inv-1', 'Invoice #1001', { meta: { amount: 25000, currency: 'USD' } }),
      folder(A, 'p-harbor', 'documents', 'd-contracts', 'Harbor contracts'),
      res(A, 'p-harbor', 'documents', 'd-contract', 'Harbor contract.pdf', { parentId: 'd-contracts' }),
      res(A, 'p-harbor', 'schedule', 'schedule', 'Harbor schedule'),
      folder(TENANT_B, 'p-maple', 'documents', 'd-contracts', 'Globex contracts'),
      res(TENANT_B, 'p-maple', 'documents', 'd-contract', 'Globex contract.pdf', { parentId: 'd-contracts' }),
    ],
    schedules: {
      [`${A}/p-maple`]: {
        id: 'sch-v1',
        publishedAt: at,
        tasks: [
          { id: 't1', name: 'Foundation', start: '2026-01-05', end: '2026-01-16', progress: 100 },
          { id: 't2', name: 'Framing', start: '2026-01-19', end: '2026-02-13', progress: 20 },
        ],
      },
      [`${A}/p-harbor`]: { id: 'hs-v1', tasks: [{ id: 'h1', name: 'Site prep', start: '2026-02-01', end: '2026-02-10' }] },
    },
  };
}
