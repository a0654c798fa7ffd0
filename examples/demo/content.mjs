// The demo builder's own content — what a host product keeps in its database. sitegate never
// copies it: the portal resolves it through this content source on every request.
import { fileUrl, PAY_PATH } from './sample-files.mjs';

const T = 'acme';
const day = (d) => new Date(Date.UTC(2026, 9, d, 15, 0));

const projects = [
  { tenantId: T, id: 'maple-12', name: '12 Maple Street — new build' },
  { tenantId: T, id: 'harbor-view', name: 'Harbor View Townhomes' },
  { tenantId: T, id: 'oak-lane', name: 'Oak Lane kitchen renovation' },
];

const r = (projectId, module, id, name, extra = {}) => ({
  tenantId: T,
  projectId,
  module,
  id,
  kind: 'item',
  name,
  updatedAt: day(extra.d ?? 10),
  ...extra,
  d: undefined,
});
/** A drawing's revisions, oldest first, each a sheet of its own. */
const revisions = (sheet, list) => list.map(([rev, date]) => ({ rev, date, url: file(`${sheet}-${rev.toLowerCase()}.svg`) }));
const folder = (projectId, module, id, name, parentId) => r(projectId, module, id, name, { kind: 'folder', ...(parentId ? { parentId } : {}) });
const file = fileUrl;

function projectContent(p, label) {
  return [
    folder(p, 'documents', `${p}-contracts`, 'Contracts'),
    r(p, 'documents', `${p}-contract`, `${label} building contract.pdf`, { parentId: `${p}-contracts`, url: file(`${p}-contract.pdf`), meta: { size: '1.2 MB' } }),
    r(p, 'documents', `${p}-payment-schedule`, 'Payment schedule.pdf', { parentId: `${p}-contracts`, url: file(`${p}-payments.pdf`) }),
    folder(p, 'documents', `${p}-permits`, 'Permits', `${p}-contracts`),
    r(p, 'documents', `${p}-permit`, 'Building permit BP-2026-0412.pdf', { parentId: `${p}-permits`, url: file(`${p}-permit.pdf`) }),
    r(p, 'documents', `${p}-zoning`, 'Zoning approval.pdf', { parentId: `${p}-permits`, url: file(`${p}-zoning.pdf`) }),
    folder(p, 'documents', `${p}-warranty`, 'Warranty & manuals'),
    r(p, 'documents', `${p}-hvac-manual`, 'HVAC manual.pdf', { parentId: `${p}-warranty`, url: file(`${p}-hvac.pdf`) }),
    r(p, 'documents', `${p}-budget`, 'Internal cost budget.xlsx', { url: file(`${p}-budget.xlsx`) }),
    r(p, 'drawings', `${p}-a101`, 'A-101 Floor plan', { meta: { revision: 'C', revisions: revisions(`${p}-a101`, [['A', '2026-08-02'], ['B', '2026-09-01'], ['C', '2026-10-06']]) }, url: file(`${p}-a101-c.svg`) }),
    r(p, 'drawings', `${p}-a201`, 'A-201 Elevations', { meta: { revision: 'B', revisions: revisions(`${p}-a201`, [['A', '2026-08-02'], ['B', '2026-09-20']]) }, url: file(`${p}-a201-b.svg`) }),
    r(p, 'drawings', `${p}-e101`, 'E-101 Electrical plan', { meta: { revision: 'A', revisions: revisions(`${p}-e101`, [['A', '2026-09-12']]) }, url: file(`${p}-e101-a.svg`) }),
    r(p, 'reports', `${p}-frame-inspection`, 'Framing inspection', {
      status: 'completed',
      d: 14,
      meta: { inspector: 'County of Marin', completedAt: '2026-10-14', fields: [{ label: 'Shear nailing', value: 'Pass' }, { label: 'Hold-downs', value: 'Pass' }, { label: 'Re-inspection needed', value: false }] },
    }),
    r(p, 'reports', `${p}-safety-oct`, 'Site safety walk — October', { status: 'completed', d: 18 }),
    r(p, 'reports', `${p}-punch`, 'Punch list (in progress)', { status: 'draft', d: 20 }),
    folder(p, 'photos', `${p}-foundation`, 'Foundation'),
    r(p, 'photos', `${p}-photo-1`, 'Footings poured.jpg', { parentId: `${p}-foundation`, url: file(`${p}-1.jpg`), d: 3 }),
    r(p, 'photos', `${p}-photo-2`, 'Slab cured.jpg', { parentId: `${p}-foundation`, url: file(`${p}-2.jpg`), d: 7 }),
    folder(p, 'photos', `${p}-framing`, 'Framing'),
    r(p, 'photos', `${p}-photo-3`, 'Walls up.jpg', { parentId: `${p}-framing`, url: file(`${p}-3.jpg`), d: 15 }),
    r(p, 'photos', `${p}-photo-4`, 'Roof trusses.jpg', { parentId: `${p}-framing`, url: file(`${p}-4.jpg`), d: 19 }),
    r(p, 'dailyLogs', `${p}-log-20`, 'Daily log — Oct 20', { d: 20, meta: { date: '2026-10-20', weather: 'Sunny, 18°C', crew: ['Framing crew', { name: 'Roofers', count: 3 }], notes: 'Roof sheathing started.', photos: [{ name: 'Sheathing', url: file(`${p}-log-20.jpg`) }] } }),
    r(p, 'dailyLogs', `${p}-log-21`, 'Daily log — Oct 21', { d: 21, meta: { date: '2026-10-21', weather: 'Light rain', crew: [{ name: 'Framers', count: 4 }], notes: 'Interior blocking; exterior work paused.' } }),
    r(p, 'dailyLogs', `${p}-log-22`, 'Daily log — Oct 22', { d: 22, meta: { date: '2026-10-22', weather: 'Overcast', crew: [{ name: 'Framers', count: 5 }, { name: 'Window supplier', count: 2 }], notes: 'Windows delivered.' } }),
    r(p, 'schedule', `${p}-schedule`, 'Construction schedule'),
    r(p, 'selections', `${p}-tile`, 'Kitchen backsplash tile', {
      status: 'awaiting approval',
      meta: { allowance: 2400, price: 2750, chosenOptionId: 'zellige', options: [{ id: 'subway', name: 'White subway, gloss', price: 1900 }, { id: 'zellige', name: 'Zellige, sea glass', price: 2750 }] },
    }),
    r(p, 'selections', `${p}-faucet`, 'Kitchen faucet', { status: 'approved', meta: { allowance: 650, price: 590, chosenOptionId: 'brass', options: [{ id: 'brass', name: 'Brushed brass pull-down', price: 590 }, { id: 'chrome', name: 'Chrome pull-down', price: 420 }] } }),
    r(p, 'changeOrders', `${p}-co-1`, 'CO-1 Add outlet in pantry', { status: 'approved', meta: { description: 'One duplex outlet on the pantry wall, on the kitchen circuit.', amount: 420, status: 'approved' } }),
    r(p, 'changeOrders', `${p}-co-2`, 'CO-2 Upgrade to triple-pane windows', { status: 'pending', meta: { description: 'Triple-pane glazing for all 14 windows instead of double-pane.', amount: 6800, status: 'pending' } }),
    r(p, 'invoices', `${p}-inv-1001`, 'Invoice #1001 — deposit', { status: 'paid', meta: { amount: 25000, dueDate: '2026-08-01', status: 'paid', pdfUrl: file(`${p}-inv-1001.pdf`) } }),
    r(p, 'invoices', `${p}-inv-1002`, 'Invoice #1002 — foundation', {
      status: 'due',
      meta: { amount: 38000, dueDate: '2026-11-05', status: 'due', pdfUrl: file(`${p}-inv-1002.pdf`), payUrl: `${PAY_PATH}${p}-1002` },
    }),
  ];
}

const schedule = (p, shift) => ({
  id: `${p}-v1`,
  publishedAt: day(20),
  tasks: [
    { id: 'site', name: 'Site preparation', start: `2026-08-${String(3 + shift).padStart(2, '0')}`, end: '2026-08-21', progress: 100 },
    { id: 'foundation', name: 'Foundation', start: '2026-08-24', end: '2026-09-18', progress: 100 },
    { id: 'framing', name: 'Framing', start: '2026-09-21', end: '2026-10-30', progress: 70 },
    { id: 'roof', name: 'Roofing', start: '2026-10-26', end: '2026-11-13', progress: 20 },
    { id: 'mep', name: 'Mechanical, electrical, plumbing rough-in', start: '2026-11-09', end: '2026-12-11', progress: 0 },
    { id: 'finish', name: 'Interior finishes', start: '2027-01-04', end: '2027-03-05', progress: 0 },
  ],
});

/** The content fixture in the shape `memoryContent()` takes. */
export function demoContent() {
  return {
    projects,
    resources: [...projectContent('maple-12', 'Maple'), ...projectContent('harbor-view', 'Harbor View'), ...projectContent('oak-lane', 'Oak Lane')].map(
      ({ d, ...resource }) => resource,
    ),
    schedules: Object.fromEntries(projects.map((p, i) => [`${T}/${p.id}`, schedule(p.id, i)])),
  };
}

export const DEMO_TENANT = T;
export const demoTenant = {
  name: 'Acme Builders',
  modules: ['updates', 'documents', 'drawings', 'reports', 'photos', 'dailyLogs', 'schedule', 'selections', 'changeOrders', 'invoices'],
  branding: { color: '#0f766e' },
  // The portal page's look and money: accent colour, amounts in US dollars.
  brand: { accentColor: '#0f766e' },
  currency: 'USD',
  // Clients may sign in with a password or an emailed one-time link.
  signInMethods: ['password', 'link'],
};
