import * as z from 'zod';

/**
 * The `meta` a content source may attach to a resource, per module: what `<sg-portal-view>`
 * shows in a resource's details. Every field is optional; unknown fields are kept and ignored.
 * Amounts are numbers in the tenant's currency (`tenants().currency`); dates without a time are
 * `YYYY-MM-DD` calendar dates, shown as that date in every time zone. docs/modules.md has examples.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const amount = z.number().finite();

/** A completed inspection or form: its answers, who signed it, when. */
export const ReportMeta = z.looseObject({
  fields: z.array(z.looseObject({ label: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) })).optional(),
  inspector: z.string().optional(),
  completedAt: z.union([day, z.iso.datetime({ offset: true })]).optional(),
});

export const DailyLogMeta = z.looseObject({
  /** The log's date (`YYYY-MM-DD`). */
  date: day.optional(),
  notes: z.string().optional(),
  weather: z.string().optional(),
  crew: z.array(z.union([z.string(), z.looseObject({ name: z.string(), count: z.number().int().nonnegative().optional() })])).optional(),
  photos: z.array(z.looseObject({ name: z.string().optional(), url: z.string() })).optional(),
});

export const SelectionMeta = z.looseObject({
  options: z.array(z.looseObject({ id: z.string(), name: z.string(), price: amount.optional(), imageUrl: z.string().optional() })).optional(),
  allowance: amount.optional(),
  price: amount.optional(),
  chosenOptionId: z.string().optional(),
  dueDate: day.optional(),
});

export const ChangeOrderMeta = z.looseObject({
  description: z.string().optional(),
  amount: amount.optional(),
  status: z.string().optional(),
});

export const InvoiceMeta = z.looseObject({
  amount: amount.optional(),
  dueDate: day.optional(),
  status: z.string().optional(),
  /** The invoice as a PDF the host serves. */
  pdfUrl: z.string().optional(),
  /** The host's payment page; the portal shows "Pay" only when it is http(s). */
  payUrl: z.string().optional(),
});

/** Revisions oldest first; `current` marks the one in force (else `meta.revision`, else the last). */
export const DrawingMeta = z.looseObject({
  revision: z.string().optional(),
  revisions: z
    .array(z.union([z.string(), z.looseObject({ rev: z.string(), date: day.optional(), url: z.string().optional(), current: z.boolean().optional() })]))
    .optional(),
});

/** Each module's `meta` schema; modules not listed carry free-form `meta`. */
export const ResourceMeta = {
  reports: ReportMeta,
  dailyLogs: DailyLogMeta,
  selections: SelectionMeta,
  changeOrders: ChangeOrderMeta,
  invoices: InvoiceMeta,
  drawings: DrawingMeta,
} as const;

export type ReportMeta = z.infer<typeof ReportMeta>;
export type DailyLogMeta = z.infer<typeof DailyLogMeta>;
export type SelectionMeta = z.infer<typeof SelectionMeta>;
export type ChangeOrderMeta = z.infer<typeof ChangeOrderMeta>;
export type InvoiceMeta = z.infer<typeof InvoiceMeta>;
export type DrawingMeta = z.infer<typeof DrawingMeta>;

/** `meta` typed by module: `ResourceMetaFor<'invoices'>` is `InvoiceMeta`. */
export type ResourceMetaFor<M extends string> = M extends keyof typeof ResourceMeta ? z.infer<(typeof ResourceMeta)[M]> : Record<string, unknown>;
