import type { MockPortal } from '../../../src/mocks/index.js';
import type { ModuleId } from '../../../src/model/modules.js';

const STAFF = { type: 'staff', tenantId: 'acme', userId: 'u-alice' } as const;

/**
 * Resources with the `meta` each module documents (docs/modules.md), shared with the project
 * `p-maple` of the mock portal, and the tenant's currency and brand set.
 */
export async function richContent(mock: MockPortal, tenant: { currency?: string; locale?: string; brand?: { logoUrl?: string; accentColor?: string } } = {}): Promise<void> {
  Object.assign(mock.tenants.acme!, { currency: 'EUR', ...tenant });
  const now = new Date();
  /** `YYYY-MM-DD`, `offset` days from today. */
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const put = (module: ModuleId, id: string, name: string, meta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    mock.content.put({ tenantId: 'acme', projectId: 'p-maple', module, id, kind: 'item', name, updatedAt: now, meta, ...extra });
  put('reports', 'r-final', 'Final inspection', {
    inspector: 'Sam Ortiz',
    completedAt: '2027-01-05',
    fields: [
      { label: 'Smoke alarms', value: true },
      { label: 'Handrail height', value: '36 in' },
    ],
  }, { status: 'completed' });
  put('dailyLogs', 'dl-jan5', 'Daily log Jan 5', {
    date: '2027-01-05',
    weather: 'Sunny, 12 °C',
    crew: ['Framing crew', { name: 'Electricians', count: 2 }],
    notes: 'Roof trusses delivered.\nCrane on site until noon.',
    photos: [{ name: 'Trusses', url: `${location.origin}/test/browser/support/photo.svg` }],
  });
  put('selections', 'sel-faucet', 'Kitchen faucet', {
    allowance: 450,
    price: 520,
    chosenOptionId: 'o2',
    options: [
      { id: 'o1', name: 'Chrome pull-down', price: 380 },
      { id: 'o2', name: 'Matte black pull-down', price: 520 },
    ],
  });
  put('changeOrders', 'co-2', 'CO-2 Skylight', { description: 'Add a skylight over the stairs.', amount: 6800, status: 'approved' });
  put('invoices', 'inv-2', 'Invoice #1002', { amount: 12500.5, dueDate: '2027-01-05', status: 'open', pdfUrl: 'https://files.builder.example/inv-1002.pdf', payUrl: 'https://pay.builder.example/inv-1002' });
  put('invoices', 'inv-3', 'Invoice #1003', { amount: 300, dueDate: '2027-02-01', status: 'paid', payUrl: 'javascript:alert(1)' });
  put('drawings', 'dr-a301', 'A-301 Sections', {
    revisions: [
      { rev: 'A', date: '2026-11-02', url: 'https://files.builder.example/a301-a.pdf' },
      { rev: 'B', date: '2026-12-01', url: 'https://files.builder.example/a301-b.pdf', current: true },
    ],
  });
  const refs = [
    ['reports', 'r-final'],
    ['dailyLogs', 'dl-jan5'],
    ['selections', 'sel-faucet'],
    ['changeOrders', 'co-2'],
    ['invoices', 'inv-2'],
    ['invoices', 'inv-3'],
    ['drawings', 'dr-a301'],
  ] as const;
  await mock.portal.shares.share(STAFF, 'p-maple', refs.map(([module, id]) => ({ module, id, kind: 'item' as const })));
  mock.content.publishSchedule('acme', 'p-maple', {
    id: 'sch-2027',
    publishedAt: now,
    tasks: [
      { id: 't1', name: 'Foundation', start: '2026-01-05', end: '2026-01-16', progress: 100 },
      { id: 't9', name: 'Roofing', start: day(40), end: day(52), progress: 0 },
      { id: 't8', name: 'Framing', start: day(-10), end: day(30), progress: 40 },
    ],
  });
}
