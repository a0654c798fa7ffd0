import { createMongoAbility, subject, type MongoAbility } from '@casl/ability';
import { unpackRules } from '@casl/ability/extra';
import { describe, expect, it } from 'vitest';
import { defineAbilityFor, packAbility, type ClientActor, type ClientRecord, type ModulePermission, type Resource, type StaffActor } from 'sitegate';
import { isPresentable, mayActIn, resourceSubject } from '../../src/access/policy.js';

const at = new Date('2026-01-05T09:00:00Z');
const staff: StaffActor = { type: 'staff', tenantId: 'acme', userId: 'u1' };
const actor: ClientActor = { type: 'client', tenantId: 'acme', clientId: 'cl-1' };
const client: ClientRecord = {
  tenantId: 'acme',
  id: 'cl-1',
  email: 'ivy@example.com',
  roleId: 'client',
  projectIds: ['p1'],
  portalAccess: true,
  activatedAt: at,
  createdAt: at,
  updatedAt: at,
};
const permissions: ModulePermission[] = [
  { module: 'documents', actions: ['read'] },
  { module: 'reports', actions: ['read'] },
  { module: 'selections', actions: ['approve', 'read'] },
];
const resource = (over: Partial<Resource> = {}): Resource => ({
  tenantId: 'acme',
  projectId: 'p1',
  module: 'documents',
  id: 'd1',
  kind: 'item',
  name: 'd1',
  updatedAt: at,
  ...over,
});

describe('the access policy (CASL)', () => {
  const ability = defineAbilityFor(actor, { client, permissions });
  const may = (action: 'read' | 'approve', r: Resource, shared: boolean) => ability.can(action, resourceSubject('acme', r, shared));

  it('lets a client read only shared resources of its projects, in modules its permissions hold', () => {
    expect(may('read', resource(), true)).toBe(true);
    expect(may('read', resource(), false)).toBe(false);
    expect(may('read', resource({ projectId: 'p2' }), true)).toBe(false);
    expect(may('read', resource({ module: 'photos' }), true)).toBe(false);
    expect(ability.can('read', resourceSubject('globex', resource(), true))).toBe(false);
  });

  it('shows reports only once completed, as a condition of the rule itself', () => {
    expect(may('read', resource({ module: 'reports', status: 'completed' }), true)).toBe(true);
    expect(may('read', resource({ module: 'reports', status: 'draft' }), true)).toBe(false);
    expect(may('read', resource({ module: 'reports' }), true)).toBe(false);
    // A report folder holds reports; it shows (its drafts are checked one by one).
    expect(may('read', resource({ module: 'reports', kind: 'folder' }), true)).toBe(true);
    expect(may('read', resource({ module: 'documents', status: 'draft' }), true)).toBe(true);
  });

  it('grants approve only where the permissions grant it', () => {
    expect(may('approve', resource({ module: 'selections' }), true)).toBe(true);
    expect(may('approve', resource({ module: 'selections' }), false)).toBe(false);
    expect(may('approve', resource(), true)).toBe(false);
  });

  it('grants nothing to a client that may not sign in, or whose record is not the actor', () => {
    for (const record of [{ ...client, portalAccess: false }, { ...client, activatedAt: undefined }, { ...client, id: 'cl-2' }, { ...client, tenantId: 'globex' }, null]) {
      const none = defineAbilityFor(actor, { client: record as ClientRecord | null, permissions });
      expect(none.can('read', resourceSubject('acme', resource(), true)), JSON.stringify(record)).toBe(false);
      expect(none.rules).toEqual([]);
    }
    const noProjects = defineAbilityFor(actor, { client: { ...client, projectIds: [] }, permissions });
    expect(noProjects.can('read', resourceSubject('acme', resource(), true))).toBe(false);
  });

  it('lets staff read every resource of their tenant, drafts and unshared ones included, and approve none', () => {
    const staffAbility = defineAbilityFor(staff);
    expect(staffAbility.can('read', resourceSubject('acme', resource({ module: 'reports', status: 'draft' }), false))).toBe(true);
    expect(staffAbility.can('read', resourceSubject('globex', resource(), true))).toBe(false);
    expect(staffAbility.can('approve', resourceSubject('acme', resource({ module: 'selections' }), true))).toBe(false);
    expect(staffAbility.can('manage', subject('Share', { tenantId: 'acme' }))).toBe(true);
    expect(staffAbility.can('manage', subject('Share', { tenantId: 'globex' }))).toBe(false);
  });

  it('gates a project and module before any content is looked at', () => {
    expect(mayActIn(ability, 'read', 'acme', 'p1', 'reports')).toBe(true);
    expect(mayActIn(ability, 'read', 'acme', 'p1', 'photos')).toBe(false);
    expect(mayActIn(ability, 'read', 'acme', 'p2', 'documents')).toBe(false);
    expect(mayActIn(ability, 'approve', 'acme', 'p1', 'selections')).toBe(true);
    expect(mayActIn(ability, 'approve', 'acme', 'p1', 'documents')).toBe(false);
  });

  it('packs rules that answer the same in the browser, report condition included', () => {
    const browser: MongoAbility = createMongoAbility(unpackRules(packAbility(ability)) as never);
    const draft = resourceSubject('acme', resource({ module: 'reports', status: 'draft' }), true);
    const done = resourceSubject('acme', resource({ module: 'reports', status: 'completed' }), true);
    expect([browser.can('read', draft), browser.can('read', done)]).toEqual([false, true]);
  });
});

describe('isPresentable', () => {
  it('agrees with the policy: a report only once completed, a report folder, everything else', () => {
    expect(isPresentable({ module: 'reports', kind: 'item', status: 'completed' })).toBe(true);
    expect(isPresentable({ module: 'reports', kind: 'item', status: 'draft' })).toBe(false);
    expect(isPresentable({ module: 'reports', kind: 'item' })).toBe(false);
    expect(isPresentable({ module: 'reports', kind: 'folder' })).toBe(true);
    expect(isPresentable({ module: 'documents', kind: 'item', status: 'draft' })).toBe(true);
  });
});
