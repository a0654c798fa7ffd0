import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { AuditEvent, Client, ClientDetails, InviteInfo, LinkInfo, Project, Resource, Role, Schedule, SessionToken, Share, Update } from '../../src/model/index.js';
import { createPortalClient } from 'sitegate/client';
import { Approval, ApprovalDecision, ApprovalSnapshot } from '../../src/model/approval.js';
import { Receipt } from '../../src/model/receipt.js';
import type { Check } from '../../src/contract/check.js';
import * as wire from '../../src/contract/wire.js';

/**
 * The browser client checks responses without zod, against shapes written out again in
 * src/client/schemas.ts. These tests keep them in step with the model's zod schemas: same keys,
 * same optional keys, same enum values, all the way down.
 */
type Shape = Record<string, Check<unknown>>;
type ZodObject = z.ZodObject<z.ZodRawShape>;

const unwrap = (schema: z.ZodType): z.ZodType => {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType } }).def;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return unwrap(def.innerType!);
  if (def.type === 'pipe') return unwrap(def.in!);
  return schema;
};

function compare(model: ZodObject, check: Check<unknown> & { shape?: Shape }, path: string): void {
  const shape = check.shape!;
  expect(Object.keys(shape).sort(), path).toEqual(Object.keys(model.shape).sort());
  for (const [key, field] of Object.entries(model.shape as Record<string, z.ZodType>)) {
    const at = `${path}.${key}`;
    expect(!!shape[key]!.optional, `${at} optional`).toBe(field.safeParse(undefined).success);
    let inner = unwrap(field);
    let wireField: (v: unknown, p: (string | number)[]) => unknown = shape[key]!;
    const def = (inner as unknown as { def: { type: string; element?: z.ZodType } }).def;
    if (def.type === 'array') {
      inner = unwrap(def.element!);
      const item = wireField;
      wireField = (v, p) => (item([v], p) as unknown[])[0];
    }
    const innerDef = (inner as unknown as { def: { type: string; entries?: Record<string, string> } }).def;
    if (innerDef.type === 'enum') {
      for (const option of Object.values(innerDef.entries!)) expect(() => wireField(option, []), `${at} = ${option}`).not.toThrow();
      expect(() => wireField('not-an-option', []), at).toThrow();
    }
    if (innerDef.type === 'object') {
      const nested = (shape[key] as Check<unknown> & { shape?: Shape }).shape ? shape[key]! : undefined;
      if (nested) compare(inner as ZodObject, nested as Check<unknown> & { shape?: Shape }, at);
    }
  }
}

describe('wire checks match the model', () => {
  const pairs: [string, ZodObject, Check<unknown>][] = [
    ['Client', Client, wire.WireClient],
    ['ClientDetails', ClientDetails, wire.WireClientDetails],
    ['Project', Project, wire.WireProject],
    ['Resource', Resource, wire.WireResource],
    ['Schedule', Schedule, wire.WireSchedule],
    ['Share', Share, wire.WireShare],
    ['Update', Update, wire.WireUpdate],
    ['Role', Role, wire.WireRole],
    ['AuditEvent', AuditEvent, wire.WireAuditEvent],
    ['InviteInfo', InviteInfo, wire.WireInviteInfo],
    ['LinkInfo', LinkInfo, wire.WireLinkInfo],
    ['Receipt', Receipt, wire.WireReceipt],
    ['SessionToken', SessionToken, wire.WireSession],
    ['Approval', Approval, wire.WireApproval],
    ['ApprovalDecision', ApprovalDecision, wire.WireApprovalDecision],
    ['ApprovalSnapshot', ApprovalSnapshot, wire.WireApprovalSnapshot],
  ];
  for (const [name, model, check] of pairs) it(name, () => compare(model as ZodObject, check, name));
});

describe('the client checks what the server sends', () => {
  const answering = (body: unknown) =>
    createPortalClient({ baseUrl: 'http://portal.test/api', retries: 0, fetch: async () => Response.json(body) });
  const client = {
    tenantId: 'acme', id: 'cl_1', email: 'dana@example.com', roleId: 'client', projectIds: ['p1'], portalAccess: true,
    status: 'active', createdAt: '2026-09-01T10:00:00.000Z', updatedAt: '2026-09-02T10:00:00.000Z', unknownNewField: 1,
  };

  it('revives dates and drops fields it does not know', async () => {
    const page = await answering({ items: [client], nextCursor: null }).clients.list();
    expect(page.items[0]!.createdAt).toEqual(new Date('2026-09-01T10:00:00.000Z'));
    expect(page.items[0]).not.toHaveProperty('unknownNewField');
    expect(page.items[0]).not.toHaveProperty('name');
  });

  it('keeps the builder’s default frequency and a first visit, and checks them', async () => {
    const preference = { frequency: 'instant', isDefault: false, tenantDefault: 'daily' };
    expect(await answering(preference).notifications.get()).toEqual(preference);
    expect(await answering(preference).notifications.set({ frequency: 'instant' })).toEqual(preference);
    expect(await answering(preference).notifications.getFor('cl_1')).toEqual(preference);
    await expect(answering({ ...preference, tenantDefault: 'hourly' }).notifications.get()).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('tenantDefault') });
    await expect(answering({ frequency: 'instant', isDefault: false }).notifications.get()).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('tenantDefault') });
    const feed = { project: { tenantId: 'acme', id: 'p1', name: 'Maple' }, modules: {} };
    expect((await answering({ ...feed, firstVisit: true }).view.feed('p1')).firstVisit).toBe(true);
    expect(await answering(feed).view.feed('p1')).not.toHaveProperty('firstVisit');
    await expect(answering({ ...feed, firstVisit: 'yes' }).view.feed('p1')).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('firstVisit') });
  });

  it('rejects a response of the wrong shape with a typed error naming the field', async () => {
    const bad = { items: [{ ...client, createdAt: 'yesterday' }], nextCursor: null };
    await expect(answering(bad).clients.list()).rejects.toMatchObject({ name: 'SitegateError', code: 'internal', message: expect.stringContaining('items.0.createdAt') });
    await expect(answering({ ...client, status: 'gone' }).clients.get('cl_1')).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('status') });
    await expect(answering([{ tenantId: 'acme', id: '../x', name: 'P' }]).projects.list()).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('0.id') });
  });
});
